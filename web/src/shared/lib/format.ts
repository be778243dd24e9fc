/** Display helpers; every time in the API is epoch milliseconds. */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function formatTime(epochMillis: number | null | undefined): string {
  if (epochMillis === null || epochMillis === undefined) return '—';
  return dateTime.format(new Date(epochMillis));
}

export function formatDuration(startMillis: number, endMillis: number | null | undefined, now = Date.now()): string {
  const millis = Math.max(0, (endMillis ?? now) - startMillis);
  const seconds = Math.floor(millis / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A metric value from the API: a number, or one of the strings "NaN", "Infinity", "-Infinity". */
export type MetricValue = number | 'NaN' | 'Infinity' | '-Infinity';

export function toNumber(value: MetricValue): number {
  if (typeof value === 'number') return value;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return Number.NaN;
}

export function formatMetric(value: MetricValue | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e6)) return value.toExponential(4);
  return String(Number(value.toPrecision(6)));
}

export function shortId(id: string): string {
  return id.length > 10 ? id.slice(0, 8) : id;
}
