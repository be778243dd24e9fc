import { parseSnippet } from '../lib/results';
import type { SearchResult } from '../types';

/** A highlight snippet: the matching words marked, everything else plain text. */
export function Snippet({ snippet }: { snippet: string }) {
  return (
    <>
      {parseSnippet(snippet).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}

/** The hit's name, with the query's words marked when the name matched. */
export function ResultName({ result }: { result: SearchResult }) {
  const name = result.highlights.find((highlight) => highlight.field === 'name');
  return name ? <Snippet snippet={name.snippet} /> : <>{result.name}</>;
}

/** Where else the query matched (a description, a tag, a param…), else the description or status. */
export function ResultContext({ result }: { result: SearchResult }) {
  const other = result.highlights.find((highlight) => highlight.field !== 'name');
  if (other) {
    return (
      <>
        <span className="search-field">{other.field}</span> <Snippet snippet={other.snippet} />
      </>
    );
  }
  const fallback = [result.status?.toLowerCase(), result.description].filter(Boolean).join(' · ');
  return fallback ? <>{fallback}</> : null;
}
