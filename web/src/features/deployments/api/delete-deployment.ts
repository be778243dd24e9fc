import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import { deploymentKeys } from './keys';

/** `DELETE /deployments/{id}`: 204; its model servers stop and the deployment is gone (404 afterwards). */
export function deleteDeployment(id: string) {
  return apiJson<void>(`/deployments/${encodePath(id)}`, { method: 'DELETE' });
}

export function useDeleteDeployment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteDeployment(id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: deploymentKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: [...deploymentKeys.all, 'list'] });
    },
  });
}
