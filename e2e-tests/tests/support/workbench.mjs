// What every browser test file shares: Chromium or a reason to skip, and the jar plus a browser to drive it.
import assert from 'node:assert/strict';
import { findChromium, launchBrowser } from './browser.mjs';
import { startCairn } from './cairn.mjs';

const chromiumPath = findChromium();

/** `skip` for describe(): Chromium missing is a skip locally and a failure in CI. */
export const skipWithoutChromium =
  !chromiumPath && !process.env.CI
    ? 'Chromium not found: apt-get install -y chromium (CI installs it and fails without it)'
    : false;

/** Starts the jar on a fresh data directory and a browser; `close()` stops both. */
export async function startWorkbench(options = {}) {
  assert.ok(chromiumPath, 'Chromium is required in CI (apt-get install -y chromium)');
  const cairn = await startCairn(options);
  const browser = await launchBrowser(chromiumPath);
  browser.page.on('pageerror', (error) => console.error('page error:', error));
  return {
    cairn,
    browser,
    page: browser.page,
    async close() {
      await browser.close();
      await cairn.stop();
    },
  };
}

/** Signs in with the bootstrap token on the sign-in page shown for `path`, then waits for the page's `heading`. */
export async function signInWithToken(page, cairn, { path = '/sign-in', heading = 'New project' } = {}) {
  await page.goto(`${cairn.baseUrl}${path}`);
  await page.getByRole('button', { name: 'Use a personal access token' }).click();
  await page.getByLabel('Personal access token').fill(cairn.token);
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await page.getByRole('heading', { name: heading }).waitFor();
}
