import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Group } from '../types';
import { organizationKeys } from './keys';

/** `PATCH /orgs/{org}/groups/{groupId}`: the group under its new name (unique in the organization: 409 `field: name`). */
export function renameGroup(org: string, groupId: string, name: string) {
  return apiJson<Group>(`/orgs/${encodePath(org)}/groups/${encodePath(groupId)}`, { method: 'PATCH', body: { name } });
}

export function useRenameGroup(org: string, groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => renameGroup(org, groupId, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.groups(org) }),
  });
}
