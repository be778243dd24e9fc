import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Group } from '../types';
import { organizationKeys } from './keys';

/** `POST /orgs/{org}/groups`: 201 with the new group; names are unique in the organization (409 `field: name`). */
export function createGroup(org: string, name: string) {
  return apiJson<Group>(`/orgs/${encodePath(org)}/groups`, { method: 'POST', body: { name } });
}

export function useCreateGroup(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => createGroup(org, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.groups(org) }),
  });
}
