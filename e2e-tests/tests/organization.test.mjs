// Organizations in the browser: the platform administrator signs in with a password, edits their profile and
// creates a personal access token on the account page, erases a user on the organization page (typing the name to
// confirm), turns on SSO for the organization, makes a group with a member and a service account (its secret shown
// once, then used for a token), finds the erasure in the audit log and verifies the hash chain, and
// switches to a second organization in the header.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAccessible } from './support/accessibility.mjs';
import { ADMIN_PASSWORD } from './support/cairn.mjs';
import { skipWithoutChromium, startWorkbench } from './support/workbench.mjs';

describe('Cairn web UI: account and organization', { skip: skipWithoutChromium }, () => {
  let cairn;
  let browser;
  let page;
  let graceId;
  let workbench;

  before(async () => {
    workbench = await startWorkbench();
    ({ cairn, browser, page } = workbench);
    ({ principalId: graceId } = await cairn.api('POST', '/orgs/default/users', {
      username: 'grace',
      password: 'grace writes compilers 1952',
      role: 'MEMBER',
    }));
    await cairn.api('POST', '/orgs', { id: 'globex', name: 'Globex', ownerUsername: 'admin' });

    await page.goto(`${cairn.baseUrl}/account`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/login$/);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
  });

  after(async () => {
    await workbench?.close();
  });

  it('edits the profile and creates a token that is shown once and works', async () => {
    const profile = page.getByRole('form', { name: 'Profile' });
    await profile.getByLabel('Display name').fill('Platform Admin');
    await profile.getByLabel('E-mail').fill('admin@example');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    assert.match(await profile.getByRole('alert').textContent(), /is not an e-mail address .*\(email\)$/);
    await profile.getByLabel('E-mail').fill('admin@example.com');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByText('Saved.').waitFor();
    await page.getByRole('link', { name: 'Platform Admin' }).waitFor();

    const create = page.getByRole('form', { name: 'Create a token' });
    await create.getByLabel('Token name').fill('e2e-script');
    await create.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByLabel('New token').textContent()).trim();
    assert.match(secret, /^cairn_pat_/);
    await page.getByRole('table', { name: 'Tokens' }).getByText('e2e-script').waitFor();
    await browser.screenshot('21-account');
    await assertAccessible(page, 'account page');

    const me = await fetch(`${cairn.baseUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal(me.status, 200);
    assert.equal((await me.json()).displayName, 'Platform Admin');
  });

  it('erases a user after the name is typed, and turns on SSO', async () => {
    await page.getByRole('link', { name: 'Organization', exact: true }).click();
    const members = page.getByRole('table', { name: 'Members' });
    await members.getByLabel('Role of grace').waitFor();
    await members.getByRole('button', { name: 'Erase grace' }).click();
    const confirm = page.getByRole('form', { name: 'Erase grace' });
    assert.equal(await confirm.getByRole('button', { name: 'Erase user' }).isDisabled(), true);
    await confirm.getByLabel('Type grace to confirm').fill('grace');
    await confirm.getByRole('button', { name: 'Erase user' }).click();
    await members.getByLabel('Role of grace').waitFor({ state: 'detached' });
    const { members: left } = await cairn.api('GET', '/orgs/default/members');
    assert.ok(!left.some((m) => m.principalId === graceId), 'grace is no longer a member');

    const sso = page.getByRole('form', { name: 'SSO settings' });
    await sso.getByLabel('Issuer URL').fill('https://sso.example.com/realms/default');
    await sso.getByLabel('Client id').fill('cairn');
    await sso.getByLabel('Client secret').fill('a client secret');
    await sso.getByRole('button', { name: 'Add rule' }).click();
    await sso.getByRole('group', { name: 'Rule 1' }).getByLabel('Value').fill('cairn-admins');
    await sso.getByRole('group', { name: 'Rule 1' }).getByLabel('Role').selectOption('ADMIN');
    await sso.getByRole('button', { name: 'Turn on SSO' }).click();
    await page.getByText(`${cairn.baseUrl}/login/sso/default/callback`).waitFor();
    await browser.screenshot('22-organization');
    await assertAccessible(page, 'organization page');
    const saved = await cairn.api('GET', '/orgs/default/sso');
    assert.deepEqual(saved.mappings, [{ claim: 'groups', value: 'cairn-admins', role: 'ADMIN' }]);
  });

  it('makes a group with a member, and a service account whose secret is shown once and works', async () => {
    await cairn.api('POST', '/orgs/default/users', { username: 'linus', password: 'linus writes kernels 1991', role: 'MEMBER' });
    await page.reload();
    const groups = page.getByRole('region', { name: 'Groups' });
    await groups.getByText('No groups yet').waitFor();
    const create = groups.getByRole('form', { name: 'Create a group' });
    await create.getByLabel('Group name').fill('ml-team');
    await create.getByRole('button', { name: 'Create group' }).click();
    await groups.getByRole('button', { name: /ml-team/ }).click();
    const add = groups.getByRole('form', { name: 'Add a member to ml-team' });
    await add.getByLabel('Member to add').selectOption({ label: 'linus' });
    await add.getByRole('button', { name: 'Add to group' }).click();
    await groups.getByRole('table', { name: 'Members of ml-team' }).getByRole('button', { name: 'Remove linus from ml-team' }).waitFor();
    await groups.getByText(/1 member ·/).waitFor();

    const accounts = page.getByRole('region', { name: 'Service accounts' });
    const form = accounts.getByRole('form', { name: 'Create a service account' });
    await form.getByLabel('Account name').fill('Nightly Bot');
    await form.getByRole('alert').getByText(/lower-case letters/).waitFor();
    await form.getByLabel('Account name').fill('nightly-bot');
    await form.getByRole('button', { name: 'Create service account' }).click();
    const shown = page.getByRole('region', { name: 'Client secret of nightly-bot' });
    await shown.getByText('you will not see it again', { exact: false }).waitFor();
    const clientId = (await shown.locator('code').first().textContent()).trim();
    const clientSecret = (await shown.locator('code.secret').textContent()).trim();
    await accounts.getByRole('cell', { name: 'nightly-bot', exact: true }).waitFor();
    await browser.screenshot('23-groups-and-service-accounts');
    await assertAccessible(page, 'organization page with groups and a new service account');

    const token = await fetch(`${cairn.baseUrl}/oauth2/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    assert.equal(token.status, 200);
    await shown.getByRole('button', { name: 'I have copied it' }).click();
    assert.equal(await page.getByText(clientSecret).count(), 0);
  });

  it('finds the erasure in the audit log, whose chain verifies', async () => {
    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const filters = page.getByRole('form', { name: 'Filter events' });
    await filters.getByLabel('Event type').fill('cairn.tenancy.UserErased');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    const events = page.getByRole('table', { name: 'Audit events' });
    await events.getByText('cairn.tenancy.UserErased').waitFor();
    assert.equal(await events.getByText('cairn.tenancy.UserErased').count(), 1);
    await events.getByRole('button', { name: /^Payload of event/ }).click();
    await events.getByRole('button', { name: /^Hide of event/ }).waitFor();
    await events.getByText(graceId).waitFor();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    assert.match(await page.getByText(/^Intact: \d+ events checked/).textContent(), /Intact/);
    await browser.screenshot('23-audit-log');
    await assertAccessible(page, 'audit log');
  });

  it('switches to another organization in the header', async () => {
    const switcher = page.getByLabel('Organization', { exact: true });
    assert.equal(await switcher.inputValue(), 'default');
    await switcher.selectOption('globex');
    await page.waitForURL(/\/projects$/);
    await page.getByRole('link', { name: 'Organization', exact: true }).click();
    await page.getByRole('heading', { name: /Globex/ }).waitFor();
    assert.equal(await page.getByLabel('Organization', { exact: true }).inputValue(), 'globex');
    await browser.screenshot('24-switched-organization');
  });
});
