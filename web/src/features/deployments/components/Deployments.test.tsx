import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  createDeployment,
  createModel,
  createModelVersion,
  createProblem,
  createProject,
  createServedVersion,
  createTelemetry,
  createVersionTelemetry,
} from '@/testing/data-generators';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';

const signature = {
  inputs: [
    { name: 'sepal_length', type: 'double' },
    { name: 'petals', type: 'integer' },
    { name: 'wild', type: 'boolean' },
  ],
  outputs: [{ name: 'setosa', type: 'float' }],
};
const model = createModel({ id: 'm1', name: 'iris', latestVersion: 2 });
const versions = [
  createModelVersion({ modelId: 'm1', version: 2, flavor: 'dl4j', signature }),
  createModelVersion({ modelId: 'm1', version: 1, flavor: 'dl4j', signature, stage: 'Production' }),
];

type Routes = Parameters<typeof mockApi>[0];

function deploymentRoutes(deployment: ReturnType<typeof createDeployment>, overrides: Routes = {}) {
  return mockApi({
    [`GET /deployments/${deployment.id}`]: json(deployment),
    [`GET /deployments/${deployment.id}/telemetry`]: json(createTelemetry(deployment.id)),
    'GET /models/m1': json(model),
    'GET /models/m1/versions': json({ versions }),
    'GET /projects/project-id': json(createProject({ id: 'project-id', name: 'flowers' })),
    ...overrides,
  });
}

const listOptions = {
  'GET /projects': json({ projects: [createProject({ id: 'p1', name: 'flowers' }), createProject({ id: 'p2', name: 'churn' })] }),
  'GET /models': json({ models: [model, createModel({ id: 'm2', name: 'fraud' })] }),
};

describe('deployments list', () => {
  it('lists deployments with model, served versions, target, status and replicas', async () => {
    mockApi({
      ...listOptions,
      'GET /deployments': json({
        deployments: [
          createDeployment({
            id: 'd1',
            name: 'iris-prod',
            modelId: 'm1',
            replicas: 2,
            status: 'STARTING',
            versions: [
              createServedVersion({ version: 1, alias: 'champion', trafficPercent: 90 }),
              createServedVersion({ role: 'canary', version: 2, trafficPercent: 10, status: 'STARTING' }),
            ],
          }),
        ],
      }),
      'GET /models/m1': json(model),
    });
    renderApp('/deployments');
    const link = await screen.findByRole('link', { name: 'iris-prod' });
    expect(link).toHaveAttribute('href', '/deployments/d1');
    const row = link.closest('tr')!;
    expect(within(row).getByText('v1 (champion) 90 % · v2 10 %')).toBeInTheDocument();
    expect(within(row).getByText('STARTING')).toBeInTheDocument();
    expect(within(row).getByText('local')).toBeInTheDocument();
    expect(await within(row).findByRole('link', { name: 'iris' })).toHaveAttribute('href', '/models/m1');
    expect(screen.getByRole('navigation', { name: 'Main' })).toContainElement(screen.getByRole('link', { name: 'Deployments' }));
  });

  it('says how to deploy when there is nothing yet', async () => {
    mockApi({ ...listOptions, 'GET /deployments': json({ deployments: [] }) });
    renderApp('/deployments');
    expect(await screen.findByText('No deployments yet')).toBeInTheDocument();
    expect(screen.getByText(/press/)).toHaveTextContent('Deploy… on a version');
  });

  it('filters by project and by model, sending them as the query and keeping them in the URL', async () => {
    const api = mockApi({
      ...listOptions,
      'GET /models/m1': json(model),
      'GET /deployments': (request) =>
        json({
          deployments:
            request.query.get('projectId') === 'p2' ? [] : [createDeployment({ id: 'd1', name: 'iris-prod', modelId: 'm1', projectId: 'p1' })],
        }),
    });
    const { user, router } = renderApp('/deployments');
    await screen.findByRole('link', { name: 'iris-prod' });
    const filters = screen.getByRole('form', { name: 'Filter deployments' });
    const projectSelect = within(filters).getByLabelText('Project');
    expect(projectSelect).toHaveValue('');
    expect(within(projectSelect).getByRole('option', { name: 'churn' })).toBeInTheDocument();

    await user.selectOptions(within(filters).getByLabelText('Model'), 'm1');
    await waitFor(() => expect(api.callsTo('GET', '/deployments').at(-1)!.query.get('modelId')).toBe('m1'));
    expect(api.callsTo('GET', '/deployments').at(-1)!.query.has('projectId')).toBe(false);
    expect(router.state.location.search).toBe('?modelId=m1');

    await user.selectOptions(projectSelect, 'p2');
    await waitFor(() => expect(api.callsTo('GET', '/deployments').at(-1)!.query.get('projectId')).toBe('p2'));
    expect(api.callsTo('GET', '/deployments').at(-1)!.query.get('modelId')).toBe('m1');
    expect(await screen.findByText('No deployments match these filters')).toBeInTheDocument();
    expect(screen.queryByText('No deployments yet')).not.toBeInTheDocument();

    await user.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('link', { name: 'iris-prod' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
    expect(within(filters).queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
  });

  it('reads the filters from the URL on a reload', async () => {
    const api = mockApi({ ...listOptions, 'GET /deployments': json({ deployments: [] }) });
    renderApp('/deployments?projectId=p1');
    expect(await screen.findByText('No deployments match these filters')).toBeInTheDocument();
    expect(api.callsTo('GET', '/deployments')[0].query.get('projectId')).toBe('p1');
    expect(await screen.findByRole('option', { name: 'flowers', selected: true })).toBeInTheDocument();
  });
});

describe('deploying from the registry', () => {
  const withAlias = [createModelVersion({ ...versions[0], aliases: ['candidate'] }), versions[1]];
  const created = createDeployment({ id: 'd9', name: 'deployment-d9', modelId: 'm1', status: 'PENDING' });
  const modelPage = (post: Routes[string]) =>
    mockApi({
      'GET /models/m1': json(model),
      'GET /models/m1/versions': json({ versions: withAlias }),
      'GET /models/m1/approvals': json({ approvals: [] }),
      'POST /deployments': post,
      'GET /deployments/d9': json(created),
      'GET /deployments/d9/telemetry': json(createTelemetry('d9')),
    });
  const openForm = async (user: ReturnType<typeof renderApp>['user']) => {
    const toggle = await screen.findByRole('button', { name: 'Deploy v2…' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    return screen.getByRole('form', { name: 'Deploy v2' });
  };

  it('deploys a version with the defaults (local, one replica, a name chosen by the server) and opens its page', async () => {
    const api = modelPage(json(created, 201));
    const { user, router } = renderApp('/models/m1');
    const form = await openForm(user);
    expect(within(form).getByLabelText('Target')).toHaveValue('local');
    expect(within(form).getByLabelText('Replicas')).toHaveValue(1);
    await user.click(within(form).getByRole('button', { name: 'Deploy v2' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/deployments/d9'));
    expect(api.callsTo('POST', '/deployments')[0].body).toEqual({ modelId: 'm1', version: 2, target: 'local', replicas: 1 });
    expect(await screen.findByRole('heading', { name: /deployment-d9/, level: 1 })).toHaveTextContent('PENDING');
  });

  it('deploys by alias with a name, a target and replicas', async () => {
    const api = modelPage(json(created, 201));
    const { user, router } = renderApp('/models/m1');
    const form = await openForm(user);
    await user.type(within(form).getByLabelText('Deployment name'), '  iris-canary ');
    const serve = within(form).getByLabelText('Serve');
    expect(within(serve).getAllByRole('option').map((o) => o.textContent)).toEqual(['version 2', 'alias candidate (now v2)']);
    await user.selectOptions(serve, 'alias:candidate');
    await user.selectOptions(within(form).getByLabelText('Target'), 'kubernetes');
    expect(within(form).getByLabelText('Target')).toHaveAccessibleDescription(/only where the operator enabled it/);
    await user.clear(within(form).getByLabelText('Replicas'));
    await user.type(within(form).getByLabelText('Replicas'), '3');
    await user.click(within(form).getByRole('button', { name: 'Deploy v2' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/deployments/d9'));
    expect(api.callsTo('POST', '/deployments')[0].body).toEqual({ modelId: 'm1', alias: 'candidate', name: 'iris-canary', target: 'kubernetes', replicas: 3 });
  });

  it('checks replicas in the browser first: the field is marked, focused and nothing is sent', async () => {
    const api = modelPage(json(created, 201));
    const { user } = renderApp('/models/m1');
    const form = await openForm(user);
    const replicas = within(form).getByLabelText('Replicas');
    await user.clear(replicas);
    await user.type(replicas, '17');
    await user.click(within(form).getByRole('button', { name: 'Deploy v2' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Replicas must be a whole number from 0 to 16');
    expect(replicas).toHaveAttribute('aria-invalid', 'true');
    expect(replicas).toHaveAccessibleDescription(/Replicas must be a whole number from 0 to 16/);
    expect(replicas).toHaveFocus();
    expect(api.callsTo('POST', '/deployments')).toHaveLength(0);
    await user.clear(replicas);
    expect(replicas).not.toHaveAttribute('aria-invalid');
  });

  it("shows the server's problem under the field it names (target)", async () => {
    modelPage(problem(createProblem(400, "The kubernetes target is not enabled on this Cairn", 'target')));
    const { user, router } = renderApp('/models/m1');
    const form = await openForm(user);
    const target = within(form).getByLabelText('Target');
    await user.selectOptions(target, 'kubernetes');
    await user.click(within(form).getByRole('button', { name: 'Deploy v2' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('The kubernetes target is not enabled on this Cairn (target)');
    expect(target).toHaveAttribute('aria-invalid', 'true');
    expect(target).toHaveAccessibleDescription(/not enabled on this Cairn/);
    await waitFor(() => expect(target).toHaveFocus());
    expect(router.state.location.pathname).toBe('/models/m1');
  });

  it("shows a refusal of the version under Serve, and one naming no field under the form", async () => {
    let attempt = 0;
    modelPage(() =>
      ++attempt === 1
        ? problem(createProblem(409, "Version 2 has the flavor 'generic', which cannot be served", 'version'))
        : problem(createProblem(403, 'A VIEWER cannot deploy')),
    );
    const { user } = renderApp('/models/m1');
    const form = await openForm(user);
    await user.click(within(form).getByRole('button', { name: 'Deploy v2' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent("flavor 'generic', which cannot be served (version)");
    expect(within(form).getByLabelText('Serve')).toHaveAttribute('aria-invalid', 'true');

    await user.click(within(form).getByRole('button', { name: 'Deploy v2' }));
    await waitFor(() => expect(within(form).getByRole('alert')).toHaveTextContent('A VIEWER cannot deploy'));
    expect(within(form).getByLabelText('Serve')).not.toHaveAttribute('aria-invalid');
    await user.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'Deploy v2' })).not.toBeInTheDocument();
  });
});

describe('deployment page', () => {
  it('shows the status with the reason of each served version', async () => {
    const d = createDeployment({
      id: 'd1',
      name: 'iris-prod',
      modelId: 'm1',
      status: 'FAILED',
      versions: [createServedVersion({ version: 1, status: 'FAILED', reason: 'The model did not load: shape mismatch', restarts: 2 })],
    });
    deploymentRoutes(d);
    renderApp('/deployments/d1');
    expect(await screen.findByRole('heading', { name: /iris-prod/, level: 1 })).toHaveTextContent('FAILED');
    const served = screen.getByRole('table', { name: 'Served versions' });
    expect(within(served).getByText(/shape mismatch/)).toBeInTheDocument();
    expect(screen.getByText(/A served version failed/)).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'flowers' })).toHaveAttribute('href', '/projects/project-id');
  });

  it('moves a canary split with the slider after a confirmation (roll back, then start again at the new share)', async () => {
    const d = createDeployment({
      id: 'd1',
      modelId: 'm1',
      versions: [createServedVersion({ version: 1, trafficPercent: 90 }), createServedVersion({ role: 'canary', version: 2, trafficPercent: 10 })],
    });
    const api = deploymentRoutes(d, {
      'POST /deployments/d1/rollback': json({ ...d, versions: [createServedVersion({ version: 1 })] }),
      'POST /deployments/d1/update': json({
        ...d,
        versions: [createServedVersion({ version: 1, trafficPercent: 70 }), createServedVersion({ role: 'canary', version: 2, trafficPercent: 30 })],
      }),
    });
    const { user } = renderApp('/deployments/d1');
    const slider = await screen.findByLabelText('Traffic to canary v2 (%)');
    expect(slider).toHaveValue('10');
    fireEvent.change(slider, { target: { value: '30' } });
    expect(screen.getByText('v1: 70 % · v2: 30 %')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Apply split…' }));
    const confirm = screen.getByRole('group', { name: 'Confirm traffic change' });
    expect(confirm).toHaveTextContent('Send 30 % of the traffic to v2 and 70 % to v1');
    expect(api.callsTo('POST', '/deployments/d1/update')).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Apply 30 %' }));
    expect(await screen.findByText('Apply 30 %: done.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/deployments/d1/rollback')).toHaveLength(1);
    expect(api.callsTo('POST', '/deployments/d1/update')[0].body).toEqual({ version: 2, canaryPercent: 30 });
    expect(within(screen.getByRole('table', { name: 'Served versions' })).getByText('30 %')).toBeInTheDocument();
  });

  it('promotes a canary after a confirmation, and cancel sends nothing', async () => {
    const d = createDeployment({
      id: 'd1',
      modelId: 'm1',
      versions: [createServedVersion({ version: 1, trafficPercent: 90 }), createServedVersion({ role: 'canary', version: 2, trafficPercent: 10 })],
    });
    const api = deploymentRoutes(d, {
      'POST /deployments/d1/promote': json({ ...d, versions: [createServedVersion({ version: 2 })] }),
    });
    const { user } = renderApp('/deployments/d1');
    await user.click(await screen.findByRole('button', { name: 'Promote canary…' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: 'Confirm traffic change' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Promote canary…' }));
    expect(screen.getByRole('group', { name: 'Confirm traffic change' })).toHaveTextContent('Promote v2: it becomes the stable version');
    await user.click(screen.getByRole('button', { name: 'Promote v2' }));
    expect(await screen.findByText('Promote v2: done.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/deployments/d1/promote')).toHaveLength(1);
  });

  it('rolls out another version as a canary, and shows a refusal beside the traffic controls', async () => {
    const d = createDeployment({ id: 'd1', modelId: 'm1', versions: [createServedVersion({ version: 1 })] });
    const api = deploymentRoutes(d, {
      'POST /deployments/d1/update': problem(createProblem(409, "Version 2's artifact is missing from the artifact store", 'version')),
    });
    const { user } = renderApp('/deployments/d1');
    const form = await screen.findByRole('form', { name: 'Roll out a version' });
    expect(await within(form).findByLabelText('Version to roll out')).toHaveValue('2');
    fireEvent.change(within(form).getByLabelText('Traffic to the new version (%)'), { target: { value: '25' } });
    await user.click(within(form).getByRole('button', { name: 'Roll out…' }));
    expect(screen.getByRole('group', { name: 'Confirm traffic change' })).toHaveTextContent('Start v2 as a canary with 25 % of the traffic; v1 keeps 75 %.');
    await user.click(screen.getByRole('button', { name: 'Start canary at 25 %' }));
    const section = screen.getByRole('heading', { name: 'Traffic split' }).closest('section')!;
    expect(await within(section).findByRole('alert')).toHaveTextContent('missing from the artifact store (version)');
    expect(api.callsTo('POST', '/deployments/d1/update')[0].body).toEqual({ version: 2, canaryPercent: 25 });
  });

  it('scales, showing a refused number beside the form', async () => {
    const d = createDeployment({ id: 'd1', modelId: 'm1' });
    const api = deploymentRoutes(d, {
      'POST /deployments/d1/scale': (request) =>
        (request.body as { replicas: number }).replicas > 16
          ? problem(createProblem(400, 'replicas must be between 0 and 16', 'replicas'))
          : json({ ...d, replicas: 0, status: 'STOPPED', versions: [createServedVersion({ status: 'STOPPED' })] }),
    });
    const { user } = renderApp('/deployments/d1');
    const form = await screen.findByRole('form', { name: 'Scale' });
    const replicas = within(form).getByLabelText('Replicas');
    await user.clear(replicas);
    await user.type(replicas, '17');
    await user.click(within(form).getByRole('button', { name: 'Scale' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('replicas must be between 0 and 16 (replicas)');
    await user.clear(replicas);
    await user.type(replicas, '0');
    await user.click(within(form).getByRole('button', { name: 'Scale' }));
    expect(await within(form).findByText('Scaled to 0 replicas.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/deployments/d1/scale').map((c) => c.body)).toEqual([{ replicas: 17 }, { replicas: 0 }]);
    expect(screen.getByRole('heading', { name: /deployment/, level: 1 })).toHaveTextContent('STOPPED');
  });

  it('deletes after a confirmation and returns to the list', async () => {
    const d = createDeployment({ id: 'd1', name: 'iris-prod', modelId: 'm1' });
    deploymentRoutes(d, { ...listOptions, 'DELETE /deployments/d1': { status: 204, json: null }, 'GET /deployments': json({ deployments: [] }) });
    const { user, router } = renderApp('/deployments/d1');
    await user.click(await screen.findByRole('button', { name: 'Delete deployment' }));
    expect(screen.getByRole('group', { name: 'Confirm deletion' })).toHaveTextContent('Its model servers stop');
    await user.click(screen.getByRole('button', { name: 'Delete iris-prod' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/deployments'));
  });

  it('shows telemetry per version with charts of requests, errors and latency', async () => {
    const d = createDeployment({ id: 'd1', modelId: 'm1' });
    deploymentRoutes(d, {
      'GET /deployments/d1/telemetry': json(
        createTelemetry('d1', [
          createVersionTelemetry({ version: 1, requests: 12, invalid: 2, errors: 1, latencyMs: { p50: 3.2, p95: 8.5, p99: 12.25, max: 40, window: 12 } }),
        ]),
      ),
    });
    renderApp('/deployments/d1');
    const table = await screen.findByRole('table', { name: 'Telemetry per version' });
    const row = within(table).getByRole('row', { name: /^v1/ });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['12', '2', '1', '3.2', '8.5', '12.3', '40.0']);
    for (const title of ['Requests', 'Errors and invalid requests', 'Latency (ms)']) {
      expect(screen.getByRole('figure', { name: title })).toBeInTheDocument();
    }
  });
});

describe('try it', () => {
  it('checks each value against its column type before sending, then shows the predictions', async () => {
    const d = createDeployment({ id: 'd1', modelId: 'm1', versions: [createServedVersion({ version: 1 })] });
    const api = deploymentRoutes(d, {
      'POST /deployments/d1/score': { json: { model: { version: 1 }, predictions: [{ setosa: 0.97 }] }, headers: { 'Cairn-Model-Version': '1' } },
    });
    const { user } = renderApp('/deployments/d1');
    const form = await screen.findByRole('form', { name: 'Try it' });
    const length = within(form).getByLabelText(/sepal_length/);
    const petals = within(form).getByLabelText(/petals/);
    await user.type(length, 'abc');
    await user.type(petals, '2.5');
    await user.click(within(form).getByRole('button', { name: 'Score' }));
    expect(within(form).getByText('sepal_length must be a finite number')).toBeInTheDocument();
    expect(within(form).getByText('petals must be a whole number')).toBeInTheDocument();
    expect(length).toHaveAttribute('aria-invalid', 'true');
    expect(length).toHaveFocus();
    expect(api.callsTo('POST', '/deployments/d1/score')).toHaveLength(0);

    await user.clear(length);
    await user.type(length, '5.1');
    await user.clear(petals);
    await user.type(petals, '3');
    await user.selectOptions(within(form).getByLabelText(/wild/), 'true');
    await user.click(within(form).getByRole('button', { name: 'Score' }));
    const predictions = await within(form).findByRole('table', { name: 'Predictions' });
    expect(within(predictions).getByRole('columnheader', { name: 'setosa' })).toBeInTheDocument();
    expect(within(predictions).getByRole('cell', { name: '0.97' })).toBeInTheDocument();
    expect(within(form).getByText('1 prediction, answered by v1.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/deployments/d1/score')[0].body).toEqual({ rows: [{ sepal_length: 5.1, petals: 3, wild: true }] });
  });

  it("shows the model server's 400 problem beside the column it names", async () => {
    const d = createDeployment({ id: 'd1', modelId: 'm1' });
    deploymentRoutes(d, {
      'POST /deployments/d1/score': problem(createProblem(400, "Column 'petals' is an integer in the 32-bit range; got 3.0", 'rows[0].petals')),
    });
    const { user } = renderApp('/deployments/d1');
    const form = await screen.findByRole('form', { name: 'Try it' });
    await user.type(within(form).getByLabelText(/sepal_length/), '5');
    const petals = within(form).getByLabelText(/petals/);
    await user.type(petals, '3');
    await user.click(within(form).getByRole('button', { name: 'Score' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent("Column 'petals' is an integer in the 32-bit range; got 3.0 (rows[0].petals)");
    expect(petals).toHaveAttribute('aria-invalid', 'true');
    expect(petals.getAttribute('aria-describedby')).toContain(alert.id);
  });

  it('shows a 503 (no ready model server) under the form', async () => {
    const d = createDeployment({ id: 'd1', modelId: 'm1', status: 'STARTING', versions: [createServedVersion({ status: 'STARTING' })] });
    deploymentRoutes(d, {
      'POST /deployments/d1/score': problem(createProblem(503, 'Deployment d1 has no ready model server (STARTING)')),
    });
    const { user } = renderApp('/deployments/d1');
    const form = await screen.findByRole('form', { name: 'Try it' });
    expect(within(form).getByText(/No model server is ready yet/)).toBeInTheDocument();
    await user.type(within(form).getByLabelText(/sepal_length/), '5');
    await user.type(within(form).getByLabelText(/petals/), '3');
    await user.click(within(form).getByRole('button', { name: 'Score' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('no ready model server (STARTING)');
  });
});
