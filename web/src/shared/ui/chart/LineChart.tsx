import { useEffect, useMemo, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '../theme';
import { alignSeries, type ChartSeries } from './align';

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

/**
 * A fast line chart (uPlot on canvas): step on the x axis, a live legend with the values under the cursor,
 * drag to zoom and double-click to reset. New data keeps the user's zoom.
 */
export function LineChart({
  title,
  series,
  xLabel = 'step',
  height = 220,
  summary,
}: {
  title: string;
  series: ChartSeries[];
  xLabel?: string;
  height?: number;
  summary?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const { theme } = useTheme();
  // Each new series is timed from here (before aligning it) to the end of the canvas draw that shows it.
  const pendingMark = useRef<string | null>(null);
  const data = useMemo(() => {
    pendingMark.current = markChartStart(title);
    return alignSeries(series);
  }, [series, title]);
  const latest = useRef<AlignedData>(data);
  latest.current = data;
  const labels = series.map((line) => line.label).join('\u0000');

  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const text = cssVar('--text-muted', '#666');
    const grid = cssVar('--border', '#ddd');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const options: Options = {
      width: element.clientWidth || 480,
      height,
      scales: { x: { time: false } },
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
        { ...axis, label: xLabel, labelSize: 20 },
        { ...axis, size: 64 },
      ],
      series: [
        { label: xLabel },
        ...labels.split('\u0000').map((label, i) => ({
          label,
          stroke: SERIES_COLORS[i % SERIES_COLORS.length],
          width: 1.5,
          spanGaps: true,
          points: { show: false },
        })),
      ],
    };
    const chart = new uPlot(options, latest.current, element);
    plot.current = chart;
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
      chart.destroy();
      plot.current = null;
    };
  }, [theme, labels, height, xLabel]);

  useEffect(() => {
    const chart = plot.current;
    if (!chart || chart.data === data) return;
    const xs = chart.data?.[0] ?? [];
    const { min, max } = chart.scales.x ?? {};
    const zoomed = xs.length > 1 && min != null && max != null && (min > xs[0] || max < xs[xs.length - 1]);
    chart.setData(data, !zoomed);
  }, [data]);

  return (
    <figure className="chart" aria-label={title}>
      <figcaption className="chart-title">{title}</figcaption>
      <div ref={container} className="chart-canvas" />
      {summary ? <p className="chart-summary muted">{summary}</p> : null}
    </figure>
  );
}
