import { emaSmooth } from './smoothing';

describe('emaSmooth', () => {
  it('leaves the series alone at weight 0', () => {
    expect(emaSmooth([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });

  it('debiases, so the first point is kept and the start is not pulled towards zero', () => {
    const smoothed = emaSmooth([10, 20, 30], 0.5);
    expect(smoothed[0]).toBe(10);
    // (0.5·5 + 0.5·20) / (1 − 0.25) = 12.5 / 0.75
    expect(smoothed[1]).toBeCloseTo(50 / 3, 10);
    // (0.5·12.5 + 0.5·30) / (1 − 0.125)
    expect(smoothed[2]).toBeCloseTo(21.25 / 0.875, 10);
  });

  it('returns a constant series exactly, whatever the weight', () => {
    const ys = new Array<number>(500).fill(0.1);
    expect(emaSmooth(ys, 0.99)).toEqual(ys);
  });

  it('keeps gaps (null, NaN, infinities) as gaps without moving the average', () => {
    const smoothed = emaSmooth([2, null, Number.NaN, 4, Number.POSITIVE_INFINITY, 6], 0.5);
    expect(smoothed[1]).toBeNull();
    expect(smoothed[2]).toBeNull();
    expect(smoothed[4]).toBeNull();
    // the same as smoothing [2, 4, 6] without the gaps
    const dense = emaSmooth([2, 4, 6], 0.5);
    expect([smoothed[0], smoothed[3], smoothed[5]]).toEqual(dense);
  });

  it('clamps the weight to 0.99, so the line still follows the data', () => {
    const smoothed = emaSmooth([0, 100, 100, 100], 5);
    expect(smoothed).toEqual(emaSmooth([0, 100, 100, 100], 0.99));
    expect(smoothed[3]!).toBeGreaterThan(0);
  });

  it('is linear in the series length (a million points in well under a second)', () => {
    const ys = Array.from({ length: 1_000_000 }, (_, i) => Math.sin(i / 50));
    const started = performance.now();
    emaSmooth(ys, 0.9);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
