import { useInfiniteQuery } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import { nextPageToken } from '@/shared/api/paging';
import type { TargetPage } from '../types';
import { computeKeys } from './keys';

export const TARGETS_PAGE_SIZE = 100;

/** `GET /compute/targets`: by name, paged. */
export function getTargets(params: { pageToken?: string; maxResults?: number } = {}) {
  return apiJson<TargetPage>('/compute/targets', {
    query: { maxResults: params.maxResults ?? TARGETS_PAGE_SIZE, pageToken: params.pageToken },
  });
}

export function useTargets() {
  return useInfiniteQuery({
    queryKey: computeKeys.targets(),
    queryFn: ({ pageParam }) => getTargets({ pageToken: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageToken,
  });
}
