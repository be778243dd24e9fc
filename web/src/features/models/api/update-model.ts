import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Model } from '../types';
import { modelKeys } from './keys';

/** `PATCH /models/{id}`: the model with its new name or description (a deleted model answers 409). */
export function updateModel(modelId: string, changes: { name?: string; description?: string }) {
  return apiJson<Model>(`/models/${encodePath(modelId)}`, { method: 'PATCH', body: changes });
}

export function useUpdateModel(modelId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: { name?: string; description?: string }) => updateModel(modelId, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelKeys.all }),
  });
}
