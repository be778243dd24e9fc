import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Execution, SubmitRunInput } from '../types';
import { computeKeys } from './keys';

/** `POST /compute/targets/{id}/runs`: 201 with the execution; the new run is QUEUED until an agent leases it. */
export function submitRun(targetId: string, input: SubmitRunInput) {
  return apiJson<Execution>(`/compute/targets/${encodePath(targetId)}/runs`, { method: 'POST', body: input });
}

export function useSubmitRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ targetId, input }: { targetId: string; input: SubmitRunInput }) => submitRun(targetId, input),
    onSuccess: (execution) => queryClient.setQueryData(computeKeys.execution(execution.runId), execution),
  });
}
