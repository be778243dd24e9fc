/** Query keys of the projects feature; invalidating `projectKeys.all` refreshes every project view. */
export const projectKeys = {
  all: ['projects'] as const,
  lists: () => [...projectKeys.all, 'list'] as const,
  list: (includeArchived: boolean) => [...projectKeys.lists(), { includeArchived }] as const,
  detail: (id: string) => [...projectKeys.all, 'detail', id] as const,
  grants: (id: string) => [...projectKeys.detail(id), 'grants'] as const,
};
