import type { LineageEdge, LineageGraph, LineageNode, NodeRef } from '../types';
import { layoutGraph } from './layout';

const node = (kind: NodeRef['kind'], id: string, distance: number): LineageNode => ({ kind, id, distance, properties: {}, eventId: `evt-${id}`, actor: 'usr_a', time: 0 });
const edge = (from: LineageNode, to: LineageNode, relation: string): LineageEdge => ({
  from: { kind: from.kind, id: from.id },
  to: { kind: to.kind, id: to.id },
  relation,
  eventId: 'e',
  actor: 'usr_a',
  time: 0,
});
const graph = (root: LineageNode, direction: 'upstream' | 'downstream', nodes: LineageNode[], edges: LineageEdge[]): LineageGraph => ({
  root: { kind: root.kind, id: root.id },
  direction,
  depth: 10,
  nodes,
  edges,
  truncated: false,
});

describe('lineage layout', () => {
  it('puts each node in the column of its distance: upstream left of the root, downstream right', () => {
    const run = node('run', 'r1', 0);
    const data = node('dataset-version', 'd1.v1', 1);
    const source = node('source-snapshot', 'src-1', 1);
    const artifact = node('artifact', 'r1/model.zip@sha256:aa', 1);
    const version = node('model-version', 'm1.v1', 2);
    const deployment = node('deployment', 'dep-1', 3);
    const layout = layoutGraph(
      graph(run, 'upstream', [run, data, source], [edge(data, run, 'consumed'), edge(source, run, 'consumed')]),
      graph(run, 'downstream', [run, artifact, version, deployment], [edge(run, artifact, 'produced'), edge(artifact, version, 'registered-from'), edge(version, deployment, 'deployed-as')]),
    );
    const column = (id: string) => layout.nodes.find((n) => n.node.id === id)!.column;
    expect([data, source, run, artifact, version, deployment].map((n) => column(n.id))).toEqual([-1, -1, 0, 1, 2, 3]);
    const x = (id: string) => layout.byKey.get(layout.nodes.find((n) => n.node.id === id)!.key)!.x;
    expect(x('d1.v1')).toBeLessThan(x('r1'));
    expect(x('r1')).toBeLessThan(x('r1/model.zip@sha256:aa'));
    expect(x('m1.v1')).toBeLessThan(x('dep-1'));
    // the keyboard's order: column by column from the left
    expect(layout.nodes.map((n) => n.column)).toEqual([...layout.nodes.map((n) => n.column)].sort((a, b) => a - b));
    expect(layout.edges).toHaveLength(5);
  });

  it('orders nodes within columns so that edges do not cross where they need not', () => {
    // Downstream of a dataset version: runs a, b, c consumed it; their artifacts sort the other way round by id,
    // so the starting order (by key) crosses every pair of edges: a→z, b→y, c→x.
    const root = node('dataset-version', 'd.v1', 0);
    const runs = ['a', 'b', 'c'].map((id) => node('run', id, 1));
    const artifacts = ['z', 'y', 'x'].map((id) => node('artifact', `${id}/out@sha256:00`, 2));
    const edges = [...runs.map((r) => edge(root, r, 'consumed')), ...runs.map((r, i) => edge(r, artifacts[i], 'produced'))];
    const untouched = layoutGraph(undefined, graph(root, 'downstream', [root, ...runs, ...artifacts], edges), 0);
    expect(untouched.crossings).toBe(3);
    const layout = layoutGraph(undefined, graph(root, 'downstream', [root, ...runs, ...artifacts], edges));
    expect(layout.crossings).toBe(0);
    const rowOf = (id: string) => layout.nodes.find((n) => n.node.id === id)!.row;
    expect(runs.map((r) => rowOf(artifacts[runs.indexOf(r)].id) === rowOf(r.id))).toEqual([true, true, true]);
  });

  it('lays out a graph of a few hundred nodes quickly', () => {
    // a dataset version consumed by 60 runs, each producing 4 artifacts, 40 of them registered as model versions
    const root = node('dataset-version', 'd.v1', 0);
    const nodes = [root];
    const edges: LineageEdge[] = [];
    for (let r = 0; r < 60; r += 1) {
      const run = node('run', `run-${String(59 - r).padStart(2, '0')}`, 1);
      nodes.push(run);
      edges.push(edge(root, run, 'consumed'));
      for (let a = 0; a < 4; a += 1) {
        // ids in an order unrelated to their runs', so the starting order crosses a lot
        const artifact = node('artifact', `x${String((r * 37 + a * 11) % 240).padStart(3, '0')}/out@sha256:${r}${a}`, 2);
        nodes.push(artifact);
        edges.push(edge(run, artifact, 'produced'));
        if (a === 0 && r < 40) {
          const version = node('model-version', `m${r % 5}.v${r}`, 3);
          nodes.push(version);
          edges.push(edge(artifact, version, 'registered-from'));
        }
      }
    }
    const before = layoutGraph(undefined, graph(root, 'downstream', nodes, edges), 0).crossings;
    const started = performance.now();
    const layout = layoutGraph(undefined, graph(root, 'downstream', nodes, edges));
    const took = performance.now() - started;
    console.log(`lineage layout: ${nodes.length} nodes, ${edges.length} edges in ${took.toFixed(1)} ms, ${layout.crossings} crossings (${before} before ordering)`);
    expect(layout.nodes).toHaveLength(nodes.length);
    expect(before).toBeGreaterThan(1000);
    expect(layout.crossings).toBe(0);
    expect(took).toBeLessThan(250);
  });
});
