/**
 * What the x values of a chart are: plain numbers (steps, seconds on the deployment page), wall-clock time
 * (seconds since the epoch, shown as dates and times) or elapsed time (seconds, shown as 1m 30s).
 */
export type XKind = 'number' | 'time' | 'duration';

/** Tick spacings (seconds) for an elapsed-time axis, so ticks land on whole seconds, minutes and hours. */
export const DURATION_INCREMENTS = [
  0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
  10800, 21600, 43200, 86400, 172800, 604800, 1209600, 2592000,
];

/** Elapsed seconds as `850ms`, `42s`, `5m 3s`, `2h 5m` or `3d 4h`. */
export function formatElapsed(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  if (s === 0) return '0s';
  if (s < 1) return `${sign}${Math.round(s * 1000)}ms`;
  if (s < 60) return `${sign}${Number(s.toFixed(s < 10 ? 1 : 0))}s`;
  const whole = Math.round(s);
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${sign}${minutes}m${whole % 60 ? ` ${whole % 60}s` : ''}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${sign}${hours}h${minutes % 60 ? ` ${minutes % 60}m` : ''}`;
  return `${sign}${Math.floor(hours / 24)}d${hours % 24 ? ` ${hours % 24}h` : ''}`;
}
