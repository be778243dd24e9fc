import { alignSeries } from './align';

describe('alignSeries', () => {
  it('keeps a single series as it is', () => {
    expect(alignSeries([{ label: 'loss', xs: [0, 1, 2], ys: [3, null, 1] }])).toEqual([
      [0, 1, 2],
      [3, null, 1],
    ]);
  });

  it('joins several series on the union of their steps, with gaps where a series has no point', () => {
    const aligned = alignSeries([
      { label: 'a', xs: [0, 2, 4], ys: [1, 2, 3] },
      { label: 'b', xs: [1, 2], ys: [10, 20] },
    ]);
    expect(aligned).toEqual([
      [0, 1, 2, 4],
      [1, null, 2, 3],
      [null, 10, 20, null],
    ]);
  });
});
