import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { NewServiceAccount, ServiceAccountRole } from '../types';
import { organizationKeys } from './keys';

/** `POST /orgs/{org}/service-accounts`: 201 with the client secret — the only time the server shows it. */
export function createServiceAccount(org: string, name: string, role: ServiceAccountRole) {
  return apiJson<NewServiceAccount>(`/orgs/${encodePath(org)}/service-accounts`, { method: 'POST', body: { name, role } });
}

export function useCreateServiceAccount(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, role }: { name: string; role: ServiceAccountRole }) => createServiceAccount(org, name, role),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.serviceAccounts(org) }),
  });
}
