import { useQuery } from '@tanstack/react-query';
import { ApiError, apiJson, encodePath } from '@/shared/api/client';
import type { Execution } from '../types';
import { COMPUTE_REFRESH_MS, computeKeys } from './keys';

/** `GET /runs/{id}/execution`; null for a run that was not submitted to a target (404). */
export async function getExecution(runId: string): Promise<Execution | null> {
  try {
    return await apiJson<Execution>(`/runs/${encodePath(runId)}/execution`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

const active = (execution: Execution | null | undefined) =>
  !!execution && (execution.status === 'QUEUED' || execution.status === 'RUNNING');

/** Polled while the run waits or runs, so attempts and agents show as they happen. */
export function useExecution(runId: string) {
  return useQuery({
    queryKey: computeKeys.execution(runId),
    queryFn: () => getExecution(runId),
    enabled: runId !== '',
    refetchInterval: (query) => (active(query.state.data) ? COMPUTE_REFRESH_MS : false),
  });
}
