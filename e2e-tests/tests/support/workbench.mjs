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
