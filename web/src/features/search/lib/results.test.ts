import { createSearchResult } from '@/testing/data-generators';
import { groupByKind, parseSnippet, resultPath } from './results';

describe('search results', () => {
  it('turns a snippet into text parts, unescaping entities and never keeping markup', () => {
    expect(parseSnippet('<em>resnet</em> &lt;b&gt; &amp; <em>50</em>')).toEqual([
      { text: 'resnet', match: true },
      { text: ' <b> & ', match: false },
      { text: '50', match: true },
    ]);
  });

  it('groups hits by kind in a fixed order, keeping the rank inside a group', () => {
    const hits = [
      createSearchResult({ kind: 'run', name: 'r1' }),
      createSearchResult({ kind: 'model', name: 'm1' }),
      createSearchResult({ kind: 'project', name: 'p1' }),
      createSearchResult({ kind: 'run', name: 'r2' }),
    ];
    expect(groupByKind(hits).map((group) => [group.kind, group.results.map((hit) => hit.name)])).toEqual([
      ['project', ['p1']],
      ['run', ['r1', 'r2']],
      ['model', ['m1']],
    ]);
  });

  it('links each kind to its page', () => {
    expect(resultPath(createSearchResult({ kind: 'dataset', id: 'd 1' }))).toBe('/datasets/d%201');
    expect(resultPath(createSearchResult({ kind: 'run', id: 'r1' }))).toBe('/runs/r1');
  });
});
