import { useQuery } from '@tanstack/react-query';
import { ApiError, apiJson, encodePath } from '@/shared/api/client';
import type { SsoSettings } from '../types';
import { organizationKeys } from './keys';

/** `GET /orgs/{org}/sso`; null when the organization has no SSO (the server's 404). */
export async function getSso(org: string): Promise<SsoSettings | null> {
  try {
    return await apiJson<SsoSettings>(`/orgs/${encodePath(org)}/sso`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function useSso(org: string, enabled: boolean) {
  return useQuery({ queryKey: organizationKeys.sso(org), queryFn: () => getSso(org), enabled });
}
