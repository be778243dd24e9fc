import { formatMetric, toNumber } from '@/shared/lib/format';
import type { Run } from '../types';

/** One axis of the plot: a param or a latest metric, numeric (a linear scale) or categorical (its values spread out). */
export interface PcAxis {
  id: string;
  source: 'param' | 'metric';
  key: string;
  label: string;
  kind: 'numeric' | 'categorical';
  /** Where tick labels go, 0 (bottom) to 1 (top). */
  ticks: { position: number; label: string }[];
  /** Whether some run has no value here (it is drawn on the axis' "missing" slot). */
  hasMissing: boolean;
}

/** One run across the axes: what is shown for each axis, and where on it (0 bottom … 1 top; null = missing). */
export interface PcLine {
  runId: string;
  name: string;
  color: string;
  values: (string | null)[];
  positions: (number | null)[];
}

export interface AxisChoice {
  source: 'param' | 'metric';
  key: string;
}

export function axisId({ source, key }: AxisChoice): string {
  return `${source}:${key}`;
}

/** Every param and metric key of the runs, params first, each sorted. */
export function availableAxes(runs: Run[]): AxisChoice[] {
  const params = new Set<string>();
  const metrics = new Set<string>();
  for (const run of runs) {
    for (const key of Object.keys(run.params)) params.add(key);
    for (const key of Object.keys(run.metrics)) metrics.add(key);
  }
  return [
    ...[...params].sort().map((key) => ({ source: 'param' as const, key })),
    ...[...metrics].sort().map((key) => ({ source: 'metric' as const, key })),
  ];
}

/** The axes shown at first: the params whose value differs between the runs (all params if none does) and the metrics, 12 at most. */
export function defaultAxes(runs: Run[]): string[] {
  const all = availableAxes(runs);
  const params = all.filter((axis) => axis.source === 'param');
  const differing = params.filter((axis) => new Set(runs.map((run) => run.params[axis.key])).size > 1);
  const metrics = all.filter((axis) => axis.source === 'metric');
  return [...(differing.length > 0 ? differing : params).slice(0, 6), ...metrics.slice(0, 6)].map(axisId);
}

function rawValue(run: Run, { source, key }: AxisChoice): { text: string; number: number } | null {
  if (source === 'param') {
    const text = run.params[key];
    if (text === undefined) return null;
    return { text, number: text.trim() === '' ? Number.NaN : Number(text) };
  }
  const latest = run.metrics[key];
  if (!latest) return null;
  return { text: formatMetric(latest.value), number: toNumber(latest.value) };
}

const tickLabel = (value: number) => formatMetric(Number(value.toPrecision(4)));

/**
 * The plot's axes and one line per run. An axis is numeric when every value on it is a finite number (metrics always
 * are; a NaN or infinite latest metric counts as missing there), else categorical, its distinct values in order.
 */
export function buildParallelCoordinates(runs: Run[], choices: AxisChoice[], colors: string[]): { axes: PcAxis[]; lines: PcLine[] } {
  const lines: PcLine[] = runs.map((run, i) => ({ runId: run.id, name: run.name, color: colors[i], values: [], positions: [] }));
  const axes = choices.map((choice): PcAxis => {
    const raws = runs.map((run) => rawValue(run, choice));
    const present = raws.filter((raw): raw is { text: string; number: number } => raw !== null);
    const numeric = choice.source === 'metric' || present.every((raw) => Number.isFinite(raw.number));
    let position: (raw: { text: string; number: number }) => number | null;
    let ticks: PcAxis['ticks'];
    if (numeric) {
      const finite = present.map((raw) => raw.number).filter(Number.isFinite);
      const min = Math.min(...finite);
      const max = Math.max(...finite);
      const span = max - min;
      position = (raw) => (Number.isFinite(raw.number) ? (span === 0 ? 0.5 : (raw.number - min) / span) : null);
      ticks =
        finite.length === 0
          ? []
          : span === 0
            ? [{ position: 0.5, label: tickLabel(min) }]
            : [0, 0.25, 0.5, 0.75, 1].map((p) => ({ position: p, label: tickLabel(min + p * span) }));
    } else {
      const categories = [...new Set(present.map((raw) => raw.text))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
      const at = (i: number) => (categories.length === 1 ? 0.5 : i / (categories.length - 1));
      position = (raw) => at(categories.indexOf(raw.text));
      ticks = categories.map((label, i) => ({ position: at(i), label }));
    }
    let hasMissing = false;
    raws.forEach((raw, i) => {
      const p = raw ? position(raw) : null;
      if (p === null) hasMissing = true;
      lines[i].values.push(raw ? raw.text : null);
      lines[i].positions.push(p);
    });
    return {
      id: axisId(choice),
      source: choice.source,
      key: choice.key,
      label: choice.key,
      kind: numeric ? 'numeric' : 'categorical',
      ticks,
      hasMissing,
    };
  });
  return { axes, lines };
}
