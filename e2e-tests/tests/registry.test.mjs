// The model registry, project sharing and lineage end to end: an owner shares a project with a member in the
// sharing panel; the member registers a model version from a run's artifact in the browser and asks for
// Production, sees the request pending and cannot approve it; the owner approves it; the version's lineage reaches
// the run, drawn as a graph that re-roots from a node (click, double-click, keyboard), passes axe-core in both themes, and
// stays smooth with a few hundred nodes.
import assert from 'node:assert/strict';
import { loadavg } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertAccessible } from './support/accessibility.mjs';
import { screenshotDir } from './support/browser.mjs';
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

  it('draws the version lineage as a graph back to the run and its artifact, and re-roots from a node', async () => {
    await page.getByRole('link', { name: 'Lineage of v1' }).click();
    const graph = page.getByRole('group', { name: 'Lineage graph: 3 nodes, 2 edges' });
    await graph.waitFor();
    const runNode = graph.getByRole('button', { name: 'Run trainer, 2 steps upstream' });
    const artifactNode = graph.getByRole('button', { name: 'Artifact model/model.zip, 1 step upstream' });
    const versionNode = graph.getByRole('button', { name: /^Model version .*, this node$/ });
    const x = async (locator) => (await locator.boundingBox()).x;
    assert.ok((await x(runNode)) < (await x(artifactNode)) && (await x(artifactNode)) < (await x(versionNode)), 'upstream reads left to right');
    await graph.getByText('registered-from').waitFor();
    await graph.getByText('produced').waitFor();

    // the edge's facts on hover: mia registered the version
    const details = page.getByRole('complementary', { name: 'Details' });
    await graph.locator('[data-edge^="artifact:"] .edge-hit').hover({ force: true });
    await details.getByRole('heading', { name: 'Edge: registered-from' }).waitFor();
    await details.getByText(miaId).waitFor();
    assert.match(await details.getByRole('link', { name: /^Event .* in the audit log$/ }).getAttribute('href'), new RegExp(`^/audit\\?eventId=.*&actor=${miaId}$`));

    const zoom = page.getByRole('status', { name: 'Zoom level' });
    const before = await zoom.textContent();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    assert.notEqual(await zoom.textContent(), before);
    await page.getByRole('button', { name: 'Fit' }).click();
    assert.equal(await zoom.textContent(), before);

    const upstream = page.getByRole('region', { name: 'Upstream' });
    await upstream.getByRole('link', { name: 'trainer', exact: true }).waitFor();
    const edges = upstream.getByRole('table', { name: 'Upstream edges' });
    await edges.getByRole('cell', { name: 'registered-from' }).waitFor();
    await edges.getByRole('cell', { name: 'produced' }).waitFor();
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => localStorage.setItem('cairn.theme', t), theme);
      await page.reload();
      await graph.waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme ?? 'light'), theme);
      await assertAccessible(page, `lineage explorer (${theme})`);
      await browser.screenshot(`14-lineage-${theme}`);
    }

    // a click selects the run, a double-click explores from it
    await runNode.click();
    await details.getByRole('heading', { name: 'Run trainer' }).waitFor();
    await runNode.dblclick();
    await page.waitForURL(new RegExp(`/lineage/run/${runId}$`));
    const fromRun = page.getByRole('group', { name: 'Lineage graph: 3 nodes, 2 edges' });
    await fromRun.getByRole('button', { name: 'Run trainer, this node' }).waitFor();
    await fromRun.getByRole('button', { name: /^Model version .*, 2 steps downstream$/ }).waitFor();

    // the keyboard: into the graph at the root, → to the artifact, Enter explores from it
    await page.getByRole('button', { name: 'Fit' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await details.getByRole('heading', { name: 'Artifact model/model.zip' }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/lineage\/artifact\//);
    await page.getByRole('group', { name: 'Lineage graph: 3 nodes, 2 edges' }).getByRole('button', { name: 'Artifact model/model.zip, this node' }).waitFor();
    await page.evaluate(() => localStorage.setItem('cairn.theme', 'light'));
  });

  it('follows the lineage to the run page', async () => {
    await page.goBack();
    await page.waitForURL(new RegExp(`/lineage/run/${runId}$`));
    await page.getByRole('region', { name: 'Downstream' }).getByRole('table', { name: 'Downstream nodes' }).getByRole('link', { name: 'model/model.zip', exact: true }).waitFor();
    await page.getByRole('complementary', { name: 'Details' }).getByRole('link', { name: 'Open run' }).click();
    await page.getByRole('heading', { name: /trainer/ }).first().waitFor();
    const panel = page.getByRole('region', { name: 'Lineage' });
    await panel.getByRole('region', { name: 'Downstream' }).getByRole('cell', { name: 'registered-from' }).waitFor();
    await panel.getByRole('group', { name: /^Lineage graph/ }).waitFor();
  });

  it('draws a lineage graph of a few hundred nodes without jank', async () => {
    // a dataset version consumed by 60 runs, each producing 4 artifacts: 301 nodes downstream of it
    const { id: datasetId } = await cairn.api('POST', '/datasets', { name: 'clicks' });
    const { id: versionId } = await cairn.api('POST', `/datasets/${datasetId}/versions`, { uri: 's3://data/clicks/v1', digest: `sha256:${'ab'.repeat(32)}` });
    const runs = 60;
    const artifacts = 4;
    let next = 0;
    const worker = async () => {
      for (let r = next++; r < runs; r = next++) {
        const { id } = await cairn.api('POST', '/runs', { projectId, name: `sweep-${r}` });
        await cairn.api('POST', `/runs/${id}/inputs`, { datasetVersionIds: [versionId] });
        for (let a = 0; a < artifacts; a += 1) await cairn.api('PUT', `/runs/${id}/artifacts/out/part-${a}.bin`, new TextEncoder().encode(`${r}/${a}\n`));
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const total = 1 + runs * (1 + artifacts);

    await page.goto(`${cairn.baseUrl}/lineage/dataset-version/${encodeURIComponent(versionId)}?direction=upstream`);
    await page.getByText('Nothing upstream').waitFor();
    const drawn = page.evaluate(
      (expected) =>
        new Promise((resolve) => {
          const check = () => {
            if (document.querySelectorAll('.graph-node').length < expected) return requestAnimationFrame(check);
            // the frame after the one that has the nodes: they have been laid out and painted
            requestAnimationFrame(() => {
              const response = performance.getEntriesByType('resource').filter((e) => e.name.includes('direction=downstream')).at(-1);
              resolve({ ms: performance.now() - response.responseEnd, nodes: document.querySelectorAll('.graph-node').length, edges: document.querySelectorAll('.graph-edge').length });
            });
          };
          requestAnimationFrame(check);
        }),
      total,
    );
    await page.getByLabel('Direction').selectOption('downstream');
    const draw = await drawn;
    assert.equal(draw.nodes, total);
    assert.equal(draw.edges, total - 1);

    // zooming with the wheel over the graph and panning by dragging it: the time between frames
    const box = await page.locator('.lineage-graph').boundingBox();
    const frames = await page.evaluate(async ({ cx, cy }) => {
      const svg = document.querySelector('.lineage-graph');
      const gaps = [];
      let last = performance.now();
      for (let i = 0; i < 40; i += 1) {
        svg.dispatchEvent(new WheelEvent('wheel', { deltaY: i < 20 ? -60 : 60, clientX: cx, clientY: cy, bubbles: true, cancelable: true }));
        await new Promise(requestAnimationFrame);
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }
      return gaps;
    }, { cx: box.x + box.width / 2, cy: box.y + box.height / 2 });
    const transform = () => page.locator('.graph-canvas').getAttribute('style');
    const beforePan = await transform();
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.down();
    const panStart = Date.now();
    await page.mouse.move(box.x + 300, box.y + 200, { steps: 30 });
    const panMs = Date.now() - panStart;
    await page.mouse.up();
    assert.notEqual(await transform(), beforePan, 'dragging pans the graph');
    const sorted = [...frames].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(
      `lineage graph (load average ${loadavg()[0].toFixed(1)}) of ${draw.nodes} nodes and ${draw.edges} edges: drawn ${draw.ms.toFixed(0)} ms after its answer arrived (with both tables); ` +
        `wheel zoom frames median ${median.toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms; 30-step drag ${panMs} ms`,
    );
    await page.screenshot({ path: path.join(screenshotDir, '15-lineage-large.png') });
    // generous bounds: the figures above are what to compare (docs/web.md); these catch a graph that stops drawing
    // in reasonable time even on the loaded CI machine
    assert.ok(draw.ms < 10_000, `drawn in ${draw.ms} ms`);
    assert.ok(median < 300, `median frame ${median} ms`);
  });
});
