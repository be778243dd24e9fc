import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import type { IssuedToken } from '../types';
import { accountKeys } from './keys';

/** `POST /tokens`: a new personal access token; the answer is the only time its secret is shown. */
export function createToken(name: string, expiresInDays?: number) {
  return apiJson<IssuedToken>('/tokens', { method: 'POST', body: { name, expiresInDays } });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, expiresInDays }: { name: string; expiresInDays?: number }) => createToken(name, expiresInDays),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.tokens() }),
  });
}
