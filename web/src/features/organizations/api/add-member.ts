import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Member, OrgRole } from '../types';
import { organizationKeys } from './keys';

/** `POST /orgs/{org}/members`: adds a user by name (an unknown name is an invitation); answers every member. */
export function addMember(org: string, username: string, role: OrgRole) {
  return apiJson<{ members: Member[] }>(`/orgs/${encodePath(org)}/members`, { method: 'POST', body: { username, role } });
}

export function useAddMember(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ username, role }: { username: string; role: OrgRole }) => addMember(org, username, role),
    onSuccess: (members) => queryClient.setQueryData(organizationKeys.members(org), members),
  });
}
