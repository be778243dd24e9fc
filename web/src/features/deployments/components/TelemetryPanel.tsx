import { useMemo } from 'react';
import type { ChartSeries } from '@/shared/ui/chart/align';
import { LineChart } from '@/shared/ui/chart/LineChart';
import { ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useTelemetry } from '../api/get-telemetry';
import { useTelemetryHistory, type TelemetrySample } from '../hooks/useTelemetryHistory';
import type { VersionTelemetry } from '../types';

type Pick = (v: VersionTelemetry) => number;

/** One line per version (and measure), over the samples seen since the page opened. */
function seriesOf(samples: TelemetrySample[], measures: [string, Pick][]): ChartSeries[] {
  const lines = new Map<string, ChartSeries>();
  for (const { seconds, telemetry } of samples) {
    for (const version of telemetry.versions) {
      for (const [name, pick] of measures) {
        const label = `${versionLabel(version.version)}${name ? ` ${name}` : ''}`;
        let line = lines.get(label);
        if (!line) {
          line = { label, xs: [], ys: [] };
          lines.set(label, line);
        }
        line.xs.push(seconds);
        line.ys.push(pick(version));
      }
    }
  }
  return [...lines.values()];
}

/** Version 0 counts the requests no model server could answer. */
const versionLabel = (version: number) => (version === 0 ? 'no server' : `v${version}`);

const NUMBER_COLUMNS = ['Requests', 'Invalid (4xx)', 'Errors (5xx)', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'];

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

/**
 * Scoring telemetry of a deployment, polled while the page is open: a table of the current counts and latency
 * percentiles per version, and charts of how they moved since the page opened (the API keeps cumulative counts
 * since the backend started, and percentiles over its latest 8192 requests).
 */
export function TelemetryPanel({ deploymentId }: { deploymentId: string }) {
  const telemetry = useTelemetry(deploymentId);
  const samples = useTelemetryHistory(telemetry.data, telemetry.dataUpdatedAt);
  const charts = useMemo(
    () => ({
      requests: seriesOf(samples, [['', (v) => v.requests]]),
      errors: seriesOf(samples, [
        ['errors', (v) => v.errors],
        ['invalid', (v) => v.invalid],
      ]),
      latency: seriesOf(samples, [
        ['p50', (v) => v.latencyMs.p50],
        ['p95', (v) => v.latencyMs.p95],
        ['p99', (v) => v.latencyMs.p99],
      ]),
    }),
    [samples],
  );
  const rows = telemetry.data ? [...telemetry.data.versions.map((v) => ({ label: versionLabel(v.version), v })), { label: 'total', v: telemetry.data.total }] : [];

  return (
    <section className="card" aria-labelledby="telemetry-title">
      <h2 id="telemetry-title">Telemetry</h2>
      {telemetry.isPending ? <Loading label="Loading telemetry…" /> : null}
      <ErrorMessage error={telemetry.error} />
      {telemetry.data ? (
        <>
          <table className="table" aria-label="Telemetry per version">
            <thead>
              <tr>
                <th scope="col">Version</th>
                {NUMBER_COLUMNS.map((name) => (
                  <th scope="col" className="num" key={name}>
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ label, v }) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td className="num">{v.requests}</td>
                  <td className="num">{v.invalid}</td>
                  <td className="num">{v.errors}</td>
                  <td className="num">{ms(v.latencyMs.p50)}</td>
                  <td className="num">{ms(v.latencyMs.p95)}</td>
                  <td className="num">{ms(v.latencyMs.p99)}</td>
                  <td className="num">{ms(v.latencyMs.max)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            Counted by this backend since it started; latency over its latest {telemetry.data.total.latencyMs.window} requests,
            including the hop to the model server. Charts cover the time since this page opened, refreshed every 3 s.
          </p>
          {telemetry.data.versions.length > 0 ? (
            <div className="chart-grid">
              <LineChart title="Requests" xLabel="seconds" series={charts.requests} height={180} />
              <LineChart title="Errors and invalid requests" xLabel="seconds" series={charts.errors} height={180} />
              <LineChart title="Latency (ms)" xLabel="seconds" series={charts.latency} height={180} />
            </div>
          ) : (
            <p className="muted">No scoring requests yet: try the form below.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
