// Global search, the compute pages, a run's execution and log, and axe-core on every main page, against the built
// jar with a fresh data directory; then the chart of a run with 1,000,000 logged points, timed in the page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAccessible } from './support/accessibility.mjs';
import { signInWithToken, skipWithoutChromium, startWorkbench } from './support/workbench.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `probe` until it answers something truthy (the search index and projections follow writes within a moment). */
async function eventually(probe, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe('Cairn web UI: search, compute, accessibility, chart performance', { skip: skipWithoutChromium }, () => {
  let cairn;
  let browser;
  let page;
  let workbench;
  let projectId;
  let baselineId;
  let otherId;
  let modelId;
  let datasetId;
  let targetId;
  let submittedId;
  let agentId;
  let deploymentId;

  before(async () => {
    workbench = await startWorkbench();
    ({ cairn, browser, page } = workbench);
    const api = cairn.api;
    ({ id: projectId } = await api('POST', '/projects', { name: 'vision-e2e', description: 'Image classifiers for the e2e' }));
    ({ id: baselineId } = await api('POST', '/runs', { projectId, name: 'resnet baseline', tags: { team: 'vision' } }));
    await api('POST', `/runs/${baselineId}/params`, { params: { optimizer: 'adamw', lr: '0.01' } });
    await api('POST', `/runs/${baselineId}/metrics`, {
      points: Array.from({ length: 50 }, (_, step) => ({ key: 'loss', value: 1 / (1 + step), step })),
    });
    await api('PUT', `/runs/${baselineId}/artifacts/model/model.zip`, new TextEncoder().encode('weights'));
    await api('POST', `/runs/${baselineId}/finish`, { status: 'FINISHED' });
    ({ id: otherId } = await api('POST', '/runs', { projectId, name: 'resnet wider' }));
    await api('POST', `/runs/${otherId}/metrics`, { points: [{ key: 'loss', value: 0.7, step: 1 }] });
    await api('POST', `/runs/${otherId}/finish`, { status: 'FINISHED' });
    // enough hits for two pages of the results page (25 a page)
    for (let i = 0; i < 28; i += 1) await api('POST', '/runs', { projectId, name: `sweep ${i}`, tags: { sweep: 'grid' } });
    ({ id: modelId } = await api('POST', '/models', { name: 'resnet-classifier', description: 'The vision model' }));
    await api('POST', `/models/${modelId}/versions`, { runId: baselineId, artifactPath: 'model/model.zip', flavor: 'generic' });
    // a deployment with 0 replicas: its pages render without starting a model server
    await api('POST', `/models/${modelId}/versions`, {
      runId: baselineId,
      artifactPath: 'model/model.zip',
      flavor: 'dl4j',
      signature: { inputs: [{ name: 'brightness', type: 'double' }, { name: 'label', type: 'string' }] },
    });
    ({ id: deploymentId } = await api('POST', '/deployments', { modelId, version: 2, name: 'resnet-stopped', replicas: 0 }));
    ({ id: datasetId } = await api('POST', '/datasets', { name: 'imagenet-subset', description: 'resnet training images' }));
    await api('POST', `/datasets/${datasetId}/versions`, { uri: 's3://data/imagenet/v1', digest: `sha256:${'cd'.repeat(32)}` });

    await signInWithToken(page, cairn);
  });

  after(async () => {
    await workbench?.close();
  });

  it('searches from the header with the keyboard, and pages through the results page', async () => {
    await eventually(async () => (await cairn.api('GET', '/search?q=sweep&maxResults=100')).results.length === 28, 'the search index');
    const box = page.getByRole('combobox', { name: 'Search projects, runs, datasets and models' });
    await box.fill('resnet');
    const list = page.getByRole('listbox', { name: 'Search results' });
    await list.getByRole('group', { name: 'Runs' }).getByRole('option', { name: /resnet baseline/ }).waitFor();
    await list.getByRole('group', { name: 'Models' }).getByRole('option', { name: /resnet-classifier/ }).waitFor();
    await list.getByRole('group', { name: 'Datasets' }).getByRole('option', { name: /imagenet-subset/ }).waitFor();
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    assert.ok((await list.locator('mark', { hasText: /resnet/i }).count()) > 0, 'matching words are marked');
    await browser.screenshot('30-search-box');
    await assertAccessible(page, 'search box open');

    // the first option is a run (no project matches "resnet"); move down to it and open it
    await box.press('ArrowDown');
    const active = await box.getAttribute('aria-activedescendant');
    assert.ok(active, 'an option is active');
    assert.equal(await page.locator(`[id="${active}"]`).getAttribute('aria-selected'), 'true');
    const options = list.getByRole('option');
    const firstName = await options.first().locator('.search-name').textContent();
    await box.press('Enter');
    await page.waitForURL(/\/runs\//);
    await page.getByRole('heading', { name: new RegExp(firstName.trim()) }).waitFor();

    // Escape closes the list
    await box.fill('resnet');
    await list.getByRole('option').first().waitFor();
    await box.press('Escape');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');

    await box.fill('sweep');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=sweep$/);
    await page.getByText('25 results so far').waitFor();
    await page.getByRole('button', { name: 'Load more results' }).click();
    await page.getByText('28 results', { exact: true }).waitFor();
    await browser.screenshot('31-search-page');
    await assertAccessible(page, 'search page');

    const query = page.getByRole('searchbox', { name: 'Search query' });
    await query.fill('colour:red');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const refusal = page.getByRole('region', { name: 'Search' }).getByRole('alert');
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /\(q\)$/);
    await browser.screenshot('32-search-refused');
  });

  it('creates compute targets (a refused setting shown at its field), and lists agents', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Compute' }).click();
    await page.getByRole('heading', { name: 'Compute', exact: true }).waitFor();
    await page.getByText('No compute targets yet').waitFor();
    await assertAccessible(page, 'compute targets (empty)');

    const form = page.getByRole('form', { name: 'New compute target' });
    await form.getByLabel('Target name').fill('spark-cluster');
    await form.getByLabel('Kind').selectOption('spark');
    await form.getByLabel('Spark master').fill('yarn');
    await form.getByRole('button', { name: 'Create target' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /\(settings\.sparkMaster\)$/);
    assert.equal(await form.getByLabel('Spark master').getAttribute('aria-invalid'), 'true');
    await browser.screenshot('33-compute-target-refused');
    await form.getByLabel('Spark master').fill('local[*]');
    await form.getByRole('button', { name: 'Create target' }).click();
    await form.getByRole('link', { name: 'spark-cluster' }).waitFor();

    await form.getByLabel('Target name').fill('local-process');
    await form.getByLabel('Kind').selectOption('process');
    await form.getByLabel('Max concurrent runs (optional)').fill('2');
    await form.getByRole('button', { name: 'Create target' }).click();
    await form.getByRole('link', { name: 'local-process' }).waitFor();
    const targets = page.getByRole('region', { name: 'Compute targets' });
    await targets.getByRole('cell', { name: 'at most 2 runs at once' }).waitFor();
    await browser.screenshot('34-compute-targets');
    await assertAccessible(page, 'compute targets');

    ({ targets: [{ id: targetId }] } = await cairn.api('GET', '/compute/targets').then((page) => ({
      targets: page.targets.filter((t) => t.name === 'local-process'),
    })));
    ({ id: agentId } = await cairn.api('POST', '/compute/agents', { name: 'e2e-agent', kinds: ['process'], targets: [targetId], leaseTtlSeconds: 600 }));

    await page.getByRole('navigation', { name: 'Compute' }).getByRole('link', { name: 'Agents' }).click();
    const agents = page.getByRole('table', { name: 'Agents' });
    const row = agents.getByRole('row', { name: /e2e-agent/ });
    await row.waitFor();
    await row.getByText('online').waitFor();
    await row.getByRole('link', { name: 'local-process' }).waitFor();
    await browser.screenshot('35-compute-agents');
    await assertAccessible(page, 'compute agents');

    await row.getByRole('link', { name: 'local-process' }).click();
    await page.getByRole('heading', { name: /local-process/ }).waitFor();
    await page.getByRole('table', { name: 'Agents of this target' }).getByText('e2e-agent').waitFor();
    await browser.screenshot('36-compute-target');
    await assertAccessible(page, 'compute target');
  });

  it("shows a submitted run's attempts and follows its log while it runs", async () => {
    const execution = await cairn.api('POST', `/compute/targets/${targetId}/runs`, {
      projectId,
      name: 'nightly',
      spec: { entrypoint: 'python train.py', maxAttempts: 2 },
    });
    submittedId = execution.runId;
    await page.goto(`${cairn.baseUrl}/runs/${submittedId}`);
    const panel = page.getByRole('region', { name: 'Execution' });
    await panel.getByText('Queued: no agent has leased the run yet.').waitFor();
    await panel.getByText('none yet (at most 2)').waitFor();

    // the agent's side through the API: lease, write output, finish
    const lease = await cairn.api('POST', `/compute/agents/${agentId}/lease`, {});
    assert.equal(lease.runId, submittedId);
    await cairn.api('POST', `/runs/${submittedId}/logs`, { stream: 'stdout', text: 'epoch 1 loss 0.9\n' });
    const attempts = panel.getByRole('table', { name: 'Attempts' });
    await attempts.getByRole('row', { name: new RegExp(`${agentId}.*running`) }).waitFor({ timeout: 20_000 });
    await panel.getByText('1 of 2').waitFor();
    const log = page.getByRole('region', { name: 'Log' });
    await log.getByText('epoch 1 loss 0.9').waitFor({ timeout: 20_000 });
    await cairn.api('POST', `/runs/${submittedId}/logs`, { stream: 'stderr', text: 'warning: slow disk\n' });
    await log.getByText('warning: slow disk').waitFor({ timeout: 20_000 });
    await browser.screenshot('37-run-executing');
    await assertAccessible(page, 'run page, executing');

    await cairn.api('POST', `/compute/agents/${agentId}/runs/${submittedId}/complete`, {
      status: 'FAILED',
      exitCode: 3,
      reason: 'The process exited with code 3',
    });
    await attempts.getByRole('row', { name: /failed.*The process exited with code 3/ }).waitFor({ timeout: 20_000 });
    await browser.screenshot('38-run-failed-attempt');
  });

  it('passes axe-core on every main page', async () => {
    const { versions } = await cairn.api('GET', `/models/${modelId}/versions`);
    const pages = [
      ['projects', '/projects', () => page.getByRole('link', { name: 'vision-e2e' }).first().waitFor()],
      ['project and runs table', `/projects/${projectId}`, () => page.getByRole('region', { name: 'Runs table' }).getByRole('link', { name: 'sweep 27' }).waitFor()],
      ['run', `/runs/${baselineId}`, () => page.getByRole('figure', { name: 'loss' }).locator('canvas').first().waitFor()],
      ['compare', `/compare?runs=${baselineId},${otherId}`, () => page.getByRole('figure', { name: 'loss' }).locator('canvas').first().waitFor()],
      ['datasets', '/datasets', () => page.getByRole('link', { name: 'imagenet-subset' }).waitFor()],
      ['dataset', `/datasets/${datasetId}`, () => page.getByRole('cell', { name: 's3://data/imagenet/v1' }).waitFor()],
      ['models', '/models', () => page.getByRole('link', { name: 'resnet-classifier' }).waitFor()],
      ['model', `/models/${modelId}`, () => page.getByRole('heading', { name: /resnet-classifier/ }).waitFor()],
      ['lineage', `/lineage/model-version/${versions[0].id}`, () => page.getByText('registered-from').first().waitFor()],
      ['audit', '/audit', () => page.getByRole('button', { name: 'Verify chain' }).waitFor()],
      ['organization', '/organization', () => page.getByRole('heading', { name: 'Members' }).waitFor()],
      ['account', '/account', () => page.getByRole('heading', { name: 'Your account' }).waitFor()],
      ['search', '/search?q=resnet', () => page.getByRole('link', { name: /resnet baseline/ }).waitFor()],
      ['compute targets', '/compute/targets', () => page.getByRole('link', { name: 'local-process' }).waitFor()],
      ['compute target', `/compute/targets/${targetId}`, () => page.getByRole('table', { name: 'Agents of this target' }).waitFor()],
      ['compute agents', '/compute/agents', () => page.getByText('e2e-agent').waitFor()],
      ['deployments', '/deployments', () => page.getByRole('link', { name: 'resnet-stopped' }).waitFor()],
      ['deployment', `/deployments/${deploymentId}`, () => page.getByRole('form', { name: 'Try it' }).waitFor()],
      [
        'submit run form',
        `/projects/${projectId}`,
        async () => {
          await page.getByRole('button', { name: 'Submit run' }).click();
          const inputs = page.getByRole('form', { name: 'Submit a run' }).getByRole('group', { name: 'Input dataset versions (optional)' });
          assert.equal(await inputs.getByLabel('Dataset').inputValue(), datasetId);
          await inputs.getByRole('option', { name: 'v1 — s3://data/imagenet/v1' }).waitFor({ state: 'attached' });
          await inputs.getByRole('button', { name: 'Add input' }).click();
          await inputs.getByRole('list', { name: 'Chosen inputs' }).getByText('imagenet-subset v1').waitFor();
        },
      ],
    ];
    const report = [];
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => localStorage.setItem('cairn.theme', t), theme);
      for (const [name, path, ready] of pages) {
        await page.goto(`${cairn.baseUrl}${path}`);
        await ready();
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme ?? 'light'), theme);
        const violations = await assertAccessible(page, `${name} (${theme})`);
        report.push(`${name} (${theme}): ${violations.length ? violations.map((v) => `${v.id}/${v.impact}`).join(', ') : 'none'}`);
        if (theme === 'light') await browser.screenshot(`40-a11y-${name.replace(/\W+/g, '-')}`);
      }
    }
    console.log(`axe-core, minor and moderate violations left:\n  ${report.join('\n  ')}`);
  });

  it('draws the chart of a run with 1,000,000 logged points quickly', async () => {
    const { id: runId } = await cairn.api('POST', '/runs', { projectId, name: 'million' });
    // CAIRN_E2E_CHART_POINTS lowers it while iterating; the figure in docs/performance.md is for 1,000,000
    const total = Number(process.env.CAIRN_E2E_CHART_POINTS ?? 1_000_000);
    const batch = 1000;
    const started = Date.now();
    let nextBatch = 0;
    const worker = async () => {
      for (;;) {
        const b = nextBatch++;
        if (b * batch >= total) return;
        const points = new Array(batch);
        for (let i = 0; i < batch; i += 1) {
          const step = b * batch + i;
          points[i] = { key: 'loss', value: 2 / (1 + step / 5000) + 0.05 * Math.sin(step / 50), step, timestamp: 1_764_000_000_000 + step };
        }
        await cairn.api('POST', `/runs/${runId}/metrics`, { points });
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    await cairn.api('POST', `/runs/${runId}/finish`, { status: 'FINISHED' });
    const logged = Date.now() - started;
    await eventually(
      async () => (await cairn.api('GET', `/runs/${runId}/metrics/loss?maxPoints=1000`)).totalPoints === total,
      'all points readable',
      60_000,
    );

    const samples = [];
    for (let i = 0; i < 5; i += 1) {
      await page.goto(`${cairn.baseUrl}/runs/${runId}`);
      const chart = page.getByRole('figure', { name: 'loss' });
      await chart.getByText(`of ${total.toLocaleString('en-US')} points (downsampled)`, { exact: false }).waitFor({ timeout: 30_000 });
      const sample = await eventually(
        () =>
          page.evaluate(() => {
            const draw = performance.getEntriesByName('cairn:chart-draw:loss', 'measure')[0];
            const history = performance
              .getEntriesByType('resource')
              .find((entry) => entry.name.includes('/metrics/loss?maxPoints='));
            if (!draw || !history) return null;
            return { draw: draw.duration, drawnAt: draw.startTime + draw.duration, api: history.duration, apiEnd: history.responseEnd };
          }),
        'the chart measure',
      );
      samples.push(sample);
    }
    await browser.screenshot('39-run-million-points');
    // the same chart smoothed (EMA over the downsampled series) on the relative-time axis
    await page.goto(`${cairn.baseUrl}/runs/${runId}?x=relative&smoothing=0.9`);
    await page.getByRole('figure', { name: 'loss' }).getByText('time since first point').first().waitFor({ timeout: 30_000 });
    const { duration: smoothedDraw } = await eventually(
      () => page.evaluate(() => performance.getEntriesByName('cairn:chart-draw:loss', 'measure')[0]?.toJSON() ?? null),
      'the smoothed chart measure',
    );
    await browser.screenshot('39-run-million-points-smoothed');
    const median = (key) => [...samples.map((s) => s[key])].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
    const draw = median('draw');
    const drawnAt = median('drawnAt');
    const apiTime = median('api');
    console.log(
      `chart of ${total.toLocaleString('en-US')} points: logged in ${(logged / 1000).toFixed(1)} s (${Math.round(total / (logged / 1000))} points/s, 4 clients, ` +
        `1000-point batches); over ${samples.length} page loads, median: series received → drawn ${draw.toFixed(1)} ms ` +
        `(all: ${samples.map((s) => s.draw.toFixed(1)).join(', ')}), downsampled history request ${apiTime.toFixed(1)} ms, ` +
        `navigation start → chart drawn ${drawnAt.toFixed(0)} ms; smoothed (0.9) on relative time: drawn ${smoothedDraw.toFixed(1)} ms`,
    );
    assert.ok(draw <= 500, `drawing took ${draw} ms`);
    assert.ok(smoothedDraw <= 500, `drawing the smoothed chart took ${smoothedDraw} ms`);
  });
});
