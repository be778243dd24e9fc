import { screen, waitFor, within } from '@testing-library/react';
import {
  createDataset,
  createDatasetVersion,
  createExecution,
  createProblem,
  createProject,
  createTarget,
} from '@/testing/data-generators';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';

const project = createProject({ id: 'p1', name: 'vision' });
const targets = [createTarget({ id: 'tgt-a', name: 'cpu-pool', kind: 'process' }), createTarget({ id: 'tgt-b', name: 'spark', kind: 'spark' })];
const customers = createDataset({
  id: 'ds-customers',
  name: 'customers',
  latestVersion: 2,
  versions: [
    createDatasetVersion({ id: 'dsv-c2', datasetId: 'ds-customers', version: 2, uri: 's3://data/customers/v2.parquet' }),
    createDatasetVersion({ id: 'dsv-c1', datasetId: 'ds-customers', version: 1, uri: 's3://data/customers/v1.parquet' }),
  ],
});
const events = createDataset({
  id: 'ds-events',
  name: 'events',
  latestVersion: 1,
  versions: [createDatasetVersion({ id: 'dsv-e1', datasetId: 'ds-events', version: 1, uri: 's3://data/events/v1.parquet' })],
});
const empty = createDataset({ id: 'ds-empty', name: 'not-yet', latestVersion: 0 });

function projectRoutes(routes: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /projects/p1': json(project),
    'POST /runs/search': json({ runs: [] }),
    'GET /compute/targets': json({ targets }),
    'GET /datasets': json({ datasets: [customers, empty, events].map(({ versions: _, ...summary }) => summary) }),
    'GET /datasets/:id': (request) => json([customers, events].find((d) => d.id === request.params.id)),
    ...routes,
  });
}

describe('submit a run', () => {
  it('submits to the chosen target with params, inputs, attempts and timeout, then opens the run', async () => {
    const api = projectRoutes({
      'POST /compute/targets/:id/runs': json(createExecution({ runId: 'r42', projectId: 'p1', status: 'QUEUED' }), 201),
      'GET /runs/r42': json({ id: 'r42', projectId: 'p1', name: 'nightly', status: 'QUEUED', createdBy: 'usr_admin', startTime: 0, params: {}, tags: {}, metrics: {}, inputs: [], artifacts: { count: 0, totalSize: 0 }, lifecycleStage: 'active' }),
    });
    const { user, router } = renderApp('/projects/p1');
    const open = await screen.findByRole('button', { name: 'Submit run' });
    expect(open).toHaveAttribute('aria-expanded', 'false');
    await user.click(open);
    const form = await screen.findByRole('form', { name: 'Submit a run' });
    expect(within(form).getByLabelText('Compute target')).toHaveValue('tgt-a');
    await user.selectOptions(within(form).getByLabelText('Compute target'), 'tgt-b');
    await user.selectOptions(within(form).getByLabelText('Kind'), 'spark');
    await user.type(within(form).getByLabelText('Run name (optional)'), 'nightly');
    await user.type(within(form).getByLabelText('Entrypoint'), 'python train.py');
    await user.type(within(form).getByLabelText('Param 1 name'), 'lr');
    await user.type(within(form).getByLabelText('Param 1 value'), '0.01');
    await user.click(within(form).getByRole('button', { name: 'Add param' }));
    await user.type(within(form).getByLabelText('Param 2 name'), 'epochs');
    await user.type(within(form).getByLabelText('Param 2 value'), '5');
    const inputs = within(form).getByRole('group', { name: 'Input dataset versions (optional)' });
    await user.selectOptions(await within(inputs).findByLabelText('Dataset'), 'ds-events');
    await waitFor(() => expect(within(inputs).getByLabelText('Version')).toHaveValue('dsv-e1'));
    await user.click(within(inputs).getByRole('button', { name: 'Add input' }));
    await user.selectOptions(within(inputs).getByLabelText('Dataset'), 'ds-customers');
    await waitFor(() => expect(within(inputs).getByLabelText('Version')).toHaveValue('dsv-c2'));
    await user.selectOptions(within(inputs).getByLabelText('Version'), 'dsv-c1');
    await user.click(within(inputs).getByRole('button', { name: 'Add input' }));
    await user.type(within(form).getByLabelText('Max attempts (optional)'), '2');
    await user.type(within(form).getByLabelText('Timeout in seconds (optional)'), '600');
    await user.click(within(form).getByRole('button', { name: 'Submit run' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/runs/r42'));
    const [call] = api.callsTo('POST', '/compute/targets/tgt-b/runs');
    expect(call.body).toEqual({
      projectId: 'p1',
      name: 'nightly',
      spec: { kind: 'spark', entrypoint: 'python train.py', parameters: { lr: '0.01', epochs: '5' }, inputs: ['dsv-e1', 'dsv-c1'], maxAttempts: 2, timeoutSeconds: 600 },
    });
  });

  it("shows a refused field's problem under that field, and a refused param under its row", async () => {
    let answer = problem(createProblem(400, 'maxAttempts must be between 1 and 10', 'spec.maxAttempts'));
    projectRoutes({ 'POST /compute/targets/:id/runs': () => answer });
    const { user } = renderApp('/projects/p1');
    await user.click(await screen.findByRole('button', { name: 'Submit run' }));
    const form = await screen.findByRole('form', { name: 'Submit a run' });
    await user.type(within(form).getByLabelText('Entrypoint'), 'python train.py');
    const attempts = within(form).getByLabelText('Max attempts (optional)');
    await user.type(attempts, '11');
    await user.type(within(form).getByLabelText('Param 1 name'), 'bad key!');
    await user.click(within(form).getByRole('button', { name: 'Submit run' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('maxAttempts must be between 1 and 10 (spec.maxAttempts)');
    expect(attempts).toHaveAttribute('aria-invalid', 'true');
    expect(attempts).toHaveAttribute('aria-describedby', alert.id);

    answer = problem(createProblem(400, 'Param keys are letters, digits, _ . / - and space', 'spec.parameters.bad key!'));
    await user.click(within(form).getByRole('button', { name: 'Submit run' }));
    await waitFor(() => expect(within(form).getByLabelText('Param 1 name')).toHaveAttribute('aria-invalid', 'true'));
    expect(within(form).getByRole('alert')).toHaveTextContent('Param keys are letters');
    expect(attempts).not.toHaveAttribute('aria-invalid');
  });

  it('picks input dataset versions from the datasets: newest first, no duplicates, removable, refusals shown under the picker', async () => {
    projectRoutes({
      'POST /compute/targets/:id/runs': problem(createProblem(400, "Dataset version 'dsv-c2' not found", 'spec.inputs')),
    });
    const { user } = renderApp('/projects/p1');
    await user.click(await screen.findByRole('button', { name: 'Submit run' }));
    const form = await screen.findByRole('form', { name: 'Submit a run' });
    const inputs = within(form).getByRole('group', { name: 'Input dataset versions (optional)' });
    expect(within(inputs).getByText('None chosen: the run declares no inputs.')).toBeInTheDocument();
    const dataset = await within(inputs).findByLabelText('Dataset');
    expect(within(dataset).getAllByRole('option').map((o) => o.textContent)).toEqual(['customers', 'events']);
    const version = within(inputs).getByLabelText('Version');
    await waitFor(() => expect(version).toHaveValue('dsv-c2'));
    expect(within(version).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'v2 — s3://data/customers/v2.parquet',
      'v1 — s3://data/customers/v1.parquet',
    ]);
    const add = within(inputs).getByRole('button', { name: 'Add input' });
    await user.click(add);
    expect(add).toBeDisabled();
    const chosen = within(inputs).getByRole('list', { name: 'Chosen inputs' });
    expect(within(chosen).getByText('customers v2')).toBeInTheDocument();
    await user.selectOptions(dataset, 'ds-events');
    await waitFor(() => expect(within(inputs).getByRole('button', { name: 'Add input' })).toBeEnabled());
    await user.click(within(inputs).getByRole('button', { name: 'Add input' }));
    await user.click(within(chosen).getByRole('button', { name: 'Remove input events v1' }));
    expect(within(chosen).queryByText('events v1')).not.toBeInTheDocument();

    await user.type(within(form).getByLabelText('Entrypoint'), 'python train.py');
    await user.click(within(form).getByRole('button', { name: 'Submit run' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent("Dataset version 'dsv-c2' not found (spec.inputs)");
    expect(within(inputs).getByLabelText('Dataset')).toHaveAttribute('aria-invalid', 'true');
    expect(within(inputs).getByLabelText('Dataset')).toHaveAttribute('aria-describedby', alert.id);
  });

  it('says where dataset versions come from when there is none', async () => {
    projectRoutes({ 'GET /datasets': json({ datasets: [empty] }) });
    const { user } = renderApp('/projects/p1');
    await user.click(await screen.findByRole('button', { name: 'Submit run' }));
    const hint = await screen.findByText(/No dataset has a version yet/);
    expect(within(hint).getByRole('link', { name: 'Datasets' })).toHaveAttribute('href', '/datasets');
    expect(screen.queryByLabelText('Dataset')).not.toBeInTheDocument();
  });

  it('says where targets come from when there is none', async () => {
    projectRoutes({ 'GET /compute/targets': json({ targets: [] }) });
    const { user } = renderApp('/projects/p1');
    await user.click(await screen.findByRole('button', { name: 'Submit run' }));
    const hint = await screen.findByText(/No compute target to submit to yet/);
    expect(within(hint).getByRole('link', { name: 'Compute' })).toHaveAttribute('href', '/compute/targets');
  });
});
