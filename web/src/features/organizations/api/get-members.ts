import { useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Member } from '../types';
import { organizationKeys } from './keys';

/** `GET /orgs/{org}/members`, by username. */
export function getMembers(org: string) {
  return apiJson<{ members: Member[] }>(`/orgs/${encodePath(org)}/members`);
}

export function useMembers(org: string, enabled = true) {
  return useQuery({ queryKey: organizationKeys.members(org), queryFn: () => getMembers(org), enabled });
}
