import { useQueries, useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import { isActive, type Run } from '../types';
import { LIVE_REFRESH_MS, runKeys } from './keys';

/** `GET /runs/{id}`. */
export function getRun(id: string) {
  return apiJson<Run>(`/runs/${encodePath(id)}`);
}

function runQuery(id: string) {
  return {
    queryKey: runKeys.detail(id),
    queryFn: () => getRun(id),
    enabled: id !== '',
    // An active run is polled so its status, latest metrics and artifacts stay current.
    refetchInterval: (query: { state: { data?: Run } }) =>
      query.state.data && isActive(query.state.data.status) ? LIVE_REFRESH_MS : false,
  };
}

export function useRun(id: string) {
  return useQuery(runQuery(id));
}

/** Several runs at once (the compare page). */
export function useRuns(ids: string[]) {
  return useQueries({ queries: ids.map(runQuery) });
}
