import { screen, within } from '@testing-library/react';
import { formatTime } from '@/shared/lib/format';
import { createProblem } from '@/testing/data-generators';
import { json, mockApi, problem, type MockRequest } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';
import type { LineageEdge, LineageGraph, LineageNode, NodeRef } from '../types';

const T = Date.UTC(2026, 10, 3, 10, 0);
const node = (kind: NodeRef['kind'], id: string, distance: number, properties: Record<string, unknown> = {}): LineageNode => ({
  kind, id, distance, properties, eventId: `evt-${id}`, actor: 'usr_alice', time: T,
});
const edge = (from: LineageNode, to: LineageNode, relation: string, eventId = '9f1c2d3e-aaaa-bbbb'): LineageEdge => ({
  from: { kind: from.kind, id: from.id }, to: { kind: to.kind, id: to.id }, relation, eventId, actor: 'usr_bob', time: T,
});

const mv = node('model-version', 'm1.v2', 0);
const artifact = node('artifact', 'r1/model/model.zip@sha256:ab', 1);
const run = node('run', 'r1', 2, { name: 'brave-otter' });
const data = node('dataset-version', 'd1.v3', 3, { uri: 's3://data/customers.parquet' });
const deployment = node('deployment', 'dep-7', 1, { name: 'churn-scorer' });
const graph = (root: LineageNode, direction: 'upstream' | 'downstream', nodes: LineageNode[], edges: LineageEdge[]): LineageGraph => ({
  root: { kind: root.kind, id: root.id }, direction, depth: 10, nodes, edges, truncated: false,
});

/** From the model version: the artifact, run and dataset upstream, a deployment downstream. */
function modelVersionLineage(request: MockRequest) {
  return json(
    request.query.get('direction') === 'upstream'
      ? graph(mv, 'upstream', [mv, artifact, run, data], [edge(artifact, mv, 'registered-from'), edge(run, artifact, 'produced', 'evt-produced-1234'), edge(data, run, 'consumed')])
      : graph(mv, 'downstream', [mv, deployment], [edge(mv, deployment, 'deployed-as')]),
  );
}

const graphOf = () => screen.findByRole('group', { name: /^Lineage graph/ });

describe('lineage explorer', () => {
  it('draws upstream left and downstream right of the node, with the same facts in tables', async () => {
    const api = mockApi({ 'GET /lineage/model-version/m1.v2': modelVersionLineage });
    renderApp('/lineage/model-version/m1.v2');
    const drawing = await graphOf();
    expect(drawing).toHaveAccessibleName('Lineage graph: 5 nodes, 4 edges');
    const nodes = within(drawing).getAllByRole('button');
    // the keyboard's order is the drawing's: column by column from the farthest input
    expect(nodes.map((n) => n.getAttribute('aria-label'))).toEqual([
      'Dataset version s3://data/customers.parquet, 3 steps upstream',
      'Run brave-otter, 2 steps upstream',
      'Artifact model/model.zip, 1 step upstream',
      'Model version m1.v2, this node',
      'Deployment churn-scorer, 1 step downstream',
    ]);
    const x = (n: Element) => Number(/translate\(([-\d.]+)/.exec(n.getAttribute('transform')!)![1]);
    expect(nodes.map(x)).toEqual([...nodes.map(x)].sort((a, b) => a - b));
    expect(within(drawing).getByText('deployed-as')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Legend' })).toHaveTextContent('Model version (hexagon)');

    const upstream = screen.getByRole('region', { name: 'Upstream' });
    const nodesTable = within(upstream).getByRole('table', { name: 'Upstream nodes' });
    expect(within(nodesTable).getByRole('link', { name: 'brave-otter' })).toHaveAttribute('href', '/runs/r1');
    expect(within(nodesTable).getByRole('link', { name: 's3://data/customers.parquet' })).toHaveAttribute('href', '/datasets/d1');
    expect(within(nodesTable).getByRole('link', { name: 'Explore from here: brave-otter' })).toHaveAttribute('href', '/lineage/run/r1');
    const edges = within(upstream).getByRole('table', { name: 'Upstream edges' });
    const row = within(edges).getByRole('cell', { name: 'produced' }).closest('tr')!;
    expect(within(row).getByText('Run brave-otter')).toBeInTheDocument();
    expect(within(row).getByText('Artifact model/model.zip')).toBeInTheDocument();
    expect(within(row).getByText('usr_bob')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'Event evt-produced-1234 in the audit log' })).toHaveAttribute(
      'href',
      `/audit?eventId=evt-produced-1234&from=${T}&to=${T}&actor=usr_bob`,
    );
    const downstream = screen.getByRole('region', { name: 'Downstream' });
    expect(within(downstream).getByRole('link', { name: 'churn-scorer' })).toHaveAttribute('href', '/deployments/dep-7');
    expect(api.callsTo('GET', '/lineage/model-version/m1.v2').map((c) => c.query.get('depth'))).toEqual(['10', '10']);
  });

  it('moves between nodes with the arrow keys, shows the focused one and re-roots on Enter', async () => {
    const api = mockApi({
      'GET /lineage/model-version/m1.v2': modelVersionLineage,
      'GET /lineage/run/r1': (request) =>
        json(request.query.get('direction') === 'upstream' ? graph({ ...run, distance: 0 }, 'upstream', [{ ...run, distance: 0 }, { ...data, distance: 1 }], [edge(data, run, 'consumed')]) : graph({ ...run, distance: 0 }, 'downstream', [{ ...run, distance: 0 }], [])),
    });
    const { user, router } = renderApp('/lineage/model-version/m1.v2?depth=5');
    const drawing = await graphOf();
    const rootNode = within(drawing).getByRole('button', { name: 'Model version m1.v2, this node' });
    // one tab stop: the root
    expect(within(drawing).getAllByRole('button').filter((n) => n.getAttribute('tabindex') === '0')).toEqual([rootNode]);
    await user.click(screen.getByRole('button', { name: 'Fit' }));
    await user.tab();
    expect(rootNode).toHaveFocus();
    const details = screen.getByRole('complementary', { name: 'Details' });
    expect(within(details).getByRole('heading', { name: 'Model version m1.v2' })).toBeInTheDocument();

    await user.keyboard('{ArrowLeft}');
    expect(within(drawing).getByRole('button', { name: /^Artifact model\/model.zip/ })).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    const runNode = within(drawing).getByRole('button', { name: /^Run brave-otter/ });
    expect(runNode).toHaveFocus();
    expect(runNode).toHaveAttribute('tabindex', '0');
    expect(within(details).getByRole('heading', { name: 'Run brave-otter' })).toBeInTheDocument();
    expect(within(details).getByText('usr_alice')).toBeInTheDocument();
    expect(within(details).getByRole('link', { name: 'Open run' })).toHaveAttribute('href', '/runs/r1');
    await user.keyboard('{Home}');
    expect(rootNode).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(within(drawing).getByRole('button', { name: /^Deployment churn-scorer/ })).toHaveFocus();
    await user.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}');

    await user.keyboard('{Enter}');
    expect(router.state.location.pathname).toBe('/lineage/run/r1');
    expect(router.state.location.search).toBe('?depth=5');
    expect(await screen.findByRole('group', { name: 'Lineage graph: 2 nodes, 1 edges' })).toBeInTheDocument();
    expect(api.callsTo('GET', '/lineage/run/r1')[0].query.get('depth')).toBe('5');
  });

  it('zooms with the buttons and fits the graph back', async () => {
    mockApi({ 'GET /lineage/model-version/m1.v2': modelVersionLineage });
    const { user } = renderApp('/lineage/model-version/m1.v2');
    const drawing = await graphOf();
    const canvas = drawing.querySelector<HTMLElement>('.graph-canvas')!;
    const scale = () => Number(/scale\(([\d.]+)\)/.exec(canvas.style.transform)![1]);
    const level = screen.getByRole('status', { name: 'Zoom level' });
    const first = scale();
    expect(level).toHaveTextContent(`${Math.round(first * 100)}%`);

    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(scale()).toBeCloseTo(first * 1.25);
    expect(level).toHaveTextContent(`${Math.round(first * 125)}%`);
    await user.click(screen.getByRole('button', { name: 'Zoom out' }));
    await user.click(screen.getByRole('button', { name: 'Zoom out' }));
    expect(scale()).toBeCloseTo(first / 1.25);
    await user.click(screen.getByRole('button', { name: 'Fit' }));
    const fitted = scale();
    // five columns fit the (jsdom's assumed) 800 px wide view
    const nodes = within(drawing).getAllByRole('button');
    const right = Math.max(...nodes.map((n) => Number(/translate\(([-\d.]+)/.exec(n.getAttribute('transform')!)![1]))) + 184;
    expect(right * fitted).toBeLessThanOrEqual(800);
    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(scale()).toBeCloseTo(fitted * 1.25);
    await user.click(screen.getByRole('button', { name: 'Fit' }));
    expect(scale()).toBeCloseTo(fitted);
    expect(canvas.style.transform).toMatch(/^translate\([-\d.]+px, [-\d.]+px\) scale/);
  });

  it('shows who made an edge, when and by which event when it is hovered or clicked', async () => {
    mockApi({ 'GET /lineage/model-version/m1.v2': modelVersionLineage });
    const { user } = renderApp('/lineage/model-version/m1.v2');
    const drawing = await graphOf();
    const produced = drawing.querySelector('[data-edge^="run:r1"] .edge-hit')!;
    const details = screen.getByRole('complementary', { name: 'Details' });

    await user.hover(produced);
    expect(within(details).getByRole('heading', { name: 'Edge: produced' })).toBeInTheDocument();
    expect(details).toHaveTextContent('Run brave-otter produced → Artifact model/model.zip');
    expect(within(details).getByText('usr_bob')).toBeInTheDocument();
    expect(within(details).getByText(formatTime(T))).toBeInTheDocument();
    expect(within(details).getByRole('link', { name: 'Event evt-produced-1234 in the audit log' })).toHaveTextContent('evt-prod');
    await user.unhover(produced);
    expect(within(details).getByRole('heading', { name: 'Model version m1.v2' })).toBeInTheDocument();

    await user.click(produced);
    await user.unhover(produced);
    expect(within(details).getByRole('heading', { name: 'Edge: produced' })).toBeInTheDocument();
  });

  it('walks one direction only when asked, and keeps it in the URL and the explore links', async () => {
    const api = mockApi({ 'GET /lineage/model-version/m1.v2': modelVersionLineage });
    const { user, router } = renderApp('/lineage/model-version/m1.v2');
    await graphOf();
    await user.selectOptions(screen.getByLabelText('Direction'), 'Upstream only');
    expect(router.state.location.search).toBe('?direction=upstream');
    expect(await screen.findByRole('group', { name: 'Lineage graph: 4 nodes, 3 edges' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Downstream' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Explore from here: brave-otter' })).toHaveAttribute('href', '/lineage/run/r1?direction=upstream');
    expect(api.callsTo('GET', '/lineage/model-version/m1.v2').map((c) => c.query.get('direction'))).toEqual(['upstream', 'downstream']);
  });

  it("shows the API's detail for an unknown node", async () => {
    mockApi({ 'GET /lineage/run/nope': problem(createProblem(404, "No lineage node run 'nope'")) });
    renderApp('/lineage/run/nope');
    expect((await screen.findAllByRole('alert'))[0]).toHaveTextContent("No lineage node run 'nope'");
  });
});
