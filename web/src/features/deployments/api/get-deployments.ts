import { useInfiniteQuery } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import { nextPageToken } from '@/shared/api/paging';
import type { DeploymentFilter, DeploymentPage } from '../types';
import { deploymentKeys } from './keys';

/** `GET /deployments`: newest first, only those the caller may read; narrowed by project or model when given. */
export function getDeployments(filter: DeploymentFilter = {}, pageToken?: string) {
  return apiJson<DeploymentPage>('/deployments', { query: { ...filter, maxResults: 100, pageToken } });
}

export function useDeployments(filter: DeploymentFilter = {}) {
  return useInfiniteQuery({
    queryKey: deploymentKeys.list(filter),
    queryFn: ({ pageParam }) => getDeployments(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageToken,
  });
}
