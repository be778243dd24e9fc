import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import { organizationKeys } from './keys';

/**
 * `DELETE /orgs/{org}/users/{principalId}`: erases a user whose home organization this is (right to be forgotten):
 * their profile, password and tokens are gone, the history keeps only their pseudonymous id.
 */
export function eraseUser(org: string, principalId: string) {
  return apiJson<void>(`/orgs/${encodePath(org)}/users/${encodePath(principalId)}`, { method: 'DELETE' });
}

export function useEraseUser(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (principalId: string) => eraseUser(org, principalId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.members(org) }),
  });
}
