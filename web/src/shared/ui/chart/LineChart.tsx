import { useEffect, useMemo, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '../theme';
import { alignSeries, type ChartSeries } from './align';
import { DURATION_INCREMENTS, formatElapsed, type XKind } from './axis';
import { emaSmooth } from './smoothing';

/** Line colours that read on both themes; series take them in order. */
export const SERIES_COLORS = ['#3b82f6', '#f97316', '#10b981', '#e11d48', '#8b5cf6', '#ca8a04', '#06b6d4', '#db2777'];

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** `performance` marks and measures are cheap; jsdom and old browsers may lack them. */
const canMeasure = typeof performance !== 'undefined' && typeof performance.mark === 'function' && typeof performance.measure === 'function';
let markSequence = 0;

function markChartStart(title: string): string | null {
  if (!canMeasure) return null;
  markSequence += 1;
  const name = `cairn:chart-start:${title}:${markSequence}`;
  performance.mark(name);
  return name;
}

/**
 * Records `cairn:chart-draw:<title>`: from receiving a series (before aligning it) to the end of the draw showing
 * it — what the browser e2e reads to measure the chart (docs/performance.md).
 */
function measureChartDraw(title: string, startMark: string) {
  if (!canMeasure) return;
  try {
    performance.measure(`cairn:chart-draw:${title}`, startMark);
  } catch {
    // the mark was cleared (performance buffer full): nothing to record
  }
  performance.clearMarks(startMark);
}

/** The x range shown when the user has zoomed in, else null. */
function zoomedRange(chart: uPlot): { min: number; max: number } | null {
  const xs = chart.data?.[0] ?? [];
  const { min, max } = chart.scales.x ?? {};
  if (xs.length > 1 && min != null && max != null && (min > xs[0] || max < xs[xs.length - 1])) return { min, max };
  return null;
}

/** The raw line behind a smoothed one: its colour, faint (`#rrggbb` → `#rrggbbaa`; other colours as they are). */
function faint(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}47` : color;
}

/** x-axis and legend options for the kind of x values. */
function xOptions(kind: XKind): { axis: Partial<uPlot.Axis>; series: Partial<uPlot.Series> } {
  if (kind !== 'duration') return { axis: {}, series: {} };
  return {
    axis: { incrs: DURATION_INCREMENTS, values: (_u, splits) => splits.map(formatElapsed) },
    series: { value: (_u, v) => (v == null ? '--' : formatElapsed(v)) },
  };
}

/**
 * A fast line chart (uPlot on canvas): steps, wall-clock time or elapsed time on the x axis (`xKind`), a live legend
 * with the values under the cursor, drag to zoom and double-click to reset. New data keeps the user's zoom, and so
 * does a change of smoothing or theme. With `smoothing` > 0 each line is drawn smoothed (`emaSmooth`) over its raw
 * values in the same colour, faint.
 */
export function LineChart({
  title,
  series,
  xLabel = 'step',
  xKind = 'number',
  smoothing = 0,
  height = 220,
  summary,
}: {
  title: string;
  series: ChartSeries[];
  xLabel?: string;
  xKind?: XKind;
  smoothing?: number;
  height?: number;
  summary?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const { theme } = useTheme();
  // Each new series is timed from here (before aligning it) to the end of the canvas draw that shows it.
  const pendingMark = useRef<string | null>(null);
  const smoothed = smoothing > 0;
  const data = useMemo(() => {
    pendingMark.current = markChartStart(title);
    const aligned = alignSeries(series);
    if (!smoothed) return aligned;
    const raw = aligned.slice(1) as (number | null)[][];
    return [aligned[0], ...raw, ...raw.map((ys) => emaSmooth(ys, smoothing))] as AlignedData;
  }, [series, title, smoothed, smoothing]);
  const latest = useRef<AlignedData>(data);
  latest.current = data;
  const lines = series.map((line, i) => `${line.label}\u0001${line.color ?? SERIES_COLORS[i % SERIES_COLORS.length]}`).join('\u0000');
  // The x range the user zoomed to, kept when the chart is built anew (smoothing switched on, theme changed).
  const zoom = useRef<{ kind: XKind; min: number; max: number } | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const text = cssVar('--text-muted', '#666');
    const grid = cssVar('--border', '#ddd');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const x = xOptions(xKind);
    const described = lines.split('\u0000').map((line) => {
      const [label, color] = line.split('\u0001');
      return { label, color };
    });
    const drawn: uPlot.Series[] = described.map(({ label, color }) => ({
      label,
      stroke: color,
      width: 1.5,
      spanGaps: true,
      points: { show: false },
    }));
    const options: Options = {
      width: element.clientWidth || 480,
      height,
      scales: { x: { time: xKind === 'time' } },
      cursor: { drag: { x: true, y: false } },
      hooks: {
        draw: [
          () => {
            if (pendingMark.current) measureChartDraw(title, pendingMark.current);
            pendingMark.current = null;
          },
        ],
      },
      legend: { live: true },
      axes: [
        { ...axis, label: xLabel, labelSize: 20, ...x.axis },
        { ...axis, size: 64 },
      ],
      series: [
        { label: xLabel, ...x.series },
        // raw lines first, so every smoothed line is drawn over them
        ...(smoothed
          ? described.map(({ label, color }) => ({ label: `${label} (raw)`, stroke: faint(color), width: 1, spanGaps: true, points: { show: false } }))
          : []),
        ...drawn,
      ],
    };
    const chart = new uPlot(options, latest.current, element);
    plot.current = chart;
    if (zoom.current?.kind === xKind) chart.setScale('x', { min: zoom.current.min, max: zoom.current.max });
    let observer: ResizeObserver | undefined;
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => {
        if (element.clientWidth > 0 && element.clientWidth !== chart.width) {
          chart.setSize({ width: element.clientWidth, height });
        }
      });
      observer.observe(element);
    }
    return () => {
      observer?.disconnect();
      const range = zoomedRange(chart);
      zoom.current = range ? { kind: xKind, ...range } : null;
      chart.destroy();
      plot.current = null;
    };
  }, [theme, lines, height, xLabel, xKind, smoothed]);

  useEffect(() => {
    const chart = plot.current;
    if (!chart || chart.data === data) return;
    chart.setData(data, !zoomedRange(chart));
  }, [data]);

  return (
    <figure className="chart" aria-label={title}>
      <figcaption className="chart-title">{title}</figcaption>
      <div ref={container} className="chart-canvas" />
      {summary ? <p className="chart-summary muted">{summary}</p> : null}
    </figure>
  );
}
