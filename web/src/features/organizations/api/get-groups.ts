import { useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Group } from '../types';
import { organizationKeys } from './keys';

/** `GET /orgs/{org}/groups`: the organization's groups by name, with their member counts. */
export function getGroups(org: string) {
  return apiJson<{ groups: Group[] }>(`/orgs/${encodePath(org)}/groups`);
}

export function useGroups(org: string, enabled = true) {
  return useQuery({ queryKey: organizationKeys.groups(org), queryFn: () => getGroups(org), enabled });
}
