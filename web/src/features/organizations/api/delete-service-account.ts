import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import { organizationKeys } from './keys';

/** `DELETE /orgs/{org}/service-accounts/{id}`: no new tokens, and the tokens already issued answer 401. */
export function deleteServiceAccount(org: string, id: string) {
  return apiJson<void>(`/orgs/${encodePath(org)}/service-accounts/${encodePath(id)}`, { method: 'DELETE' });
}

export function useDeleteServiceAccount(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteServiceAccount(org, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.serviceAccounts(org) }),
  });
}
