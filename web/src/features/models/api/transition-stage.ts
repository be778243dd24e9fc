import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { ApprovalRequest, ModelVersion, StageChangeInput } from '../types';
import { modelKeys } from './keys';
import { toOutcome } from './outcome';

/** `POST /models/{id}/versions/{version}/stage`: 200 with the version, or 202 with an approval request (Production). */
export async function transitionStage(modelId: string, version: number, input: StageChangeInput) {
  const body = await apiJson<ModelVersion | ApprovalRequest>(`/models/${encodePath(modelId)}/versions/${version}/stage`, {
    method: 'POST',
    body: input,
  });
  return toOutcome(body);
}

export function useTransitionStage(modelId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, ...input }: StageChangeInput & { version: number }) => transitionStage(modelId, version, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelKeys.detail(modelId) }),
  });
}
