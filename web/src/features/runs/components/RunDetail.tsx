import type { ReactNode } from 'react';
import { formatBytes, formatDuration, formatMetric, formatTime } from '@/shared/lib/format';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { KeyValueTable } from '@/shared/ui/KeyValueTable';
import { useRun } from '../api/get-run';
import { useChartSettings } from '../hooks/useChartSettings';
import { isActive, type Run, type RunInput } from '../types';
import { ArtifactsList } from './ArtifactsList';
import { ChartSettingsBar } from './ChartSettingsBar';
import { LogTail } from './LogTail';
import { RunMetricChart } from './RunMetricChart';
import { RunStatusBadge } from './RunStatusBadge';

function Overview({ run }: { run: Run }) {
  const env = run.environment;
  const rows: [string, ReactNode][] = [
    ['Status', <RunStatusBadge key="s" status={run.status} />],
    ['Run id', <code key="id">{run.id}</code>],
    ['Started', formatTime(run.startTime)],
    ['Ended', run.endTime ? formatTime(run.endTime) : isActive(run.status) ? 'still running' : '—'],
    ['Duration', formatDuration(run.startTime, run.endTime)],
    ['Created by', <code key="by">{run.createdBy}</code>],
    ['Artifacts', `${run.artifacts.count} (${formatBytes(run.artifacts.totalSize)})`],
  ];
  if (run.source) {
    const { gitRepo, gitCommit, dirty, archiveDigest } = run.source;
    rows.push([
      'Source',
      <span key="src" className="mono wrap">
        {gitRepo ?? 'no repository'}
        {gitCommit ? ` @ ${gitCommit}` : ''}
        {dirty ? ' (uncommitted changes)' : ''}
        {archiveDigest ? ` · archive ${archiveDigest.slice(0, 12)}…` : ''}
      </span>,
    ]);
  }
  if (env) {
    const resources = env.resources
      ? [
          env.resources.cpu != null ? `${env.resources.cpu} CPU` : null,
          env.resources.memoryMb != null ? `${env.resources.memoryMb} MiB` : null,
          env.resources.gpu != null ? `${env.resources.gpu} GPU` : null,
        ]
          .filter(Boolean)
          .join(', ')
      : '';
    rows.push([
      'Environment',
      <span key="env" className="mono wrap">
        {[env.runtime, env.image, resources].filter(Boolean).join(' · ') || '—'}
        {env.dependencies?.length ? ` · ${env.dependencies.join(', ')}` : ''}
      </span>,
    ]);
  }
  return (
    <dl className="overview">
      {rows.map(([label, value]) => (
        <div key={label} className="overview-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * One run: overview, live metric charts, params, tags, inputs, artifacts and the log tail. While the run is QUEUED or RUNNING
 * everything refreshes every few seconds. `renderInput` lets the page show a dataset input richly.
 */
export function RunDetail({
  runId,
  renderInput = (input) => <code>{input.datasetVersionId}</code>,
  afterOverview,
}: {
  runId: string;
  renderInput?: (input: RunInput) => ReactNode;
  /** Shown after the overview (the page adds how a submitted run is executed). */
  afterOverview?: ReactNode;
}) {
  const query = useRun(runId);
  const [chartSettings, setChartSettings] = useChartSettings();
  if (query.isPending) return <Loading label="Loading run…" />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  const run = query.data;
  const live = isActive(run.status);
  const metricKeys = Object.keys(run.metrics).sort();

  return (
    <div className="run-detail">
      <header className="page-header">
        <div>
          <h1>
            {run.name} <RunStatusBadge status={run.status} />
          </h1>
          {live ? (
            <p className="muted small" role="status">
              Live: refreshing every few seconds while the run is {run.status.toLowerCase()}.
            </p>
          ) : null}
        </div>
      </header>
      <nav className="section-nav" aria-label="Run sections">
        <a href="#overview">Overview</a>
        <a href="#metrics">Metrics</a>
        <a href="#params">Params</a>
        <a href="#tags">Tags</a>
        <a href="#inputs">Inputs</a>
        <a href="#artifacts">Artifacts</a>
        <a href="#log">Log</a>
      </nav>
      <Section id="overview" title="Overview">
        <Overview run={run} />
      </Section>
      {afterOverview}
      <Section id="metrics" title="Metrics">
        {metricKeys.length === 0 ? (
          <EmptyState title="No metrics logged yet">
            Log points with <code>POST /api/v1/runs/{run.id}/metrics</code>; charts appear here and update live.
          </EmptyState>
        ) : (
          <>
            <table className="table compact">
              <caption className="visually-hidden">Latest metric values</caption>
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col">Latest</th>
                  <th scope="col">Step</th>
                </tr>
              </thead>
              <tbody>
                {metricKeys.map((key) => (
                  <tr key={key}>
                    <th scope="row" className="mono">
                      {key}
                    </th>
                    <td className="num mono">{formatMetric(run.metrics[key].value)}</td>
                    <td className="num">{run.metrics[key].step}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ChartSettingsBar settings={chartSettings} onChange={setChartSettings} />
            <div className="chart-grid">
              {metricKeys.map((key) => (
                <RunMetricChart key={key} runId={run.id} metricKey={key} live={live} settings={chartSettings} />
              ))}
            </div>
          </>
        )}
      </Section>
      <Section id="params" title="Params">
        <KeyValueTable caption="Params" entries={run.params} empty="No params logged." />
      </Section>
      <Section id="tags" title="Tags">
        <KeyValueTable caption="Tags" entries={run.tags} empty="No tags." />
      </Section>
      <Section id="inputs" title="Inputs">
        {run.inputs.length === 0 ? (
          <p className="muted">No dataset inputs declared.</p>
        ) : (
          <ul className="plain-list">
            {run.inputs.map((input) => (
              <li key={input.datasetVersionId}>{renderInput(input)}</li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="artifacts" title="Artifacts">
        <ArtifactsList runId={run.id} live={live} />
      </Section>
      <Section id="log" title="Log">
        <LogTail runId={run.id} live={live} />
      </Section>
    </div>
  );
}
