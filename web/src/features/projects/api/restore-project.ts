import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Project } from '../types';
import { projectKeys } from './keys';

/** `POST /projects/{id}/restore`: the updated project. */
export function restoreProject(id: string) {
  return apiJson<Project>(`/projects/${encodePath(id)}/restore`, { method: 'POST' });
}

export function useRestoreProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: restoreProject,
    onSuccess: (project) => {
      queryClient.setQueryData(projectKeys.detail(project.id), project);
      return queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
    },
  });
}
