import { useInfiniteQuery } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import { nextPageToken } from '@/shared/api/paging';
import type { RunPage, SearchRunsRequest } from '../types';
import { runKeys } from './keys';

/** The largest page the API serves; the table is virtualized, so big pages cost little. */
export const RUNS_PAGE_SIZE = 1000;

/** `POST /runs/search`: MLflow filter grammar and orderBy, paged. */
export function searchRuns(request: SearchRunsRequest) {
  return apiJson<RunPage>('/runs/search', { method: 'POST', body: request });
}

export function useSearchRuns(request: Omit<SearchRunsRequest, 'pageToken' | 'maxResults'>) {
  const base = { ...request, filter: request.filter || undefined, maxResults: RUNS_PAGE_SIZE };
  return useInfiniteQuery({
    queryKey: runKeys.search(base),
    queryFn: ({ pageParam, signal }) =>
      apiJson<RunPage>('/runs/search', { method: 'POST', body: { ...base, pageToken: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageToken,
    placeholderData: (previous) => previous,
  });
}
