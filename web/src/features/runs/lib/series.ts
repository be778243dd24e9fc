import { toNumber } from '@/shared/lib/format';
import type { ChartSeries } from '@/shared/ui/chart/align';
import type { XKind } from '@/shared/ui/chart/axis';
import type { DownsampledSeries } from '../types';

/** What a metric chart puts on x: the step, the wall-clock time of each point, or the time since the run's first point. */
export type XAxisMode = 'step' | 'wall' | 'relative';

export const X_AXIS_MODES: { mode: XAxisMode; label: string; axisLabel: string; kind: XKind }[] = [
  { mode: 'step', label: 'Step', axisLabel: 'step', kind: 'number' },
  { mode: 'wall', label: 'Wall time', axisLabel: 'time', kind: 'time' },
  { mode: 'relative', label: 'Relative time', axisLabel: 'time since first point', kind: 'duration' },
];

export function xAxisOf(mode: XAxisMode) {
  return X_AXIS_MODES.find((entry) => entry.mode === mode) ?? X_AXIS_MODES[0];
}

/**
 * A series as chart data: non-finite values as gaps; x the step, or the point's timestamp in seconds (since the epoch,
 * or since the series' earliest point). The API orders points by step; on a time axis they are put in time order.
 */
export function toChartSeries(label: string, series: DownsampledSeries, mode: XAxisMode = 'step', color?: string): ChartSeries {
  const points = series.points;
  const n = points.length;
  let origin = 0;
  if (mode === 'relative') {
    origin = Number.POSITIVE_INFINITY;
    for (const point of points) origin = Math.min(origin, point.timestamp);
  }
  const xs = new Array<number>(n);
  const ys = new Array<number | null>(n);
  let ascending = true;
  for (let i = 0; i < n; i += 1) {
    const point = points[i];
    const value = toNumber(point.value);
    xs[i] = mode === 'step' ? point.step : (point.timestamp - origin) / 1000;
    ys[i] = Number.isFinite(value) ? value : null;
    if (i > 0 && xs[i] < xs[i - 1]) ascending = false;
  }
  if (!ascending) {
    const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
    return { label, color, xs: order.map((i) => xs[i]), ys: order.map((i) => ys[i]) };
  }
  return { label, color, xs, ys };
}
