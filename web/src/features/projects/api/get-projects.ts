import { useInfiniteQuery } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import { nextPageToken } from '@/shared/api/paging';
import type { ProjectPage } from '../types';
import { projectKeys } from './keys';

export const PROJECTS_PAGE_SIZE = 50;

/** `GET /projects`: newest first, paged. */
export function getProjects(params: { includeArchived: boolean; pageToken?: string; maxResults?: number }) {
  return apiJson<ProjectPage>('/projects', {
    query: {
      includeArchived: params.includeArchived || undefined,
      maxResults: params.maxResults ?? PROJECTS_PAGE_SIZE,
      pageToken: params.pageToken,
    },
  });
}

export function useProjects(includeArchived: boolean) {
  return useInfiniteQuery({
    queryKey: projectKeys.list(includeArchived),
    queryFn: ({ pageParam }) => getProjects({ includeArchived, pageToken: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageToken,
  });
}
