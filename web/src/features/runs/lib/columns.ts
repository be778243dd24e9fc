import type { Run } from '../types';

/** Keyed run values a column can show: a param, the latest value of a metric, or a tag. */
export type KeyKind = 'params' | 'metrics' | 'tags';

export interface KeyColumn {
  kind: KeyKind;
  key: string;
}

export const KEY_KINDS: KeyKind[] = ['metrics', 'params', 'tags'];

export const KIND_LABELS: Record<KeyKind, string> = { metrics: 'Metrics', params: 'Params', tags: 'Tags' };

export function columnId(column: KeyColumn): string {
  return `${column.kind}.${column.key}`;
}

export function parseColumnId(id: string): KeyColumn | null {
  const dot = id.indexOf('.');
  const kind = id.slice(0, dot) as KeyKind;
  if (dot < 0 || !KEY_KINDS.includes(kind)) return null;
  return { kind, key: id.slice(dot + 1) };
}

/** A key as the search grammar wants it: plain identifiers bare, anything else in backticks. */
export function quoteKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `\`${key}\``;
}

/** Sortable fields: the fixed attribute columns and every key column. */
export type SortField = 'attributes.status' | 'attributes.run_name' | 'attributes.start_time' | string;

export interface Sort {
  field: SortField;
  descending: boolean;
}

/** The API's default order (newest first). */
export const DEFAULT_SORT: Sort = { field: 'attributes.start_time', descending: true };

export function sortField(column: KeyColumn): SortField {
  return `${column.kind}.${quoteKey(column.key)}`;
}

export function orderBy(sort: Sort): string {
  return `${sort.field} ${sort.descending ? 'DESC' : 'ASC'}`;
}

/** Parses `field DESC|ASC` back (the order lives in the URL). */
export function parseOrder(text: string | null): Sort {
  if (!text) return DEFAULT_SORT;
  const match = /^(.+?)\s+(ASC|DESC)$/i.exec(text.trim());
  if (!match) return { field: text.trim(), descending: false };
  return { field: match[1], descending: match[2].toUpperCase() === 'DESC' };
}

/** A header click: unsorted → descending → ascending → back to the default order. */
export function nextSort(current: Sort, field: SortField): Sort {
  if (current.field !== field) return { field, descending: true };
  if (current.descending) return { field, descending: false };
  return DEFAULT_SORT.field === field ? { field, descending: true } : DEFAULT_SORT;
}

/** Every param, metric and tag key among the loaded runs, sorted. */
export function availableKeys(runs: Run[]): Record<KeyKind, string[]> {
  const sets: Record<KeyKind, Set<string>> = { params: new Set(), metrics: new Set(), tags: new Set() };
  for (const run of runs) {
    for (const key in run.params) sets.params.add(key);
    for (const key in run.metrics) sets.metrics.add(key);
    for (const key in run.tags) sets.tags.add(key);
  }
  return {
    params: [...sets.params].sort(),
    metrics: [...sets.metrics].sort(),
    tags: [...sets.tags].sort(),
  };
}

/** Without a stored choice: the first few metrics and params. */
export function defaultColumns(keys: Record<KeyKind, string[]>): KeyColumn[] {
  return [
    ...keys.metrics.slice(0, 3).map((key) => ({ kind: 'metrics' as const, key })),
    ...keys.params.slice(0, 3).map((key) => ({ kind: 'params' as const, key })),
  ];
}
