import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { formatTime } from '@/shared/lib/format';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { LoadMoreButton } from '@/shared/ui/LoadMoreButton';
import { useSearchResults } from '../api/search';
import { KIND_LABELS, resultPath } from '../lib/results';
import { ResultContext, ResultName } from './ResultText';

/** What `q` accepts, shown under the box. */
function Grammar() {
  return (
    <p className="hint">
      Every term must match: words (<code>resnet</code>), phrases (<code>"image classifier"</code>), and filters{' '}
      <code>kind:run</code>, <code>status:finished</code>, <code>project:&lt;id&gt;</code>, <code>id:&lt;id&gt;</code>,{' '}
      <code>tag.team:vision</code>, <code>param.optimizer:adamw</code>.
    </p>
  );
}

/**
 * The results page of the global search: the query in an editable box (kept in the URL by `onSearch`), the hits
 * best first with their highlights, and "load more" while pages follow.
 */
export function SearchResults({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const id = useId();
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const results = useSearchResults(q);
  const rows = results.data?.pages.flatMap((page) => page.results) ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) onSearch(text.trim());
  };

  return (
    <section className="card search-results" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Search</h1>
      <form className="filter-form" role="search" aria-label="Search everything" onSubmit={submit}>
        <label htmlFor={`${id}-q`} className="visually-hidden">
          Search query
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="resnet status:finished tag.team:vision"
          aria-describedby={`${id}-error`}
        />
        <button type="submit" className="button primary" disabled={!text.trim()}>
          Search
        </button>
      </form>
      <Grammar />
      {!q ? <EmptyState title="Type what you are looking for">Projects, runs, datasets and models of the organization are searched.</EmptyState> : null}
      {q && results.isPending ? <Loading label="Searching…" /> : null}
      {results.isError && !results.isFetchNextPageError ? <ErrorMessage error={results.error} id={`${id}-error`} /> : null}
      {results.isSuccess && rows.length === 0 ? (
        <EmptyState title={`Nothing matches “${q}”`}>
          Try fewer terms, or another spelling; the index follows new writes within a moment.
        </EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <>
          <p className="muted small" role="status">
            {rows.length.toLocaleString()} result{rows.length === 1 ? '' : 's'}
            {results.hasNextPage ? ' so far' : ''}
          </p>
          <ol className="search-hits">
            {rows.map((result) => (
              <li key={`${result.kind}-${result.id}`} className="search-hit">
                <span className="badge">{KIND_LABELS[result.kind].replace(/s$/, '').toLowerCase()}</span>{' '}
                <Link to={resultPath(result)} className="search-name">
                  <ResultName result={result} />
                </Link>
                <div className="search-context muted small">
                  <ResultContext result={result} />
                  {result.updateTime ? <span className="nowrap"> · updated {formatTime(result.updateTime)}</span> : null}
                </div>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <LoadMoreButton list={results} label="Load more results" />
    </section>
  );
}
