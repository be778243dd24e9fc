// Sign-in with the organization's SSO through a real Keycloak: two organizations, each with its own Keycloak realm
// (made through Keycloak's admin REST API) configured with `PUT /orgs/{org}/sso`. In Chromium a user opens Cairn,
// chooses "Sign in with your organization's SSO", types the organization id, signs in on Keycloak's page and comes
// back signed in to Cairn in that organization with the role the claim mapping gives; a wrong password stays on
// Keycloak with its error; the other organization's user is unknown to this organization's realm and, signed in
// through their own, sees none of this organization's data.
// Needs Keycloak (scripts/services/keycloak.sh start; $CAIRN_E2E_KEYCLOAK names another): skipped with the reason
// when it is not reachable, failed when CI is set.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { assertAccessible } from './support/accessibility.mjs';
import { createRealm, deleteRealm, KEYCLOAK_TIMEOUT, keycloakUnreachable, submitKeycloakSignIn } from './support/keycloak.mjs';
import { ADMIN_PASSWORD } from './support/cairn.mjs';
import { skipWithoutChromium, startWorkbench } from './support/workbench.mjs';

const unreachable = await keycloakUnreachable();
const skipWithoutKeycloak = unreachable && !process.env.CI
  ? `${unreachable}: start it with scripts/services/keycloak.sh start (CI starts it and fails without it)`
  : false;
if (skipWithoutKeycloak) console.log(`sso.test.mjs skipped: ${skipWithoutKeycloak}`);

const run = randomBytes(4).toString('hex');
const CLIENT_SECRET = `e2e-client-secret-${run}`;
const acme = { id: 'acme', name: 'Acme Turbines', realm: `cairn-e2e-acme-${run}` };
const globex = { id: 'globex', name: 'Globex', realm: `cairn-e2e-globex-${run}` };
const ADA = { username: 'ada', password: 'ada-keycloak-pw', firstName: 'Ada', lastName: 'Lovelace', groups: ['cairn-admins'] };
const MALLORY = { username: 'mallory', password: 'mallory-keycloak-pw', firstName: 'Mallory', lastName: 'Globex' };

describe("Cairn web UI: sign-in with the organization's SSO (Keycloak)", { skip: skipWithoutChromium || skipWithoutKeycloak }, () => {
  let cairn;
  let browser;
  let page;
  let workbench;
  let acmeProjectId;
  const realms = [];

  /** Starts a fresh browser session at the web UI's sign-in page (no Cairn or Keycloak session left). */
  async function signedOut() {
    await browser.context.clearCookies();
    await page.goto(`${cairn.baseUrl}/sign-in`);
    await page.evaluate(() => window.sessionStorage.clear());
  }

  /** From the web UI's sign-in page to Cairn's sign-in page (the embedded provider's). */
  async function openSignInPage() {
    await page.goto(`${cairn.baseUrl}/projects`);
    await page.getByRole('heading', { name: 'Sign in to Cairn' }).waitFor();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/login$/);
  }

  async function continueWithPassword() {
    await openSignInPage();
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'New project' }).waitFor();
  }

  /** From the web UI's sign-in page through Cairn's sign-in page to the organization's Keycloak. */
  async function continueWithSso(org) {
    await openSignInPage();
    const sso = page.getByRole('form', { name: "Sign in with your organization's SSO" });
    await sso.getByLabel('Organization id').fill(org);
    await sso.getByRole('button', { name: 'Continue with SSO' }).click();
  }

  async function accessToken() {
    return page.evaluate(() => window.sessionStorage.getItem('cairn.accessToken'));
  }

  before(async () => {
    assert.equal(unreachable, null, `${unreachable}: CI must run the SSO browser test (scripts/services/keycloak.sh start)`);
    workbench = await startWorkbench();
    ({ cairn, browser, page } = workbench);
    // The bootstrap token acts in the default organization only; the administrator's own token (signed in with
    // the password) acts in any organization they own, named by Cairn-Org.
    await continueWithPassword();
    const adminToken = await accessToken();
    for (const org of [acme, globex]) {
      await cairn.api('POST', '/orgs', { id: org.id, name: org.name, ownerUsername: 'admin' });
      realms.push(org.realm);
      org.issuer = await createRealm({
        realm: org.realm,
        clientId: 'cairn',
        secret: CLIENT_SECRET,
        redirectUri: `${cairn.baseUrl}/login/sso/${org.id}/callback`,
        groups: ['cairn-admins'],
        users: [org === acme ? ADA : MALLORY],
      });
      const configured = await fetch(`${cairn.baseUrl}/api/v1/orgs/${org.id}/sso`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${adminToken}`, 'Cairn-Org': org.id, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          issuerUri: org.issuer,
          clientId: 'cairn',
          clientSecret: CLIENT_SECRET,
          mappings: [{ claim: 'groups', value: 'cairn-admins', role: 'ADMIN' }],
        }),
      });
      assert.equal(configured.status, 200, `PUT /orgs/${org.id}/sso: ${await configured.text()}`);
    }
  });

  after(async () => {
    await workbench?.close();
    for (const realm of realms) await deleteRealm(realm).catch((error) => console.error(error.message));
  });

  it("signs in through the organization's Keycloak and works in that organization", async () => {
    await signedOut();
    await page.goto(`${cairn.baseUrl}/projects`);
    await page.getByRole('heading', { name: 'Sign in to Cairn' }).waitFor();
    await page.getByText("or with your organization's single sign-on (SSO)").waitFor();
    await browser.screenshot('60-sso-web-sign-in');
    await assertAccessible(page, 'web UI sign-in page');

    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/login$/);
    const sso = page.getByRole('form', { name: "Sign in with your organization's SSO" });
    await sso.getByLabel('Organization id').fill(acme.id);
    await browser.screenshot('61-sso-sign-in-page');
    await assertAccessible(page, "Cairn's sign-in page with the SSO form");
    await sso.getByRole('button', { name: 'Continue with SSO' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${acme.issuer}/protocol/openid-connect/auth`), { timeout: KEYCLOAK_TIMEOUT });
    await page.locator('#kc-login').waitFor({ timeout: KEYCLOAK_TIMEOUT });
    await browser.screenshot('62-sso-keycloak-sign-in');
    await submitKeycloakSignIn(page, acme.issuer, ADA.username, ADA.password);

    await page.waitForURL(`${cairn.baseUrl}/projects`, { timeout: KEYCLOAK_TIMEOUT });
    await page.getByRole('heading', { name: 'New project' }).waitFor();
    await page.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    assert.equal(await page.getByTitle('Organization acme').textContent(), acme.name);

    await page.getByLabel('Name').fill('turbine-forecasting');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('table').getByRole('link', { name: 'turbine-forecasting' }).click();
    await page.waitForURL(/\/projects\/[^/]+$/);
    acmeProjectId = decodeURIComponent(page.url().split('/').pop());
    await page.getByRole('heading', { name: 'turbine-forecasting' }).waitFor();

    await page.getByRole('link', { name: 'Organization', exact: true }).click();
    const members = page.getByRole('table', { name: 'Members' });
    assert.equal(await members.getByLabel('Role of acme:ada').inputValue(), 'ADMIN', 'the claim mapping made Ada an admin');
    await browser.screenshot('63-sso-signed-in');

    const me = await fetch(`${cairn.baseUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${await accessToken()}` } });
    assert.equal(me.status, 200);
    const who = await me.json();
    assert.equal(who.username, 'acme:ada');
    assert.equal(who.organization, 'acme');
    assert.deepEqual(who.organizations.map((o) => o.id), ['acme']);
  });

  it('stays on Keycloak with its error after a wrong password', async () => {
    await signedOut();
    await continueWithSso(acme.id);
    await submitKeycloakSignIn(page, acme.issuer, ADA.username, 'not the password');
    await page.getByText('Invalid username or password.').waitFor({ timeout: KEYCLOAK_TIMEOUT });
    assert.ok(page.url().startsWith(`${acme.issuer}/`), `still at Keycloak: ${page.url()}`);
    assert.equal(await accessToken(), null);
    await browser.screenshot('64-sso-keycloak-refused');
  });

  it("keeps another organization's user out: unknown to this realm, and none of this organization's data", async () => {
    await signedOut();
    await continueWithSso(acme.id);
    await submitKeycloakSignIn(page, acme.issuer, MALLORY.username, MALLORY.password);
    await page.getByText('Invalid username or password.').waitFor({ timeout: KEYCLOAK_TIMEOUT });
    assert.ok(page.url().startsWith(`${acme.issuer}/`), `still at Keycloak: ${page.url()}`);

    await continueWithSso(globex.id);
    await submitKeycloakSignIn(page, globex.issuer, MALLORY.username, MALLORY.password);
    await page.waitForURL(`${cairn.baseUrl}/projects`, { timeout: KEYCLOAK_TIMEOUT });
    await page.getByRole('link', { name: 'Mallory Globex' }).waitFor();
    assert.equal(await page.getByTitle('Organization globex').textContent(), globex.name);
    await page.getByText('No active projects').waitFor();

    await page.goto(`${cairn.baseUrl}/projects/${encodeURIComponent(acmeProjectId)}`);
    await page.getByRole('alert').filter({ hasText: /not found/i }).first().waitFor();
    assert.equal(await page.getByText('turbine-forecasting').count(), 0);
    await browser.screenshot('65-sso-other-organization');

    const token = await accessToken();
    for (const path of [`/projects/${acmeProjectId}`, '/projects']) {
      const response = await fetch(`${cairn.baseUrl}/api/v1${path}`, {
        headers: { Authorization: `Bearer ${token}`, 'Cairn-Org': acme.id },
      });
      assert.equal(response.status, 404, `${path} in acme as globex:mallory`);
    }
    const own = await fetch(`${cairn.baseUrl}/api/v1/projects/${acmeProjectId}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(own.status, 404);
  });
});
