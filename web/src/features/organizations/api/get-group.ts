import { useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { GroupDetail } from '../types';
import { organizationKeys } from './keys';

/** `GET /orgs/{org}/groups/{groupId}`: one group with its members. */
export function getGroup(org: string, groupId: string) {
  return apiJson<GroupDetail>(`/orgs/${encodePath(org)}/groups/${encodePath(groupId)}`);
}

export function useGroup(org: string, groupId: string) {
  return useQuery({ queryKey: organizationKeys.group(org, groupId), queryFn: () => getGroup(org, groupId) });
}
