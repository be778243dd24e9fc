import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Project } from '../types';
import { projectKeys } from './keys';

/** `POST /projects/{id}/archive`: the updated project. */
export function archiveProject(id: string) {
  return apiJson<Project>(`/projects/${encodePath(id)}/archive`, { method: 'POST' });
}

export function useArchiveProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: archiveProject,
    onSuccess: (project) => {
      queryClient.setQueryData(projectKeys.detail(project.id), project);
      return queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
    },
  });
}
