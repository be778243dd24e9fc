import { screen, within } from '@testing-library/react';
import { createProblem } from '@/testing/data-generators';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';
import type { LineageEdge, LineageGraph, LineageNode, NodeRef } from '../types';

const T = Date.UTC(2026, 10, 3, 10, 0);
const node = (kind: NodeRef['kind'], id: string, distance: number, properties: Record<string, unknown> = {}): LineageNode => ({
  kind, id, distance, properties, eventId: `evt-${id}`, actor: 'usr_alice', time: T,
});
const edge = (from: LineageNode, to: LineageNode, relation: string): LineageEdge => ({
  from: { kind: from.kind, id: from.id }, to: { kind: to.kind, id: to.id }, relation, eventId: '9f1c2d3e-aaaa-bbbb', actor: 'usr_bob', time: T,
});

const mv = node('model-version', 'm1.v2', 0);
const artifact = node('artifact', 'r1/model/model.zip@sha256:ab', 1);
const run = node('run', 'r1', 2, { name: 'brave-otter' });
const data = node('dataset-version', 'd1.v3', 3, { uri: 's3://data/customers.parquet' });
const graph = (root: LineageNode, direction: 'upstream' | 'downstream', nodes: LineageNode[], edges: LineageEdge[]): LineageGraph => ({
  root: { kind: root.kind, id: root.id }, direction, depth: 10, nodes, edges, truncated: false,
});

describe('lineage explorer', () => {
  it('shows upstream layers from a model version and each edge with who, when and which event', async () => {
    const api = mockApi({
      'GET /lineage/model-version/m1.v2': (request) =>
        json(
          request.query.get('direction') === 'upstream'
            ? graph(mv, 'upstream', [mv, artifact, run, data], [edge(artifact, mv, 'registered-from'), edge(run, artifact, 'produced'), edge(data, run, 'consumed')])
            : graph(mv, 'downstream', [mv], []),
        ),
    });
    renderApp('/lineage/model-version/m1.v2');
    const upstream = await screen.findByRole('region', { name: 'Upstream' });
    const layers = await within(upstream).findAllByRole('list');
    expect(layers.map((layer) => layer.getAttribute('aria-label'))).toEqual(['3 steps upstream', '2 steps upstream', '1 step upstream', 'This node']);
    expect(within(layers[1]).getByRole('link', { name: 'brave-otter' })).toHaveAttribute('href', '/runs/r1');
    expect(within(layers[0]).getByRole('link', { name: 's3://data/customers.parquet' })).toHaveAttribute('href', '/datasets/d1');
    expect(within(layers[1]).getByRole('link', { name: 'Explore from here: brave-otter' })).toHaveAttribute('href', '/lineage/run/r1');

    const edges = within(upstream).getByRole('table', { name: 'Upstream edges' });
    const row = within(edges).getByRole('cell', { name: 'produced' }).closest('tr')!;
    expect(within(row).getByText('Run brave-otter')).toBeInTheDocument();
    expect(within(row).getByText('Artifact model/model.zip')).toBeInTheDocument();
    expect(within(row).getByText('usr_bob')).toBeInTheDocument();
    expect(within(row).getByText('9f1c2d3e')).toHaveAttribute('title', '9f1c2d3e-aaaa-bbbb');

    expect(await within(screen.getByRole('region', { name: 'Downstream' })).findByText('Nothing downstream')).toBeInTheDocument();
    expect(api.callsTo('GET', '/lineage/model-version/m1.v2')[0].query.get('depth')).toBe('10');
  });

  it("shows the API's detail for an unknown node", async () => {
    mockApi({ 'GET /lineage/run/nope': problem(createProblem(404, "No lineage node run 'nope'")) });
    renderApp('/lineage/run/nope');
    expect((await screen.findAllByRole('alert'))[0]).toHaveTextContent("No lineage node run 'nope'");
  });
});
