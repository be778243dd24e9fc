import type { AlignedData } from 'uplot';

/** One line of a chart: x values ascending (steps, seconds), y values with null for gaps (NaN, ±Infinity, missing). */
export interface ChartSeries {
  label: string;
  /** A CSS colour; without one the chart gives series its palette's colours in order. */
  color?: string;
  xs: number[];
  ys: (number | null)[];
}

/**
 * uPlot draws series that share one x array. A single series is used as it is; several (runs compared on one
 * chart) are joined on the union of their x values, each holding null where it has no point.
 */
export function alignSeries(series: ChartSeries[]): AlignedData {
  if (series.length === 0) return [[]];
  if (series.length === 1) return [series[0].xs, series[0].ys] as AlignedData;
  const xSet = new Set<number>();
  for (const line of series) for (const x of line.xs) xSet.add(x);
  const xs = Float64Array.from(xSet).sort();
  const index = new Map<number, number>();
  xs.forEach((x, i) => index.set(x, i));
  const columns = series.map((line) => {
    const ys: (number | null)[] = new Array(xs.length).fill(null);
    line.xs.forEach((x, i) => {
      ys[index.get(x)!] = line.ys[i];
    });
    return ys;
  });
  return [Array.from(xs), ...columns] as AlignedData;
}
