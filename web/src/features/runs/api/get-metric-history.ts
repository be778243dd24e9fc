import { useQueries, useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { DownsampledSeries } from '../types';
import { LIVE_REFRESH_MS, runKeys } from './keys';

/** Points per chart line: the API keeps each bucket's minimum and maximum, so spikes survive. */
export const CHART_POINTS = 1000;

/** `GET /runs/{id}/metrics/{key}?maxPoints=N` (keys may contain '/'). */
export function getMetricHistory(runId: string, key: string, maxPoints = CHART_POINTS) {
  return apiJson<DownsampledSeries>(`/runs/${encodePath(runId)}/metrics/${encodePath(key)}`, { query: { maxPoints } });
}

function metricQuery(runId: string, key: string, live: boolean) {
  return {
    queryKey: runKeys.metric(runId, key, CHART_POINTS),
    queryFn: () => getMetricHistory(runId, key),
    refetchInterval: live ? LIVE_REFRESH_MS : (false as const),
  };
}

/** One metric of one run; refreshed every few seconds while `live` (the run is active). */
export function useMetricHistory(runId: string, key: string, live: boolean) {
  return useQuery(metricQuery(runId, key, live));
}

/** One metric of several runs (overlaid on the compare page). */
export function useMetricHistories(entries: { runId: string; live: boolean }[], key: string) {
  return useQueries({ queries: entries.map(({ runId, live }) => metricQuery(runId, key, live)) });
}
