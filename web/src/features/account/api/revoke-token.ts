import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import { accountKeys } from './keys';

/** `DELETE /tokens/{id}`: the token is refused from then on. */
export function revokeToken(id: string) {
  return apiJson<void>(`/tokens/${encodePath(id)}`, { method: 'DELETE' });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.tokens() }),
  });
}
