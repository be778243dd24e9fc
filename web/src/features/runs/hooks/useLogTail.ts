import { useEffect, useRef, useState } from 'react';
import { getRunLogs } from '../api/get-run-logs';
import type { LogChunk } from '../types';

/** Chunks first read (the tail) and kept in the browser at most. */
export const LOG_TAIL_CHUNKS = 200;
export const LOG_KEEP_CHUNKS = 2000;
/** How often a live run's log is followed, in milliseconds. */
export const LOG_POLL_MS = 2000;

export interface LogTailState {
  chunks: LogChunk[];
  loaded: boolean;
  error: unknown;
}

/**
 * The tail of a run's log, followed while `live`: the last chunks first, then every few seconds what was appended
 * after the last one seen (`after=nextSeq`). A failed read shows its error and the next poll tries again.
 */
export function useLogTail(runId: string, live: boolean): LogTailState {
  const [state, setState] = useState<LogTailState>({ chunks: [], loaded: false, error: null });
  const cursor = useRef<number | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    cursor.current = null;
    setState({ chunks: [], loaded: false, error: null });
  }, [runId]);

  useEffect(() => {
    const controller = new AbortController();
    const after = cursor.current;
    const request = after === null ? { tail: LOG_TAIL_CHUNKS } : { after, maxResults: 1000 };
    getRunLogs(runId, request, controller.signal)
      .then((page) => {
        if (controller.signal.aborted) return;
        cursor.current = page.nextSeq;
        setState((previous) => {
          const last = after === null ? 0 : (previous.chunks.at(-1)?.seq ?? 0);
          const fresh = page.chunks.filter((chunk) => chunk.seq > last);
          return { chunks: [...(after === null ? [] : previous.chunks), ...fresh].slice(-LOG_KEEP_CHUNKS), loaded: true, error: null };
        });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({ ...previous, loaded: true, error }));
      });
    return () => controller.abort();
    // `tick` repeats the read (from the cursor) at the poll interval while the run is live
  }, [runId, tick]);

  useEffect(() => {
    if (!live) return undefined;
    const timer = setInterval(() => setTick((t) => t + 1), LOG_POLL_MS);
    return () => clearInterval(timer);
  }, [live]);

  return state;
}
