import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { formatMetric } from '@/shared/lib/format';
import { paths } from '@/shared/paths';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { SERIES_COLORS } from '@/shared/ui/chart/LineChart';
import { useMetricHistories } from '../api/get-metric-history';
import { useRuns } from '../api/get-run';
import { useChartSettings, type ChartSettings } from '../hooks/useChartSettings';
import { toChartSeries } from '../lib/series';
import { isActive, type Run } from '../types';
import { ChartSettingsBar } from './ChartSettingsBar';
import { ParallelCoordinates } from './ParallelCoordinates';
import { MetricLineChart } from './RunMetricChart';
import { RunStatusBadge } from './RunStatusBadge';

/** A run keeps its colour (its place in the compared list) on every chart, in the legend and in the parallel plot. */
const colorOf = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length];

function OverlaidChart({ runs, metricKey, settings }: { runs: Run[]; metricKey: string; settings: ChartSettings }) {
  const colors = runs.map((run, i) => (run.metrics[metricKey] ? colorOf(i) : null)).filter((color): color is string => color !== null);
  const withKey = runs.filter((run) => run.metrics[metricKey]);
  const histories = useMetricHistories(
    withKey.map((run) => ({ runId: run.id, live: isActive(run.status) })),
    metricKey,
  );
  const datas = histories.map((history) => history.data);
  const failed = histories.find((history) => history.isError);
  // Recomputed only when a history answered anew (dataUpdatedAt) or the set of runs changed.
  const stamp = histories.map((history) => history.dataUpdatedAt).join() + withKey.map((run) => run.id).join();
  const series = useMemo(
    () =>
      withKey.flatMap((run, i) => {
        const data = datas[i];
        return data ? [toChartSeries(run.name, data, settings.xAxis, colors[i])] : [];
      }),
    [stamp, settings.xAxis],
  );
  if (failed) {
    return (
      <figure className="chart" aria-label={metricKey}>
        <figcaption className="chart-title">{metricKey}</figcaption>
        <ErrorMessage error={failed.error} />
      </figure>
    );
  }
  if (series.length < withKey.length) {
    return (
      <figure className="chart chart-loading" aria-label={metricKey} aria-busy="true">
        <figcaption className="chart-title">{metricKey}</figcaption>
        <p className="muted">Loading…</p>
      </figure>
    );
  }
  return <MetricLineChart title={metricKey} series={series} settings={settings} summary={`${withKey.length} of ${runs.length} runs logged ${metricKey}`} />;
}

interface DiffRow {
  key: string;
  values: (string | undefined)[];
  differs: boolean;
}

function diffRows(runs: Run[], pick: (run: Run) => Record<string, string>): DiffRow[] {
  const keys = new Set<string>();
  for (const run of runs) for (const key of Object.keys(pick(run))) keys.add(key);
  return [...keys].sort().map((key) => {
    const values = runs.map((run) => pick(run)[key]);
    return { key, values, differs: new Set(values).size > 1 };
  });
}

function DiffTable({ caption, runs, rows, onlyDifferences }: { caption: string; runs: Run[]; rows: DiffRow[]; onlyDifferences: boolean }) {
  const shown = onlyDifferences ? rows.filter((row) => row.differs) : rows;
  if (rows.length === 0) return <p className="muted">None of these runs has {caption.toLowerCase()}.</p>;
  if (shown.length === 0) return <p className="muted">All {rows.length} {caption.toLowerCase()} are the same in every run.</p>;
  return (
    <div className="table-scroll">
      <table className="table diff-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            {runs.map((run) => (
              <th scope="col" key={run.id}>
                {run.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.key} className={row.differs ? 'differs' : undefined}>
              <th scope="row" className="mono">
                {row.key}
                {row.differs ? <span className="visually-hidden"> (differs)</span> : null}
              </th>
              {row.values.map((value, i) => (
                <td key={runs[i].id} className="mono wrap">
                  {value ?? <span className="muted">—</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Two or more runs side by side: overlaid metric charts (x axis and smoothing as the page's URL says), a parallel
 * coordinates plot of params and latest metrics, and params and latest metrics diffed.
 */
export function CompareRuns({ runIds }: { runIds: string[] }) {
  const queries = useRuns(runIds);
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const [chartSettings, setChartSettings] = useChartSettings();
  const toggleId = useId();

  if (runIds.length < 2) {
    return (
      <EmptyState title="Pick at least two runs to compare">
        Select runs with the checkboxes in a project&apos;s runs table, then press Compare.
      </EmptyState>
    );
  }
  const failed = queries.find((query) => query.isError);
  if (failed) return <ErrorMessage error={failed.error} />;
  if (queries.some((query) => query.isPending)) return <Loading label="Loading runs…" />;
  const runs = queries.map((query) => query.data!) as Run[];
  const metricKeys = [...new Set(runs.flatMap((run) => Object.keys(run.metrics)))].sort();
  const paramRows = diffRows(runs, (run) => run.params);
  const metricRows = diffRows(runs, (run) =>
    Object.fromEntries(Object.entries(run.metrics).map(([key, latest]) => [key, formatMetric(latest.value)])),
  );

  return (
    <div className="compare">
      <section className="card" aria-labelledby="compared-title">
        <h2 id="compared-title">Runs</h2>
        <ul className="legend-list">
          {runs.map((run, i) => (
            <li key={run.id}>
              <span className="swatch" style={{ background: colorOf(i) }} aria-hidden="true" />
              <Link to={paths.run(run.id)}>{run.name}</Link> <RunStatusBadge status={run.status} />
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="compare-metrics-title">
        <h2 id="compare-metrics-title">Metrics</h2>
        {metricKeys.length === 0 ? (
          <p className="muted">None of these runs has logged a metric.</p>
        ) : (
          <>
            <ChartSettingsBar settings={chartSettings} onChange={setChartSettings} />
            <div className="chart-grid">
              {metricKeys.map((key) => (
                <OverlaidChart key={key} runs={runs} metricKey={key} settings={chartSettings} />
              ))}
            </div>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="compare-parallel-title">
        <h2 id="compare-parallel-title">Parallel coordinates</h2>
        <ParallelCoordinates runs={runs} colors={runs.map((_, i) => colorOf(i))} />
      </section>
      <section className="card" aria-labelledby="compare-diff-title">
        <div className="toolbar">
          <h2 id="compare-diff-title">Params</h2>
          <label htmlFor={toggleId} className="checkbox-label">
            <input id={toggleId} type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} />
            Only differences
          </label>
        </div>
        <DiffTable caption="Params" runs={runs} rows={paramRows} onlyDifferences={onlyDifferences} />
        <h3>Latest metrics</h3>
        <DiffTable caption="Latest metrics" runs={runs} rows={metricRows} onlyDifferences={onlyDifferences} />
      </section>
    </div>
  );
}
