import { createMetricSeries } from '@/testing/data-generators';
import { toChartSeries } from './series';

describe('toChartSeries', () => {
  const series = createMetricSeries('loss', [3, 'NaN', 1]);
  const t0 = series.points[0].timestamp;

  it('puts steps on x and non-finite values as gaps', () => {
    expect(toChartSeries('loss', series)).toEqual({ label: 'loss', color: undefined, xs: [0, 1, 2], ys: [3, null, 1] });
  });

  it('puts wall-clock seconds on x', () => {
    expect(toChartSeries('loss', series, 'wall').xs).toEqual([t0 / 1000, t0 / 1000 + 1, t0 / 1000 + 2]);
  });

  it('puts seconds since the earliest point on x, in time order', () => {
    const shuffled = { ...series, points: [{ ...series.points[0], timestamp: t0 + 5000 }, ...series.points.slice(1)] };
    expect(toChartSeries('loss', shuffled, 'relative', '#123456')).toEqual({
      label: 'loss',
      color: '#123456',
      xs: [0, 1, 4],
      ys: [null, 1, 3],
    });
  });
});
