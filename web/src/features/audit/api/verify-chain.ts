import { useMutation } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { ChainVerification } from '../types';

/** `GET /orgs/{org}/audit/verify`: recomputes the organization's hash chain and reports the first broken link. */
export function verifyChain(org: string) {
  return apiJson<ChainVerification>(`/orgs/${encodePath(org)}/audit/verify`);
}

export function useVerifyChain(org: string) {
  return useMutation({ mutationFn: () => verifyChain(org) });
}
