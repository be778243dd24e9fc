// Deployments and run submission end to end, against the built jar and real JVMs of compute-agents/: the model
// server tests' tiny MLP is trained in its own JVM and registered twice (dl4j, with its signature); version 1 is
// deployed from the model page and served by a real model server; one row scored from the "try it" form gives the
// model's own prediction and the telemetry count goes up; version 2 is rolled out as a canary, its share moved
// with the slider and promoted, each after a confirmation; the deployment is deleted. A run submitted from the
// project page is executed by a real process agent.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { assertAccessible } from './support/accessibility.mjs';
import { agentJar, exportTinyMlp, modelServerHome, startAgent } from './support/compute-agents.mjs';
import { signInWithToken, skipWithoutChromium, startWorkbench } from './support/workbench.mjs';

// a model server starts in seconds on an idle machine and took 35–40 s beside the full test suite
const SERVING_TIMEOUT = 240_000;

describe('Cairn web UI: deployments and run submission', { skip: skipWithoutChromium }, () => {
  let workbench;
  let cairn;
  let browser;
  let page;
  let exported;
  let projectId;
  let modelId;
  let targetId;
  let deploymentUrl;

  before(async () => {
    exported = await exportTinyMlp();
    workbench = await startWorkbench({ extraArgs: [`--cairn.deployments.local.model-server-home=${modelServerHome}`] });
    ({ cairn, browser, page } = workbench);
    const api = cairn.api;
    ({ id: projectId } = await api('POST', '/projects', { name: 'serving-e2e', description: 'Models served from the UI' }));
    const { id: runId } = await api('POST', '/runs', { projectId, name: 'mlp trainer' });
    await api('PUT', `/runs/${runId}/artifacts/model/model.zip`, exported.model);
    await api('POST', `/runs/${runId}/finish`, { status: 'FINISHED' });
    ({ id: modelId } = await api('POST', '/models', { name: 'iris-mlp', description: 'The tiny MLP of the model server tests' }));
    for (let i = 0; i < 2; i += 1) {
      await api('POST', `/models/${modelId}/versions`, { runId, artifactPath: 'model/model.zip', flavor: 'dl4j', signature: exported.signature });
    }
    ({ id: targetId } = await api('POST', '/compute/targets', { name: 'e2e-process', kind: 'process' }));

    await signInWithToken(page, cairn);
  });

  after(async () => {
    await workbench?.close();
  });

  it('submits a run from the project page, and a process agent executes it', { skip: !existsSync(agentJar) && `no agent at ${agentJar}` }, async () => {
    const agent = await startAgent({ baseUrl: cairn.baseUrl, token: cairn.token, targetId, name: 'e2e-process-agent' });
    try {
      await page.goto(`${cairn.baseUrl}/projects/${projectId}`);
      await page.getByRole('button', { name: 'Submit run' }).click();
      const form = page.getByRole('form', { name: 'Submit a run' });
      await form.getByLabel('Compute target').selectOption({ label: 'e2e-process (process)' });
      await form.getByLabel('Entrypoint').fill('echo "learning rate $CAIRN_PARAM_LR"');
      await form.getByLabel('Max attempts (optional)').fill('11');
      await form.getByLabel('Param 1 name').fill('lr');
      await form.getByLabel('Param 1 value').fill('0.05');
      await form.getByRole('button', { name: 'Submit run' }).click();
      const refusal = form.getByRole('alert');
      await refusal.waitFor();
      assert.match(await refusal.textContent(), /\(spec\.maxAttempts\)$/);
      assert.equal(await form.getByLabel('Max attempts (optional)').getAttribute('aria-invalid'), 'true');
      await browser.screenshot('50-submit-run-refused');
      await assertAccessible(page, 'submit run form');

      await form.getByLabel('Max attempts (optional)').fill('2');
      await form.getByRole('button', { name: 'Submit run' }).click();
      await page.waitForURL(/\/runs\/[0-9a-f]+$/);
      const execution = page.getByRole('region', { name: 'Execution' });
      await execution.getByRole('table', { name: 'Attempts' }).getByText('finished').waitFor({ timeout: 60_000 });
      await page.getByRole('region', { name: 'Log' }).getByText('learning rate 0.05').waitFor({ timeout: 20_000 });
      await browser.screenshot('51-submitted-run-finished');
    } finally {
      await agent.stop();
    }
  });

  it('explains how to deploy on the empty deployments page', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deployments' }).click();
    await page.getByText('No deployments yet').waitFor();
    await browser.screenshot('52-deployments-empty');
  });

  it('deploys version 1 from the model page and sees it become READY', async () => {
    await page.goto(`${cairn.baseUrl}/models/${modelId}`);
    await page.getByRole('button', { name: 'Deploy v1…' }).click();
    const deploy = page.getByRole('form', { name: 'Deploy v1' });
    await deploy.getByLabel('Replicas').fill('17');
    await deploy.getByRole('button', { name: 'Deploy v1', exact: true }).click();
    await deploy.getByText('Replicas must be a whole number from 0 to 16').waitFor();
    await deploy.getByLabel('Replicas').fill('1');
    await deploy.getByLabel('Deployment name').fill('iris-scorer');
    await deploy.getByRole('button', { name: 'Deploy v1', exact: true }).click();
    await page.waitForURL(/\/deployments\/[0-9a-f-]+$/);
    deploymentUrl = page.url();
    const heading = page.getByRole('heading', { level: 1 });
    await heading.getByText('READY', { exact: true }).waitFor({ timeout: SERVING_TIMEOUT });
    const served = page.getByRole('table', { name: 'Served versions' });
    await served.getByRole('row', { name: /stable v1 100 % READY/ }).waitFor();
    await browser.screenshot('53-deployment-ready');
  });

  it('scores a row from the "try it" form, gets the model\'s own prediction, and the telemetry count goes up', async () => {
    const form = page.getByRole('form', { name: 'Try it' });
    const [row] = exported.expected.rows;
    const [expected] = exported.expected.predictions;
    const columns = exported.signature.inputs.map((input) => input.name);

    await form.getByLabel(new RegExp(`^${columns[0]}`)).fill('not a number');
    await form.getByRole('button', { name: 'Score' }).click();
    await form.getByText(`${columns[0]} must be a finite number`).waitFor();

    for (const column of columns) await form.getByLabel(new RegExp(`^${column}`)).fill(String(row[column]));
    await form.getByRole('button', { name: 'Score' }).click();
    const predictions = form.getByRole('table', { name: 'Predictions' });
    await predictions.waitFor({ timeout: 30_000 });
    await form.getByText('1 prediction, answered by v1.').waitFor();
    for (const [key, value] of Object.entries(expected)) {
      const index = await predictions.getByRole('columnheader').allTextContents().then((names) => names.indexOf(key));
      assert.ok(index >= 0, `a column for ${key}`);
      const cell = await predictions.getByRole('row').nth(1).getByRole('cell').nth(index).textContent();
      assert.ok(Math.abs(Number(cell) - value) < 1e-6, `${key}: ${cell} is the model's ${value}`);
    }

    const telemetry = page.getByRole('table', { name: 'Telemetry per version' });
    await telemetry.getByRole('row', { name: /^v1 1 0 0/ }).waitFor({ timeout: 20_000 });
    await page.getByRole('figure', { name: 'Requests' }).locator('canvas').first().waitFor();
    await browser.screenshot('54-deployment-scored');
  });

  it('rolls out version 2 as a canary, moves the split with the slider and promotes it, each after a confirmation', async () => {
    const rollOut = page.getByRole('form', { name: 'Roll out a version' });
    await rollOut.getByLabel('Version to roll out').selectOption('2');
    await rollOut.getByLabel('Traffic to the new version (%)').fill('30');
    await rollOut.getByRole('button', { name: 'Roll out…' }).click();
    const confirm = page.getByRole('group', { name: 'Confirm traffic change' });
    assert.match(await confirm.textContent(), /Start v2 as a canary with 30 % of the traffic; v1 keeps 70 %/);
    await confirm.getByRole('button', { name: 'Start canary at 30 %' }).click();
    await page.getByText('Start canary at 30 %: done.').waitFor();
    const served = page.getByRole('table', { name: 'Served versions' });
    await served.getByRole('row', { name: /canary v2 30 % READY/ }).waitFor({ timeout: SERVING_TIMEOUT });
    await browser.screenshot('55-deployment-canary');

    const slider = page.getByLabel('Traffic to canary v2 (%)');
    await slider.fill('50');
    await page.getByRole('button', { name: 'Apply split…' }).click();
    assert.match(await confirm.textContent(), /Send 50 % of the traffic to v2 and 50 % to v1/);
    await confirm.getByRole('button', { name: 'Apply 50 %' }).click();
    await page.getByText('Apply 50 %: done.').waitFor();
    await served.getByRole('row', { name: /canary v2 50 % READY/ }).waitFor({ timeout: SERVING_TIMEOUT });
    const { versions } = await cairn.api('GET', `/deployments/${deploymentUrl.split('/').pop()}`);
    assert.deepEqual(versions.map((v) => [v.role, v.version, v.trafficPercent]), [['stable', 1, 50], ['canary', 2, 50]]);

    await page.getByRole('button', { name: 'Promote canary…' }).click();
    await confirm.getByRole('button', { name: 'Promote v2' }).click();
    await page.getByText('Promote v2: done.').waitFor();
    await served.getByRole('row', { name: /stable v2 100 % READY/ }).waitFor({ timeout: SERVING_TIMEOUT });
    assert.equal(await served.getByRole('row').count(), 2, 'a header and one served version');
    await browser.screenshot('56-deployment-promoted');
  });

  it('passes axe-core on the deployment pages in both themes', async () => {
    const pages = [
      ['deployments', '/deployments', () => page.getByRole('link', { name: 'iris-mlp' }).first().waitFor()],
      ['deployment', new URL(deploymentUrl).pathname, () => page.getByRole('table', { name: 'Telemetry per version' }).waitFor()],
    ];
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => localStorage.setItem('cairn.theme', t), theme);
      for (const [name, path, ready] of pages) {
        await page.goto(`${cairn.baseUrl}${path}`);
        await ready();
        await assertAccessible(page, `${name} (${theme})`);
        await browser.screenshot(`57-a11y-${name}-${theme}`);
      }
    }
    await page.evaluate(() => localStorage.setItem('cairn.theme', 'light'));
  });

  it('filters the deployments list by model, kept in the URL', async () => {
    await page.goto(`${cairn.baseUrl}/deployments`);
    const filters = page.getByRole('form', { name: 'Filter deployments' });
    await filters.getByLabel('Model').selectOption({ label: 'iris-mlp' });
    await page.waitForURL(new RegExp(`modelId=${modelId}`));
    await page.getByRole('table', { name: 'Deployments' }).getByRole('link', { name: 'iris-scorer' }).waitFor();
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(/\/deployments$/);
  });

  it('deletes the deployment after a confirmation', async () => {
    await page.goto(deploymentUrl);
    await page.getByRole('button', { name: 'Delete deployment' }).click();
    const confirm = page.getByRole('group', { name: 'Confirm deletion' });
    await confirm.getByRole('button', { name: 'Delete iris-scorer' }).click();
    await page.waitForURL(/\/deployments$/);
    await page.getByText('No deployments yet').waitFor();
  });
});
