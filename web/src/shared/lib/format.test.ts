import { formatBytes, formatDuration, formatMetric, toNumber } from './format';

describe('formatting', () => {
  it('formats metric values, including the non-finite strings of the API', () => {
    expect(formatMetric(0.930000001)).toBe('0.93');
    expect(formatMetric(12)).toBe('12');
    expect(formatMetric(1.5e-7)).toBe('1.5000e-7');
    expect(formatMetric('NaN')).toBe('NaN');
    expect(toNumber('-Infinity')).toBe(Number.NEGATIVE_INFINITY);
  });

  it('formats sizes and durations', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatDuration(0, 90_000)).toBe('1m 30s');
    expect(formatDuration(0, 3 * 3600_000 + 60_000)).toBe('3h 1m');
  });
});
