import { useQuery } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import type { Me } from '../types';
import { useActiveOrganization } from '../lib/active-organization';
import { organizationKeys } from './keys';

/** `GET /me` in the chosen organization: who the caller is, their role there and every organization they belong to. */
export function getMe() {
  return apiJson<Me>('/me');
}

export function useMe() {
  const organization = useActiveOrganization();
  return useQuery({ queryKey: [...organizationKeys.me(), organization], queryFn: getMe, staleTime: 60_000 });
}
