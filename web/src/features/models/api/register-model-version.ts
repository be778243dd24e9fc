import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { ModelVersion, RegisterVersionInput } from '../types';
import { modelKeys } from './keys';

/** `POST /models/{id}/versions`: 201 with the new version, registered from a run's artifact. */
export function registerModelVersion(modelId: string, input: RegisterVersionInput) {
  return apiJson<ModelVersion>(`/models/${encodePath(modelId)}/versions`, { method: 'POST', body: input });
}

export function useRegisterModelVersion(modelId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterVersionInput) => registerModelVersion(modelId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelKeys.detail(modelId) }),
  });
}
