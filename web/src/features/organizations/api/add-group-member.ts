import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { GroupDetail } from '../types';
import { organizationKeys } from './keys';

/** `PUT /orgs/{org}/groups/{groupId}/members/{principalId}`: a member of the organization joins; answers the group. */
export function addGroupMember(org: string, groupId: string, principalId: string) {
  return apiJson<GroupDetail>(`/orgs/${encodePath(org)}/groups/${encodePath(groupId)}/members/${encodePath(principalId)}`, { method: 'PUT' });
}

export function useAddGroupMember(org: string, groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (principalId: string) => addGroupMember(org, groupId, principalId),
    onSuccess: (group) => {
      queryClient.setQueryData(organizationKeys.group(org, groupId), group);
      return queryClient.invalidateQueries({ queryKey: organizationKeys.groups(org), exact: true });
    },
  });
}
