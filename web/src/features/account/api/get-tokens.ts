import { useQuery } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import type { AccessToken } from '../types';
import { accountKeys } from './keys';

/** `GET /tokens`: the caller's personal access tokens in the current organization. */
export function getTokens() {
  return apiJson<{ tokens: AccessToken[] }>('/tokens');
}

export function useTokens() {
  return useQuery({ queryKey: accountKeys.tokens(), queryFn: getTokens });
}
