import { paths } from '@/shared/paths';
import { SEARCH_KINDS, type SearchKind, type SearchResult } from '../types';

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

export interface SnippetPart {
  text: string;
  match: boolean;
}

/**
 * A highlight snippet (HTML-escaped, matches in `<em>…</em>`) as plain text parts, so it is rendered as text and
 * never as HTML.
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const unescape = (text: string) => text.replace(/&(lt|gt|amp|quot|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);
  snippet.split(/(<em>.*?<\/em>)/).forEach((piece) => {
    if (!piece) return;
    const match = piece.startsWith('<em>') && piece.endsWith('</em>');
    parts.push({ text: unescape(match ? piece.slice(4, -5) : piece), match });
  });
  return parts;
}

/** The UI page of a hit. */
export function resultPath(result: SearchResult): string {
  switch (result.kind) {
    case 'project':
      return paths.project(result.id);
    case 'run':
      return paths.run(result.id);
    case 'dataset':
      return paths.dataset(result.id);
    default:
      return paths.model(result.id);
  }
}

export const KIND_LABELS: Record<SearchKind, string> = { project: 'Projects', run: 'Runs', dataset: 'Datasets', model: 'Models' };

/** Hits grouped by kind (projects, runs, datasets, models), each group in the server's best-first order. */
export function groupByKind(results: SearchResult[]): { kind: SearchKind; results: SearchResult[] }[] {
  return SEARCH_KINDS.map((kind) => ({ kind, results: results.filter((result) => result.kind === kind) })).filter(
    (group) => group.results.length > 0,
  );
}
