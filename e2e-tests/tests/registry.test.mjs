// The model registry, project sharing and lineage end to end: an owner shares a project with a member in the
// sharing panel; the member registers a model version from a run's artifact in the browser and asks for
// Production, sees the request pending and cannot approve it; the owner approves it; the version's lineage reaches
// the run.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signInWithToken, skipWithoutChromium, startWorkbench } from './support/workbench.mjs';


const MEMBER = { username: 'mia', password: 'mia registers models 42' };

describe('Cairn web UI: model registry, sharing, lineage', { skip: skipWithoutChromium }, () => {
  let cairn;
  let browser;
  let page;
  let projectId;
  let runId;
  let miaId;

  async function signInWithPassword({ username, password }) {
    await page.goto(`${cairn.baseUrl}/models`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/login$/);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'New model' }).waitFor();
  }

  async function signOut() {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Cairn' }).waitFor();
  }

  let workbench;

  before(async () => {
    workbench = await startWorkbench();
    ({ cairn, browser, page } = workbench);

    ({ principalId: miaId } = await cairn.api('POST', '/orgs/default/users', { ...MEMBER, role: 'MEMBER' }));
    ({ id: projectId } = await cairn.api('POST', '/projects', { name: 'e2e-registry', description: 'Models from runs' }));
    ({ id: runId } = await cairn.api('POST', '/runs', { projectId, name: 'trainer' }));
    await cairn.api('PUT', `/runs/${runId}/artifacts/model/model.zip`, new TextEncoder().encode('not really a zip\n'));
    await cairn.api('POST', `/runs/${runId}/finish`, { status: 'FINISHED' });
  });

  after(async () => {
    await workbench?.close();
  });

  it('shares the project with a member picked in the sharing panel', async () => {
    await signInWithToken(page, cairn, { path: '/models', heading: 'New model' });
    await page.goto(`${cairn.baseUrl}/projects/${projectId}`);
    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sharing' });
    await dialog.getByText('Not shared with anyone yet').waitFor();

    const form = dialog.getByRole('form', { name: 'Add a grant' });
    await form.getByLabel('Grant to').selectOption('GROUP');
    await form.getByText('No groups yet', { exact: false }).waitFor();
    await form.getByLabel('Grant to').selectOption('USER');
    await form.getByLabel('Member').selectOption({ value: miaId });
    await form.getByLabel('Role').selectOption('EDITOR');
    await form.getByRole('button', { name: 'Grant' }).click();
    const role = dialog.getByLabel('Role of user mia');
    await role.waitFor();
    assert.equal(await role.inputValue(), 'EDITOR');
    await browser.screenshot('11-project-sharing');
    const { grants } = await cairn.api('GET', `/projects/${projectId}/grants`);
    assert.deepEqual(grants.map((g) => [g.name, g.role]), [['mia', 'EDITOR']]);
    await signOut();
  });

  it('lets a member register a version from a run artifact and request Production, pending approval', async () => {
    await signInWithPassword(MEMBER);
    await page.getByLabel('Model name').fill('churn-classifier');
    await page.getByLabel('Model description (optional)').fill('Who leaves next month');
    await page.getByRole('button', { name: 'Create model' }).click();
    await page.getByRole('status').getByRole('link', { name: 'churn-classifier' }).click();
    await page.getByRole('heading', { name: 'churn-classifier', level: 1 }).waitFor();
    await page.getByText('No versions yet').waitFor();

    const register = page.getByRole('form', { name: 'Register a version' });
    await register.getByLabel('Run id').fill(runId);
    await register.getByLabel('Artifact path').fill('model/missing.zip');
    await register.getByRole('button', { name: 'Register version' }).click();
    await register.getByRole('alert').waitFor();
    assert.match(await register.getByRole('alert').textContent(), /artifactPath/);

    await register.getByLabel('Artifact path').fill('model/model.zip');
    await register.getByLabel('Signature inputs (optional)').fill('age: integer, income: double');
    await register.getByLabel('Signature outputs (optional)').fill('churn: double');
    await register.getByRole('button', { name: 'Register version' }).click();
    await register.getByText('Registered version 1.').waitFor();
    const versions = page.getByRole('table', { name: 'Versions' });
    await versions.getByText('(age: integer, income: double) → (churn: double)').waitFor();
    assert.equal(await versions.locator('.badge').first().textContent(), 'None');

    const stage = page.getByRole('form', { name: 'Change stage' });
    await stage.getByLabel('Stage', { exact: true }).selectOption('Production');
    await stage.getByRole('checkbox', { name: /Archive existing versions/ }).check();
    await stage.getByRole('button', { name: 'Request Production' }).click();
    await stage.getByText(/Approval requested/).waitFor();

    const approvals = page.getByRole('table', { name: 'Approval requests' });
    const row = approvals.getByRole('row').filter({ hasText: 'v1 → Production (archive existing)' });
    await row.waitFor();
    await row.getByText(miaId).waitFor();
    assert.ok(await row.getByRole('button', { name: 'Approve' }).isDisabled(), 'the requester cannot approve');
    assert.match(await row.textContent(), /PENDING/);
    await browser.screenshot('12-model-approval-pending');
    await signOut();
  });

  it('lets the owner approve, and the version is in Production', async () => {
    await signInWithToken(page, cairn, { path: '/models', heading: 'New model' });
    await page.getByRole('link', { name: 'churn-classifier' }).click();
    const approvals = page.getByRole('table', { name: 'Approval requests' });
    const row = approvals.getByRole('row').filter({ hasText: 'v1 → Production' });
    await row.getByLabel(/Decision comment/).fill('metrics look right');
    await row.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Nothing waits for approval').waitFor();
    await page.getByRole('table', { name: 'Versions' }).getByText('Production', { exact: true }).waitFor();
    await page.getByLabel('Show', { exact: true }).selectOption('APPROVED');
    await approvals.getByText(/metrics look right/).waitFor();
    await browser.screenshot('13-model-approved');
  });

  it('follows the version lineage back to the run and its artifact', async () => {
    await page.getByRole('link', { name: 'Lineage of v1' }).click();
    const upstream = page.getByRole('region', { name: 'Upstream' });
    await upstream.getByRole('link', { name: 'trainer', exact: true }).waitFor();
    const edges = upstream.getByRole('table', { name: 'Upstream edges' });
    await edges.getByRole('cell', { name: 'registered-from' }).waitFor();
    await edges.getByRole('cell', { name: 'produced' }).waitFor();
    await browser.screenshot('14-lineage');
    await upstream.getByRole('link', { name: 'trainer', exact: true }).click();
    await page.getByRole('heading', { name: /trainer/ }).first().waitFor();
    await page.getByRole('region', { name: 'Lineage' }).getByRole('region', { name: 'Downstream' }).getByRole('cell', { name: 'registered-from' }).waitFor();
  });
});
