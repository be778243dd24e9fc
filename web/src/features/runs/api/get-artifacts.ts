import { useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Artifact } from '../types';
import { LIVE_REFRESH_MS, runKeys } from './keys';

/** `GET /runs/{id}/artifacts`. */
export function getArtifacts(runId: string) {
  return apiJson<{ artifacts: Artifact[] }>(`/runs/${encodePath(runId)}/artifacts`);
}

export function useArtifacts(runId: string, live: boolean) {
  return useQuery({
    queryKey: runKeys.artifacts(runId),
    queryFn: () => getArtifacts(runId),
    select: (answer) => answer.artifacts,
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
}
