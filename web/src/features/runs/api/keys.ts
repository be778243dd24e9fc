import type { SearchRunsRequest } from '../types';

export const runKeys = {
  all: ['runs'] as const,
  search: (request: Omit<SearchRunsRequest, 'pageToken'>) => [...runKeys.all, 'search', request] as const,
  detail: (id: string) => [...runKeys.all, 'detail', id] as const,
  metric: (id: string, key: string, maxPoints: number) => [...runKeys.all, 'detail', id, 'metric', key, maxPoints] as const,
  artifacts: (id: string) => [...runKeys.all, 'detail', id, 'artifacts'] as const,
};

/** How often an active run's page refreshes its data, in milliseconds. */
export const LIVE_REFRESH_MS = 3000;
