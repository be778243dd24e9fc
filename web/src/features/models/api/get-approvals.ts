import { useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { ApprovalPage, ApprovalStatus } from '../types';
import { modelKeys } from './keys';

/** `GET /models/{id}/approvals`: newest first; `status` narrows to PENDING, APPROVED or REJECTED. */
export function getApprovals(modelId: string, status?: ApprovalStatus) {
  return apiJson<ApprovalPage>(`/models/${encodePath(modelId)}/approvals`, { query: { status, maxResults: 100 } });
}

export function useApprovals(modelId: string, status?: ApprovalStatus) {
  return useQuery({ queryKey: modelKeys.approvals(modelId, status), queryFn: () => getApprovals(modelId, status) });
}
