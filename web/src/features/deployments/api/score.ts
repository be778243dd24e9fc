import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJsonWithHeaders, encodePath } from '@/shared/api/client';
import type { ScoreResult, ScoreValue } from '../types';
import { deploymentKeys } from './keys';

/** `POST /deployments/{id}/score` with `{"rows": [...]}`: the predictions and the version that answered. */
export async function score(id: string, rows: Record<string, ScoreValue>[]): Promise<ScoreResult> {
  const { body, headers } = await apiJsonWithHeaders<Omit<ScoreResult, 'answeredBy'>>(`/deployments/${encodePath(id)}/score`, {
    method: 'POST',
    body: { rows },
  });
  const version = Number(headers.get('Cairn-Model-Version'));
  return { ...body, answeredBy: Number.isInteger(version) && version > 0 ? version : undefined };
}

export function useScore(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rows: Record<string, ScoreValue>[]) => score(id, rows),
    // the request (answered or refused) counts in the telemetry
    onSettled: () => queryClient.invalidateQueries({ queryKey: deploymentKeys.telemetry(id) }),
  });
}
