/** Query keys of the models feature; invalidating `modelKeys.detail(id)` refreshes everything about one model. */
export const modelKeys = {
  all: ['models'] as const,
  list: (includeDeleted: boolean) => [...modelKeys.all, 'list', { includeDeleted }] as const,
  detail: (id: string) => [...modelKeys.all, 'detail', id] as const,
  versions: (id: string) => [...modelKeys.detail(id), 'versions'] as const,
  approvals: (id: string, status?: string) => [...modelKeys.detail(id), 'approvals', status ?? 'all'] as const,
};
