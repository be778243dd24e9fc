import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { ApprovalRequest } from '../types';
import { modelKeys } from './keys';

export type Decision = 'approve' | 'reject';

/** `POST /models/{id}/approvals/{requestId}/approve` or `/reject`: the request, decided (approving applies the change). */
export function decideApproval(modelId: string, requestId: string, decision: Decision, comment?: string) {
  return apiJson<ApprovalRequest>(`/models/${encodePath(modelId)}/approvals/${encodePath(requestId)}/${decision}`, {
    method: 'POST',
    body: { comment },
  });
}

export function useDecideApproval(modelId: string, requestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, comment }: { decision: Decision; comment?: string }) =>
      decideApproval(modelId, requestId, decision, comment),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelKeys.detail(modelId) }),
  });
}
