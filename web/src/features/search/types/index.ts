import type { MetricValue } from '@/shared/lib/format';

export type SearchKind = 'project' | 'run' | 'dataset' | 'model';

/** The kinds in the order the search box groups them. */
export const SEARCH_KINDS: SearchKind[] = ['project', 'run', 'dataset', 'model'];

/** Where a word of the query occurs: `snippet` is HTML-escaped text with each match in `<em>…</em>`. */
export interface SearchHighlight {
  field: string;
  snippet: string;
}

/** One hit of `GET /search`; `projectId` is null for datasets and models, `status` for models. */
export interface SearchResult {
  kind: SearchKind;
  id: string;
  projectId?: string | null;
  name: string;
  description?: string | null;
  status?: string | null;
  tags?: Record<string, string>;
  params?: Record<string, string>;
  metrics?: Record<string, { value: MetricValue; step: number; timestamp: number }>;
  updateTime?: number;
  highlights: SearchHighlight[];
}

export interface SearchPage {
  results: SearchResult[];
  nextPageToken?: string;
}
