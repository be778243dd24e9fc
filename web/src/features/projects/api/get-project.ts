import { useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Project } from '../types';
import { projectKeys } from './keys';

/** `GET /projects/{id}`. */
export function getProject(id: string) {
  return apiJson<Project>(`/projects/${encodePath(id)}`);
}

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: projectKeys.detail(id ?? ''),
    queryFn: () => getProject(id!),
    enabled: Boolean(id),
  });
}
