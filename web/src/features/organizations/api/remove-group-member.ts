import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { GroupDetail } from '../types';
import { organizationKeys } from './keys';

/** `DELETE /orgs/{org}/groups/{groupId}/members/{principalId}`: the member leaves the group; answers the group. */
export function removeGroupMember(org: string, groupId: string, principalId: string) {
  return apiJson<GroupDetail>(`/orgs/${encodePath(org)}/groups/${encodePath(groupId)}/members/${encodePath(principalId)}`, { method: 'DELETE' });
}

export function useRemoveGroupMember(org: string, groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (principalId: string) => removeGroupMember(org, groupId, principalId),
    onSuccess: (group) => {
      queryClient.setQueryData(organizationKeys.group(org, groupId), group);
      return queryClient.invalidateQueries({ queryKey: organizationKeys.groups(org), exact: true });
    },
  });
}
