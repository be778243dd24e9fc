import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { SsoSettings, SsoSettingsInput } from '../types';
import { organizationKeys } from './keys';

/** `PUT /orgs/{org}/sso`: sets or changes the organization's identity provider; the secret is kept when absent. */
export function saveSso(org: string, settings: SsoSettingsInput) {
  return apiJson<SsoSettings>(`/orgs/${encodePath(org)}/sso`, { method: 'PUT', body: settings });
}

export function useSaveSso(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: SsoSettingsInput) => saveSso(org, settings),
    onSuccess: (saved) => queryClient.setQueryData(organizationKeys.sso(org), saved),
  });
}
