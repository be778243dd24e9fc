import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Member, OrgRole } from '../types';
import { organizationKeys } from './keys';

/** `PATCH /orgs/{org}/members/{principalId}`: changes a member's role; answers every member. */
export function changeMemberRole(org: string, principalId: string, role: OrgRole) {
  return apiJson<{ members: Member[] }>(`/orgs/${encodePath(org)}/members/${encodePath(principalId)}`, {
    method: 'PATCH',
    body: { role },
  });
}

export function useChangeMemberRole(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ principalId, role }: { principalId: string; role: OrgRole }) => changeMemberRole(org, principalId, role),
    onSuccess: (members) => queryClient.setQueryData(organizationKeys.members(org), members),
  });
}
