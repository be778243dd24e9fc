import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import { organizationKeys } from './keys';

/** `DELETE /orgs/{org}/groups/{groupId}`: the group and every grant to it are gone. */
export function deleteGroup(org: string, groupId: string) {
  return apiJson<void>(`/orgs/${encodePath(org)}/groups/${encodePath(groupId)}`, { method: 'DELETE' });
}

export function useDeleteGroup(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (groupId: string) => deleteGroup(org, groupId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.groups(org) }),
  });
}
