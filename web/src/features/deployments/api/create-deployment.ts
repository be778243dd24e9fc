import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import type { CreateDeploymentInput, Deployment } from '../types';
import { deploymentKeys } from './keys';

/** `POST /deployments`: 201 with the new deployment (target `local` and 1 replica unless given). */
export function createDeployment(input: CreateDeploymentInput) {
  return apiJson<Deployment>('/deployments', { method: 'POST', body: input });
}

export function useCreateDeployment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDeployment,
    onSuccess: (deployment) => {
      queryClient.setQueryData(deploymentKeys.detail(deployment.id), deployment);
      return queryClient.invalidateQueries({ queryKey: [...deploymentKeys.all, 'list'] });
    },
  });
}
