import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Deployment } from '../types';
import { deploymentKeys } from './keys';

/** A mutation answering the changed deployment: the answer replaces the cached one, lists refresh. */
export function useDeploymentChange<I>(deploymentId: string, call: (input: I) => Promise<Deployment>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (deployment) => {
      queryClient.setQueryData(deploymentKeys.detail(deploymentId), deployment);
      return queryClient.invalidateQueries({ queryKey: [...deploymentKeys.all, 'list'] });
    },
  });
}
