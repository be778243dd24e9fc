import { screen, waitFor, within } from '@testing-library/react';
import { createAgent, createExecution, createAttempt, createMe, createProblem, createProject, createRun, createTarget } from '@/testing/data-generators';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';

const gpu = createTarget({ id: 'tgt-gpu', name: 'gpu-pool', kind: 'spark', settings: { sparkMaster: 'spark://m:7077', gpus: 2, maxConcurrentRuns: 4 } });

describe('compute targets', () => {
  it('lists targets with their kind and settings', async () => {
    mockApi({ 'GET /compute/targets': json({ targets: [gpu] }) });
    renderApp('/compute/targets');
    const row = (await screen.findByRole('link', { name: 'gpu-pool' })).closest('tr')!;
    expect(row).toHaveTextContent('spark');
    expect(row).toHaveTextContent('master spark://m:7077 · 2 GPUs · at most 4 runs at once');
    expect(screen.getByRole('link', { name: 'gpu-pool' })).toHaveAttribute('href', '/compute/targets/tgt-gpu');
  });

  it('creates a target with the settings of its kind, and shows a refused setting under its field', async () => {
    const api = mockApi({
      'GET /compute/targets': json({ targets: [] }),
      'POST /compute/targets': (request) => {
        const body = request.body as { settings?: { sparkMaster?: string } };
        return body.settings?.sparkMaster === 'yarn'
          ? problem(createProblem(400, 'sparkMaster must be local[N], local[*], spark://host:port or k8s://https://host:port', 'settings.sparkMaster'))
          : json(createTarget({ id: 'tgt-new', name: 'nightly', kind: 'spark' }), 201);
      },
    });
    const { user } = renderApp('/compute/targets');
    expect(await screen.findByText('No compute targets yet')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'New compute target' });
    await user.type(within(form).getByLabelText('Target name'), 'nightly');
    expect(within(form).queryByLabelText('Spark master')).not.toBeInTheDocument();
    await user.selectOptions(within(form).getByLabelText('Kind'), 'spark');
    const master = within(form).getByLabelText('Spark master');
    await user.type(master, 'yarn');
    await user.type(within(form).getByLabelText('Max concurrent runs (optional)'), '2');
    await user.click(within(form).getByRole('button', { name: 'Create target' }));

    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('sparkMaster must be local[N]');
    expect(master).toHaveAttribute('aria-invalid', 'true');
    expect(master).toHaveAttribute('aria-describedby', alert.id);
    expect(api.callsTo('POST', '/compute/targets')[0].body).toEqual({
      name: 'nightly',
      kind: 'spark',
      settings: { sparkMaster: 'yarn', maxConcurrentRuns: 2 },
    });

    await user.clear(master);
    await user.type(master, 'local[[*]');
    await user.click(within(form).getByRole('button', { name: 'Create target' }));
    expect(await within(form).findByRole('link', { name: 'nightly' })).toHaveAttribute('href', '/compute/targets/tgt-new');
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('does not offer creation to a plain member', async () => {
    mockApi({ 'GET /me': json(createMe({ role: 'MEMBER' })), 'GET /compute/targets': json({ targets: [gpu] }) });
    renderApp('/compute/targets');
    expect(await screen.findByRole('link', { name: 'gpu-pool' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'New compute target' })).not.toBeInTheDocument();
  });

  it('shows a target with the agents leasing from it, and deletes it after confirmation', async () => {
    const api = mockApi({
      'GET /compute/targets/tgt-gpu': json(gpu),
      'GET /compute/agents': json({
        agents: [createAgent({ name: 'gpu-box-1', targetIds: ['tgt-gpu'] }), createAgent({ name: 'elsewhere', targetIds: ['tgt-other'] })],
      }),
      'DELETE /compute/targets/tgt-gpu': { status: 204, json: null },
      'GET /compute/targets': json({ targets: [] }),
    });
    const { user, router } = renderApp('/compute/targets/tgt-gpu');
    expect(await screen.findByRole('heading', { name: /gpu-pool/ })).toBeInTheDocument();
    const agents = await screen.findByRole('table', { name: 'Agents of this target' });
    expect(within(agents).getByText('gpu-box-1')).toBeInTheDocument();
    expect(within(agents).queryByText('elsewhere')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Delete target' }));
    await user.click(screen.getByRole('button', { name: 'Delete gpu-pool' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/compute/targets'));
    expect(api.callsTo('DELETE', '/compute/targets/tgt-gpu')).toHaveLength(1);
  });

  it("shows the API's detail for an unknown target", async () => {
    mockApi({
      'GET /compute/targets/nope': problem(createProblem(404, "Compute target 'nope' not found")),
      'GET /compute/agents': json({ agents: [] }),
    });
    renderApp('/compute/targets/nope');
    expect(await screen.findByRole('alert')).toHaveTextContent("Compute target 'nope' not found");
  });
});

describe('compute agents', () => {
  it('lists agents with status from heartbeats, kinds, targets by name and last heartbeat', async () => {
    mockApi({
      'GET /compute/targets': json({ targets: [gpu] }),
      'GET /compute/agents': json({
        agents: [
          createAgent({ name: 'fresh', targetIds: ['tgt-gpu'], lastHeartbeat: Date.now() }),
          createAgent({ name: 'gone', leaseTtlSeconds: 30, lastHeartbeat: Date.now() - 120_000 }),
          createAgent({ name: 'new', lastHeartbeat: null }),
        ],
      }),
    });
    renderApp('/compute/agents');
    const table = await screen.findByRole('table', { name: 'Agents' });
    const row = (name: string) => within(table).getByText(name).closest('tr')!;
    expect(within(row('fresh')).getByText('online')).toBeInTheDocument();
    expect(await within(row('fresh')).findByRole('link', { name: 'gpu-pool' })).toHaveAttribute('href', '/compute/targets/tgt-gpu');
    expect(within(row('gone')).getByText('no heartbeat')).toBeInTheDocument();
    expect(within(row('new')).getByText('registered')).toBeInTheDocument();
    expect(row('new')).toHaveTextContent('never');
  });

  it('explains how to start an agent when none is registered', async () => {
    mockApi({ 'GET /compute/targets': json({ targets: [] }), 'GET /compute/agents': json({ agents: [] }) });
    renderApp('/compute/agents');
    expect(await screen.findByText('No agents registered')).toBeInTheDocument();
  });
});

describe('run execution and log', () => {
  const project = createProject({ id: 'p1', name: 'churn' });
  const base = {
    'GET /projects/p1': json(project),
    'GET /runs/r1/artifacts': json({ artifacts: [] }),
    'GET /lineage/run/r1': json({ root: { kind: 'run', id: 'r1' }, direction: 'upstream', depth: 3, truncated: false, nodes: [], edges: [] }),
  };

  it('shows the attempts of a submitted run with their agent, outcome and reason', async () => {
    mockApi({
      ...base,
      'GET /runs/r1': json(createRun({ id: 'r1', projectId: 'p1', status: 'FAILED', metrics: {} })),
      'GET /runs/r1/execution': json(
        createExecution({
          runId: 'r1',
          targetId: 'tgt-gpu',
          status: 'FAILED',
          attempt: 2,
          reason: 'The process exited with code 3',
          attempts: [
            createAttempt({ attempt: 1, agentId: 'agt-a', outcome: 'LOST', exitCode: null, reason: "The lease of agent 'agt-a' expired" }),
            createAttempt({ attempt: 2, agentId: 'agt-b', outcome: 'FAILED', exitCode: 3, reason: 'The process exited with code 3' }),
          ],
        }),
      ),
      'GET /runs/r1/logs': json({ chunks: [{ seq: 1, stream: 'stderr', text: 'Traceback: boom\n', time: 0 }], nextSeq: 1 }),
      'GET /compute/targets/tgt-gpu': json(gpu),
    });
    renderApp('/runs/r1');
    const panel = await screen.findByRole('region', { name: 'Execution' });
    expect(within(panel).getByText('2 of 3')).toBeInTheDocument();
    expect(await within(panel).findByRole('link', { name: 'gpu-pool' })).toHaveAttribute('href', '/compute/targets/tgt-gpu');
    const rows = within(within(panel).getByRole('table', { name: 'Attempts' })).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent(/agt-a.*lost.*The lease of agent 'agt-a' expired/);
    expect(rows[1]).toHaveTextContent(/agt-b.*failed.*3.*The process exited with code 3/);
    const log = screen.getByRole('region', { name: 'Log' });
    expect(await within(log).findByText('Traceback: boom')).toHaveClass('log-stderr');
  });

  it('leaves the panel out for a run logged through the API, and follows the log while the run is running', async () => {
    let polls = 0;
    const api = mockApi({
      ...base,
      'GET /runs/r1': json(createRun({ id: 'r1', projectId: 'p1', status: 'RUNNING', endTime: undefined, metrics: {} })),
      'GET /runs/r1/logs': (request) => {
        if (request.query.get('tail')) return json({ chunks: [{ seq: 1, stream: 'stdout', text: 'epoch 1\n', time: 0 }], nextSeq: 1 });
        polls += 1;
        return polls === 1
          ? json({ chunks: [{ seq: 2, stream: 'stdout', text: 'epoch 2\n', time: 1 }], nextSeq: 2 })
          : json({ chunks: [], nextSeq: Number(request.query.get('after')) });
      },
    });
    renderApp('/runs/r1');
    const log = await screen.findByRole('region', { name: 'Log' });
    expect(await within(log).findByText('epoch 1')).toBeInTheDocument();
    expect(await within(log).findByText('epoch 2', {}, { timeout: 5000 })).toBeInTheDocument();
    const follow = api.callsTo('GET', '/runs/r1/logs').filter((call) => call.query.get('after'));
    expect(follow[0].query.get('after')).toBe('1');
    expect(screen.queryByRole('region', { name: 'Execution' })).not.toBeInTheDocument();
    expect(api.callsTo('GET', '/runs/r1/logs')[0].query.get('tail')).toBe('200');
  });
});
