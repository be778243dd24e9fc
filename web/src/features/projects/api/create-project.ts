import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import type { CreateProjectInput, Project } from '../types';
import { projectKeys } from './keys';

/** `POST /projects`: 201 with the new project. */
export function createProject(input: CreateProjectInput) {
  return apiJson<Project>('/projects', { method: 'POST', body: input });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProject,
    onSuccess: (project) => {
      queryClient.setQueryData(projectKeys.detail(project.id), project);
      return queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
    },
  });
}
