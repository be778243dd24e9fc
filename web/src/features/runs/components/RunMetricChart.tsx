import { useMemo } from 'react';
import { formatMetric } from '@/shared/lib/format';
import { ErrorMessage } from '@/shared/ui/feedback';
import { LineChart } from '@/shared/ui/chart/LineChart';
import type { ChartSeries } from '@/shared/ui/chart/align';
import { useMetricHistory } from '../api/get-metric-history';
import type { ChartSettings } from '../hooks/useChartSettings';
import { toChartSeries, xAxisOf } from '../lib/series';
import type { DownsampledSeries } from '../types';

function describe(series: DownsampledSeries): string {
  const last = series.points[series.points.length - 1];
  const count = series.downsampled
    ? `${series.points.length.toLocaleString()} of ${series.totalPoints.toLocaleString()} points (downsampled)`
    : `${series.totalPoints.toLocaleString()} point${series.totalPoints === 1 ? '' : 's'}`;
  return last ? `${count} · last ${formatMetric(last.value)} at step ${last.step}` : 'no points yet';
}

/** A metric chart drawn with the page's x axis and smoothing. */
export function MetricLineChart({ title, series, settings, summary }: { title: string; series: ChartSeries[]; settings: ChartSettings; summary: string }) {
  const axis = xAxisOf(settings.xAxis);
  return <LineChart title={title} series={series} xLabel={axis.axisLabel} xKind={axis.kind} smoothing={settings.smoothing} summary={summary} />;
}

/** One metric of one run over steps or time, smoothed as the page says; polls while the run is active. */
export function RunMetricChart({
  runId,
  metricKey,
  live,
  settings,
}: {
  runId: string;
  metricKey: string;
  live: boolean;
  settings: ChartSettings;
}) {
  const history = useMetricHistory(runId, metricKey, live);
  const { xAxis } = settings;
  const series = useMemo(
    () => (history.data ? [toChartSeries(metricKey, history.data, xAxis)] : []),
    [history.data, metricKey, xAxis],
  );
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
  return <MetricLineChart title={metricKey} series={series} settings={settings} summary={describe(history.data)} />;
}
