import { useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { ProjectGrants } from '../types';
import { projectKeys } from './keys';

/** `GET /projects/{id}/grants`: the owner and every user and group grant. */
export function getGrants(projectId: string) {
  return apiJson<ProjectGrants>(`/projects/${encodePath(projectId)}/grants`);
}

export function useGrants(projectId: string, enabled = true) {
  return useQuery({ queryKey: projectKeys.grants(projectId), queryFn: () => getGrants(projectId), enabled });
}
