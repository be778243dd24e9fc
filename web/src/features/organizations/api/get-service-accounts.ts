import { useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { ServiceAccount } from '../types';
import { organizationKeys } from './keys';

/** `GET /orgs/{org}/service-accounts` (owners and admins): the organization's machines, never their secrets. */
export function getServiceAccounts(org: string) {
  return apiJson<{ serviceAccounts: ServiceAccount[] }>(`/orgs/${encodePath(org)}/service-accounts`);
}

export function useServiceAccounts(org: string) {
  return useQuery({ queryKey: organizationKeys.serviceAccounts(org), queryFn: () => getServiceAccounts(org) });
}
