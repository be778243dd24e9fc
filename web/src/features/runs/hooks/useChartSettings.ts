import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { MAX_SMOOTHING } from '@/shared/ui/chart/smoothing';
import type { XAxisMode } from '../lib/series';

export interface ChartSettings {
  xAxis: XAxisMode;
  smoothing: number;
}

function parseXAxis(value: string | null): XAxisMode {
  return value === 'wall' || value === 'relative' ? value : 'step';
}

function parseSmoothing(value: string | null): number {
  const number = Number(value);
  return value && Number.isFinite(number) ? Math.min(Math.max(number, 0), MAX_SMOOTHING) : 0;
}

/**
 * The x axis and smoothing of a page's metric charts, kept in the page's URL (`?x=wall|relative&smoothing=0.6`; the
 * defaults, step and no smoothing, leave the URL alone), so a reload or a shared link shows the same view.
 */
export function useChartSettings(): [ChartSettings, (next: Partial<ChartSettings>) => void] {
  const [params, setParams] = useSearchParams();
  const settings = { xAxis: parseXAxis(params.get('x')), smoothing: parseSmoothing(params.get('smoothing')) };
  const update = useCallback(
    (next: Partial<ChartSettings>) =>
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next.xAxis !== undefined) {
            if (next.xAxis === 'step') updated.delete('x');
            else updated.set('x', next.xAxis);
          }
          if (next.smoothing !== undefined) {
            if (next.smoothing > 0) updated.set('smoothing', String(parseSmoothing(String(next.smoothing))));
            else updated.delete('smoothing');
          }
          return updated;
        },
        { replace: true, preventScrollReset: true },
      ),
    [setParams],
  );
  return [settings, update];
}
