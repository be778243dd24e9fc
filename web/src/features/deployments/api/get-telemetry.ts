import { useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Telemetry } from '../types';
import { deploymentKeys, TELEMETRY_REFRESH_MS } from './keys';

/** `GET /deployments/{id}/telemetry`: requests, invalid, errors and latency percentiles per version and in total. */
export function getTelemetry(id: string) {
  return apiJson<Telemetry>(`/deployments/${encodePath(id)}/telemetry`);
}

/** Polls while the page is open (the counts are cumulative since the backend started). */
export function useTelemetry(id: string) {
  return useQuery({
    queryKey: deploymentKeys.telemetry(id),
    queryFn: () => getTelemetry(id),
    refetchInterval: (query) => (query.state.status === 'error' ? false : TELEMETRY_REFRESH_MS),
    staleTime: 0,
  });
}
