import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import type { GrantTarget, ProjectGrants, ProjectRole } from '../types';
import { grantPath } from './grant-path';
import { projectKeys } from './keys';

/** `PUT /projects/{id}/grants/{users|groups}/{id}`: grants a role or changes it; answers every grant. */
export function setGrant(projectId: string, target: GrantTarget, role: ProjectRole) {
  return apiJson<ProjectGrants>(grantPath(projectId, target), { method: 'PUT', body: { role } });
}

export function useSetGrant(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ role, ...target }: GrantTarget & { role: ProjectRole }) => setGrant(projectId, target, role),
    onSuccess: (grants) => queryClient.setQueryData(projectKeys.grants(projectId), grants),
  });
}
