import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import { computeKeys } from './keys';

/** `DELETE /compute/targets/{id}`: 204; soft (no new submissions or leases, the name is released). */
export function deleteTarget(id: string) {
  return apiJson<void>(`/compute/targets/${encodePath(id)}`, { method: 'DELETE' });
}

export function useDeleteTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTarget,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: computeKeys.all }),
  });
}
