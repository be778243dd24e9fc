import { useInfiniteQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import { nextPageToken } from '@/shared/api/paging';
import type { ModelVersionPage } from '../types';
import { modelKeys } from './keys';

/** `GET /models/{id}/versions`: newest first, paged. */
export function getModelVersions(modelId: string, pageToken?: string) {
  return apiJson<ModelVersionPage>(`/models/${encodePath(modelId)}/versions`, { query: { maxResults: 100, pageToken } });
}

export function useModelVersions(modelId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    enabled,
    queryKey: modelKeys.versions(modelId),
    queryFn: ({ pageParam }) => getModelVersions(modelId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageToken,
  });
}
