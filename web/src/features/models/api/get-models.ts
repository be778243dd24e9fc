import { useInfiniteQuery } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import { nextPageToken } from '@/shared/api/paging';
import type { ModelPage } from '../types';
import { modelKeys } from './keys';

export const MODELS_PAGE_SIZE = 100;

/** `GET /models`: the organization's registered models by name, paged. */
export function getModels(params: { includeDeleted?: boolean; pageToken?: string } = {}) {
  return apiJson<ModelPage>('/models', {
    query: { includeDeleted: params.includeDeleted || undefined, maxResults: MODELS_PAGE_SIZE, pageToken: params.pageToken },
  });
}

export function useModels(includeDeleted: boolean) {
  return useInfiniteQuery({
    queryKey: modelKeys.list(includeDeleted),
    queryFn: ({ pageParam }) => getModels({ includeDeleted, pageToken: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageToken,
  });
}
