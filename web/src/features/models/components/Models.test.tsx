import { screen, waitFor, within } from '@testing-library/react';
import {
  createApprovalRequest,
  createJwt,
  createModel,
  createModelVersion,
  createProblem,
} from '@/testing/data-generators';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';

const SELF_APPROVAL = 'You requested this change; someone else must approve or reject it';

function modelRoutes(overrides: Record<string, Parameters<typeof mockApi>[0][string]> = {}) {
  const model = createModel({ id: 'm1', name: 'churn', description: 'Predicts churn', aliases: { champion: 1, candidate: 2 }, protectedAliases: ['champion'], latestVersion: 2 });
  return mockApi({
    'GET /models/m1': json(model),
    'GET /models/m1/versions': json({
      versions: [
        createModelVersion({ modelId: 'm1', version: 2, stage: 'Staging', aliases: ['candidate'], signature: { inputs: [{ name: 'age', type: 'integer' }], outputs: [{ name: 'p', type: 'double' }] } }),
        createModelVersion({ modelId: 'm1', version: 1, stage: 'Production', aliases: ['champion'] }),
      ],
    }),
    'GET /models/m1/approvals': json({ approvals: [] }),
    ...overrides,
  });
}

describe('models list', () => {
  it('lists models, narrows them by name and creates one', async () => {
    const api = mockApi({
      'GET /models': json({ models: [createModel({ name: 'churn', latestVersion: 3, aliases: { champion: 2 } }), createModel({ name: 'fraud' })] }),
      'POST /models': (request) => json(createModel({ id: 'new', name: (request.body as { name: string }).name }), 201),
    });
    const { user } = renderApp('/models');
    const row = (await screen.findByRole('link', { name: 'churn' })).closest('tr')!;
    expect(within(row).getByText('v3')).toBeInTheDocument();
    expect(within(row).getByText('champion → v2')).toBeInTheDocument();

    await user.type(screen.getByRole('searchbox', { name: 'Search models by name' }), 'fra');
    expect(screen.queryByRole('link', { name: 'churn' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'fraud' })).toBeInTheDocument();

    await user.type(screen.getByLabelText('Model name'), 'ranker');
    await user.click(screen.getByRole('button', { name: 'Create model' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Created ranker');
    expect(api.callsTo('POST', '/models')[0].body).toEqual({ name: 'ranker' });
  });

  it("shows the server's refusal beside the create form", async () => {
    mockApi({
      'GET /models': json({ models: [] }),
      'POST /models': problem(createProblem(409, "A model named 'churn' already exists", 'name')),
    });
    const { user } = renderApp('/models');
    expect(await screen.findByText('No models registered yet')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Model name'), 'churn');
    await user.click(screen.getByRole('button', { name: 'Create model' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("A model named 'churn' already exists (name)");
  });
});

describe('model detail', () => {
  it('shows description, aliases (protected marked) and versions with their stages', async () => {
    modelRoutes();
    renderApp('/models/m1');
    expect(await screen.findByRole('heading', { name: 'churn', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Predicts churn')).toBeInTheDocument();
    const aliases = screen.getByRole('table', { name: 'Aliases' });
    const champion = within(aliases).getByRole('cell', { name: 'champion' }).closest('tr')!;
    expect(within(champion).getByText('protected: needs approval')).toBeInTheDocument();
    const versions = await screen.findByRole('table', { name: 'Versions' });
    const rows = within(versions).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('Staging')).toHaveClass('stage-staging');
    expect(within(rows[0]).getByText('(age: integer) → (p: double)')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Production')).toBeInTheDocument();
  });

  it("edits the description, and shows the server's refusal under the field", async () => {
    let description = 'Predicts churn';
    const api = modelRoutes({
      'GET /models/m1': () => json(createModel({ id: 'm1', name: 'churn', description })),
      'PATCH /models/m1': (request) => {
        const wanted = (request.body as { description: string }).description;
        if (wanted.length > 100) return problem(createProblem(400, 'description is longer than 100 characters', 'description'));
        description = wanted;
        return json(createModel({ id: 'm1', name: 'churn', description }));
      },
    });
    const { user } = renderApp('/models/m1');
    await user.click(await screen.findByRole('button', { name: 'Edit description' }));
    const form = screen.getByRole('form', { name: 'Edit description' });
    const field = within(form).getByLabelText('Description');
    expect(field).toHaveValue('Predicts churn');
    await user.clear(field);
    await user.type(field, 'x'.repeat(101));
    await user.click(within(form).getByRole('button', { name: 'Save description' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('description is longer than 100 characters (description)');
    expect(field).toHaveAttribute('aria-invalid', 'true');

    await user.clear(field);
    await user.type(field, ' Who leaves next month ');
    await user.click(within(form).getByRole('button', { name: 'Save description' }));
    expect(await screen.findByText('Who leaves next month')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Edit description' })).not.toBeInTheDocument();
    expect(api.callsTo('PATCH', '/models/m1').at(-1)!.body).toEqual({ description: 'Who leaves next month' });
  });

  it('registers a version from a run artifact with flavor and signature', async () => {
    const api = modelRoutes({
      'POST /models/m1/versions': json(createModelVersion({ modelId: 'm1', version: 3 }), 201),
    });
    const { user } = renderApp('/models/m1');
    await user.type(await screen.findByLabelText('Run id'), 'run-42');
    await user.type(screen.getByLabelText('Artifact path'), 'model/model.zip');
    await user.selectOptions(screen.getByLabelText('Flavor'), 'dl4j');
    await user.type(screen.getByLabelText('Signature inputs (optional)'), 'age: integer, income: Double');
    await user.type(screen.getByLabelText('Signature outputs (optional)'), 'p: double');
    await user.click(screen.getByRole('button', { name: 'Register version' }));
    expect(await screen.findByText('Registered version 3.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/models/m1/versions')[0].body).toEqual({
      runId: 'run-42',
      artifactPath: 'model/model.zip',
      flavor: 'dl4j',
      signature: { inputs: [{ name: 'age', type: 'integer' }, { name: 'income', type: 'double' }], outputs: [{ name: 'p', type: 'double' }] },
    });
  });

  it('refuses a malformed signature before calling, and shows the API field error', async () => {
    const api = modelRoutes({
      'POST /models/m1/versions': problem(createProblem(404, "Run 'nope' has no artifact 'x'", 'artifactPath')),
    });
    const { user } = renderApp('/models/m1');
    await user.type(await screen.findByLabelText('Run id'), 'nope');
    await user.type(screen.getByLabelText('Artifact path'), 'x');
    await user.type(screen.getByLabelText('Signature inputs (optional)'), 'age: int');
    await user.click(screen.getByRole('button', { name: 'Register version' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Unknown type "int" for age');
    expect(api.callsTo('POST', '/models/m1/versions')).toHaveLength(0);
    await user.clear(screen.getByLabelText('Signature inputs (optional)'));
    await user.click(screen.getByRole('button', { name: 'Register version' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("Run 'nope' has no artifact 'x' (artifactPath)");
  });

  it('moves a version to Production with "archive existing" and says an approval is pending', async () => {
    const approval = createApprovalRequest({ id: 'apr_1', modelId: 'm1', version: 2, archiveExistingVersions: true });
    const api = modelRoutes({ 'POST /models/m1/versions/:version/stage': json(approval, 202) });
    const { user } = renderApp('/models/m1');
    const form = (await screen.findByRole('heading', { name: 'Change stage' })).closest('form')!;
    await user.selectOptions(within(form).getByLabelText('Stage'), 'Production');
    await user.click(within(form).getByRole('checkbox', { name: /Archive existing versions/ }));
    await user.click(within(form).getByRole('button', { name: 'Request Production' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Approval requested (apr_1)');
    const call = api.callsTo('POST', '/models/m1/versions/2/stage')[0];
    expect(call.body).toEqual({ stage: 'Production', archiveExistingVersions: true });
  });

  it('moves an alias and shows a conflict next to the alias form', async () => {
    modelRoutes({ 'PUT /models/m1/aliases/:alias': problem(createProblem(409, "Alias 'candidate' already points at version 2")) });
    const { user } = renderApp('/models/m1');
    const form = (await screen.findByRole('heading', { name: 'Move alias' })).closest('form')!;
    await user.type(within(form).getByLabelText('Alias'), 'candidate');
    await user.click(within(form).getByRole('button', { name: 'Move alias' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent("Alias 'candidate' already points at version 2");
  });
});

describe('approval requests', () => {
  it('shows who requested, disables approving one own request, and approves another', async () => {
    window.sessionStorage.setItem('cairn.accessToken', createJwt({ sub: 'usr_bob' }));
    const mine = createApprovalRequest({ id: 'apr_mine', modelId: 'm1', version: 2, requestedBy: 'usr_bob' });
    const theirs = createApprovalRequest({ id: 'apr_theirs', modelId: 'm1', version: 1, kind: 'ALIAS', stage: undefined, alias: 'champion', requestedBy: 'usr_alice' });
    const api = modelRoutes({
      'GET /models/m1/approvals': json({ approvals: [mine, theirs] }),
      'POST /models/m1/approvals/:id/approve': (request) => json({ ...theirs, id: request.params.id, status: 'APPROVED', decidedBy: 'usr_bob' }),
    });
    const { user } = renderApp('/models/m1', { signedIn: false });
    const table = await screen.findByRole('table', { name: 'Approval requests' });
    const [, mineRow, theirsRow] = within(table).getAllByRole('row');
    expect(within(mineRow).getByText('usr_bob')).toBeInTheDocument();
    expect(within(mineRow).getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(within(theirsRow).getByText('alias champion → v1')).toBeInTheDocument();
    await user.type(within(theirsRow).getByLabelText(/Decision comment/), 'looks good');
    await user.click(within(theirsRow).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(api.callsTo('POST', '/models/m1/approvals/apr_theirs/approve')).toHaveLength(1));
    expect(api.callsTo('POST', '/models/m1/approvals/apr_theirs/approve')[0].body).toEqual({ comment: 'looks good' });
  });

  it("shows the server's refusal when the UI cannot tell who is signed in", async () => {
    modelRoutes({
      'GET /models/m1/approvals': json({ approvals: [createApprovalRequest({ id: 'apr_1', modelId: 'm1' })] }),
      'POST /models/m1/approvals/:id/reject': problem(createProblem(403, SELF_APPROVAL)),
    });
    const { user } = renderApp('/models/m1');
    const table = await screen.findByRole('table', { name: 'Approval requests' });
    await user.click(within(table).getByRole('button', { name: 'Reject' }));
    expect(await within(table).findByRole('alert')).toHaveTextContent(SELF_APPROVAL);
  });
});
