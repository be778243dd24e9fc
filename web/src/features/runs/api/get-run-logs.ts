import { apiJson, encodePath } from '@/shared/api/client';
import type { LogPage } from '../types';

/** `GET /runs/{id}/logs?tail=N` (the last N chunks) or `?after=seq` (what was appended since), in order. */
export function getRunLogs(runId: string, params: { tail?: number; after?: number; maxResults?: number }, signal?: AbortSignal) {
  return apiJson<LogPage>(`/runs/${encodePath(runId)}/logs`, {
    query: { tail: params.tail, after: params.after, maxResults: params.maxResults },
    signal,
  });
}
