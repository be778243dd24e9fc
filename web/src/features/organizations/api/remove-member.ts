import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import { organizationKeys } from './keys';

/** `DELETE /orgs/{org}/members/{principalId}`: the member leaves the organization and its groups. */
export function removeMember(org: string, principalId: string) {
  return apiJson<void>(`/orgs/${encodePath(org)}/members/${encodePath(principalId)}`, { method: 'DELETE' });
}

export function useRemoveMember(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (principalId: string) => removeMember(org, principalId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.members(org) }),
  });
}
