import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { ApprovalRequest, Model } from '../types';
import { modelKeys } from './keys';
import { toOutcome } from './outcome';

export interface SetAliasInput {
  alias: string;
  version: number;
  comment?: string;
}

/** `PUT /models/{id}/aliases/{alias}`: 200 with the model, or 202 with an approval request (protected alias). */
export async function setAlias(modelId: string, { alias, ...body }: SetAliasInput) {
  const answer = await apiJson<Model | ApprovalRequest>(`/models/${encodePath(modelId)}/aliases/${encodePath(alias)}`, {
    method: 'PUT',
    body,
  });
  return toOutcome(answer);
}

export function useSetAlias(modelId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetAliasInput) => setAlias(modelId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelKeys.detail(modelId) }),
  });
}
