import { createRun } from '@/testing/data-generators';
import { availableKeys, DEFAULT_SORT, nextSort, orderBy, parseOrder, quoteKey, sortField } from './columns';

describe('run columns', () => {
  it('quotes keys the search grammar cannot take bare', () => {
    expect(quoteKey('acc')).toBe('acc');
    expect(quoteKey('val loss')).toBe('`val loss`');
    expect(sortField({ kind: 'metrics', key: 'train/loss' })).toBe('metrics.`train/loss`');
  });

  it('cycles a header through descending, ascending and the default order', () => {
    const first = nextSort(DEFAULT_SORT, 'metrics.acc');
    expect(orderBy(first)).toBe('metrics.acc DESC');
    const second = nextSort(first, 'metrics.acc');
    expect(orderBy(second)).toBe('metrics.acc ASC');
    expect(nextSort(second, 'metrics.acc')).toEqual(DEFAULT_SORT);
    expect(parseOrder('metrics.`val loss` ASC')).toEqual({ field: 'metrics.`val loss`', descending: false });
  });

  it('collects the keys of the loaded runs', () => {
    const keys = availableKeys([
      createRun({ params: { lr: '0.1' }, tags: { team: 'x' } }),
      createRun({ params: { epochs: '3' }, metrics: { acc: { value: 1, step: 0, timestamp: 0 } } }),
    ]);
    expect(keys.params).toEqual(['epochs', 'lr']);
    expect(keys.tags).toEqual(['team']);
    expect(keys.metrics).toContain('acc');
  });
});
