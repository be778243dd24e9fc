import { useInfiniteQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import { nextPageToken } from '@/shared/api/paging';
import type { AuditFilter, AuditPage } from '../types';
import { auditKeys } from './keys';
import { filterQuery } from './query';

export const AUDIT_PAGE_SIZE = 100;

/** `GET /orgs/{org}/audit/events`: the organization's events, oldest first, filtered and paged. */
export function getAuditEvents(org: string, filter: AuditFilter, pageToken?: string) {
  return apiJson<AuditPage>(`/orgs/${encodePath(org)}/audit/events`, {
    query: { ...filterQuery(filter), maxResults: AUDIT_PAGE_SIZE, pageToken },
  });
}

export function useAuditEvents(org: string, filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: auditKeys.events(org, filter),
    queryFn: ({ pageParam }) => getAuditEvents(org, filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageToken,
  });
}
