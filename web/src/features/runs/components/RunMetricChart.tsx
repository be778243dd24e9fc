import { useMemo } from 'react';
import { formatMetric, toNumber } from '@/shared/lib/format';
import { ErrorMessage } from '@/shared/ui/feedback';
import { LineChart } from '@/shared/ui/chart/LineChart';
import type { ChartSeries } from '@/shared/ui/chart/align';
import { useMetricHistory } from '../api/get-metric-history';
import type { DownsampledSeries } from '../types';

/** A series as chart data: steps on x, non-finite values as gaps. */
export function toChartSeries(label: string, series: DownsampledSeries): ChartSeries {
  const xs = new Array<number>(series.points.length);
  const ys = new Array<number | null>(series.points.length);
  series.points.forEach((point, i) => {
    const value = toNumber(point.value);
    xs[i] = point.step;
    ys[i] = Number.isFinite(value) ? value : null;
  });
  return { label, xs, ys };
}

function describe(series: DownsampledSeries): string {
  const last = series.points[series.points.length - 1];
  const count = series.downsampled
    ? `${series.points.length.toLocaleString()} of ${series.totalPoints.toLocaleString()} points (downsampled)`
    : `${series.totalPoints.toLocaleString()} point${series.totalPoints === 1 ? '' : 's'}`;
  return last ? `${count} · last ${formatMetric(last.value)} at step ${last.step}` : 'no points yet';
}

/** One metric of one run over steps; polls while the run is active. */
export function RunMetricChart({ runId, metricKey, live }: { runId: string; metricKey: string; live: boolean }) {
  const history = useMetricHistory(runId, metricKey, live);
  const series = useMemo(() => (history.data ? [toChartSeries(metricKey, history.data)] : []), [history.data, metricKey]);
  if (history.isError && !history.data) {
    return (
      <figure className="chart" aria-label={metricKey}>
        <figcaption className="chart-title">{metricKey}</figcaption>
        <ErrorMessage error={history.error} />
      </figure>
    );
  }
  if (!history.data) {
    return (
      <figure className="chart chart-loading" aria-label={metricKey} aria-busy="true">
        <figcaption className="chart-title">{metricKey}</figcaption>
        <p className="muted">Loading…</p>
      </figure>
    );
  }
  return <LineChart title={metricKey} series={series} summary={describe(history.data)} />;
}
