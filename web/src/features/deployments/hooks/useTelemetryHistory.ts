import { useEffect, useRef, useState } from 'react';
import type { Telemetry } from '../types';

/** One telemetry answer, stamped with the seconds since the page opened. */
export interface TelemetrySample {
  seconds: number;
  telemetry: Telemetry;
}

/** How many samples the charts keep (at one every 3 s, the last 15 minutes). */
export const MAX_SAMPLES = 300;

/**
 * The telemetry answers seen while the page is open, oldest first: the API gives cumulative counts and the
 * latest percentiles, so the charts draw how they move over time. Each answer is kept once (by `updatedAt`).
 */
export function useTelemetryHistory(telemetry: Telemetry | undefined, updatedAt: number) {
  const opened = useRef(Date.now());
  const [samples, setSamples] = useState<TelemetrySample[]>([]);
  useEffect(() => {
    if (!telemetry || updatedAt === 0) return;
    const seconds = Math.max(0, Math.round((updatedAt - opened.current) / 100) / 10);
    setSamples((previous) => {
      if (previous.length > 0 && previous[previous.length - 1].seconds >= seconds) return previous;
      const next = [...previous, { seconds, telemetry }];
      return next.length > MAX_SAMPLES ? next.slice(next.length - MAX_SAMPLES) : next;
    });
  }, [telemetry, updatedAt]);
  return samples;
}
