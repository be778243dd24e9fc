import { useInfiniteQuery } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import { nextPageToken } from '@/shared/api/paging';
import type { AgentPage } from '../types';
import { COMPUTE_REFRESH_MS, computeKeys } from './keys';

export const AGENTS_PAGE_SIZE = 100;

/** `GET /compute/agents`: the organization's registered agents, paged. */
export function getAgents(params: { pageToken?: string; maxResults?: number } = {}) {
  return apiJson<AgentPage>('/compute/agents', {
    query: { maxResults: params.maxResults ?? AGENTS_PAGE_SIZE, pageToken: params.pageToken },
  });
}

/** Refreshed every few seconds, so heartbeats show. */
export function useAgents() {
  return useInfiniteQuery({
    queryKey: computeKeys.agents(),
    queryFn: ({ pageParam }) => getAgents({ pageToken: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageToken,
    refetchInterval: COMPUTE_REFRESH_MS,
  });
}
