import { useInfiniteQuery } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import { nextPageToken } from '@/shared/api/paging';
import type { DatasetPage } from '../types';
import { datasetKeys } from './keys';

export const DATASETS_PAGE_SIZE = 50;

/** `GET /datasets`: by name, paged. */
export function getDatasets(params: { pageToken?: string; maxResults?: number } = {}) {
  return apiJson<DatasetPage>('/datasets', {
    query: { maxResults: params.maxResults ?? DATASETS_PAGE_SIZE, pageToken: params.pageToken },
  });
}

export function useDatasets() {
  return useInfiniteQuery({
    queryKey: datasetKeys.list(),
    queryFn: ({ pageParam }) => getDatasets({ pageToken: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageToken,
  });
}
