import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import { organizationKeys } from './keys';

/** `DELETE /orgs/{org}/sso`: stops sign-in through the organization's provider. */
export function removeSso(org: string) {
  return apiJson<void>(`/orgs/${encodePath(org)}/sso`, { method: 'DELETE' });
}

export function useRemoveSso(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => removeSso(org),
    onSuccess: () => queryClient.setQueryData(organizationKeys.sso(org), null),
  });
}
