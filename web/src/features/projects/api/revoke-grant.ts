import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import type { GrantTarget } from '../types';
import { grantPath } from './grant-path';
import { projectKeys } from './keys';

/** `DELETE /projects/{id}/grants/{users|groups}/{id}`: 204. */
export function revokeGrant(projectId: string, target: GrantTarget) {
  return apiJson<void>(grantPath(projectId, target), { method: 'DELETE' });
}

export function useRevokeGrant(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (target: GrantTarget) => revokeGrant(projectId, target),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.grants(projectId) }),
  });
}
