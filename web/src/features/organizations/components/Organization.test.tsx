import { screen, waitFor, within } from '@testing-library/react';
import { createJwt, createMe, createMember, createProblem, createProject, createSsoSettings } from '@/testing/data-generators';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';

const grace = createMember({ principalId: 'usr_grace', username: 'grace', displayName: 'Grace Hopper', role: 'MEMBER' });
const olga = createMember({ principalId: 'usr_olga', username: 'olga', role: 'OWNER' });
const members = (list = [olga, grace]) => json({ members: list });
/** The organization page also lists groups and (for owners and admins) service accounts: none here. */
const noGroupsOrAccounts = { 'GET /orgs/acme/groups': json({ groups: [] }), 'GET /orgs/acme/service-accounts': json({ serviceAccounts: [] }) };

describe('organization page', () => {
  it('lets an owner change roles, add members and erase a user only after typing their name', async () => {
    const api = mockApi({
      ...noGroupsOrAccounts,
      'GET /orgs/acme/members': members(),
      'PATCH /orgs/acme/members/:id': (request) => json({ members: [olga, { ...grace, role: (request.body as { role: string }).role }] }),
      'POST /orgs/acme/members': json({ members: [olga, grace, createMember({ principalId: 'usr_linus', username: 'linus' })] }, 201),
      'DELETE /orgs/acme/users/usr_grace': { status: 204, json: null },
      'GET /orgs/acme/sso': problem(createProblem(404, "Organization 'acme' has no SSO")),
    });
    const { user } = renderApp('/organization');
    const table = await screen.findByRole('table', { name: 'Members' });
    expect(within(table).getByText(/Grace Hopper \(grace\)/)).toBeInTheDocument();

    await user.selectOptions(within(table).getByLabelText('Role of grace'), 'AUDITOR');
    await waitFor(() => expect(api.callsTo('PATCH', '/orgs/acme/members/usr_grace')).toHaveLength(1));
    expect(api.callsTo('PATCH', '/orgs/acme/members/usr_grace')[0].body).toEqual({ role: 'AUDITOR' });

    const add = screen.getByRole('form', { name: 'Add a member' });
    await user.type(within(add).getByLabelText('Username'), 'linus');
    await user.click(within(add).getByRole('button', { name: 'Add member' }));
    expect(await within(table).findByLabelText('Role of linus')).toHaveValue('MEMBER');
    expect(api.callsTo('POST', '/orgs/acme/members')[0].body).toEqual({ username: 'linus', role: 'MEMBER' });

    await user.click(within(table).getByRole('button', { name: 'Erase grace' }));
    const confirm = await screen.findByRole('form', { name: 'Erase grace' });
    const erase = within(confirm).getByRole('button', { name: 'Erase user' });
    expect(erase).toBeDisabled();
    await user.type(within(confirm).getByLabelText('Type grace to confirm'), 'grace');
    await user.click(erase);
    await waitFor(() => expect(api.callsTo('DELETE', '/orgs/acme/users/usr_grace')).toHaveLength(1));
  });

  it("shows the server's refusal beside the action", async () => {
    mockApi({
      ...noGroupsOrAccounts,
      'GET /orgs/acme/members': members([olga]),
      'DELETE /orgs/acme/members/usr_olga': problem(createProblem(409, 'An organization keeps at least one owner; make someone else owner first')),
      'GET /orgs/acme/sso': problem(createProblem(404, 'no SSO')),
    });
    const { user } = renderApp('/organization');
    const table = await screen.findByRole('table', { name: 'Members' });
    await user.click(within(table).getByRole('button', { name: 'Remove olga' }));
    expect(await within(table).findByRole('alert')).toHaveTextContent('keeps at least one owner');
  });

  it('shows members read-only and no SSO settings to a member', async () => {
    const api = mockApi({
      ...noGroupsOrAccounts,
      'GET /me': json(createMe({ role: 'MEMBER', organizations: [{ id: 'acme', name: 'Acme', role: 'MEMBER' }] })),
      'GET /orgs/acme/members': members(),
    });
    renderApp('/organization');
    const table = await screen.findByRole('table', { name: 'Members' });
    expect(within(table).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add a member' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Single sign-on' })).not.toBeInTheDocument();
    expect(api.callsTo('GET', '/orgs/acme/sso')).toHaveLength(0);
  });

  it('turns on SSO with a claim mapping, and shows which field the server refused', async () => {
    let attempts = 0;
    const api = mockApi({
      ...noGroupsOrAccounts,
      'GET /orgs/acme/members': members(),
      'GET /orgs/acme/sso': problem(createProblem(404, 'no SSO')),
      'PUT /orgs/acme/sso': () =>
        ++attempts === 1
          ? problem(createProblem(400, 'The issuer must be an https URL', 'issuerUri'))
          : json(createSsoSettings({ issuerUri: 'https://sso.example.com/realms/acme' })),
    });
    const { user } = renderApp('/organization');
    const form = await screen.findByRole('form', { name: 'SSO settings' });
    await user.type(within(form).getByLabelText('Issuer URL'), 'http://sso.example.com/realms/acme');
    await user.type(within(form).getByLabelText('Client id'), 'cairn');
    await user.type(within(form).getByLabelText('Client secret'), 's3cret');
    await user.click(within(form).getByRole('button', { name: 'Add rule' }));
    const rule = within(form).getByRole('group', { name: 'Rule 1' });
    await user.type(within(rule).getByLabelText('Value'), 'cairn-admins');
    await user.selectOptions(within(rule).getByLabelText('Role'), 'ADMIN');
    await user.click(within(form).getByRole('button', { name: 'Turn on SSO' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('The issuer must be an https URL (issuerUri)');

    const issuer = within(form).getByLabelText('Issuer URL');
    await user.clear(issuer);
    await user.type(issuer, 'https://sso.example.com/realms/acme');
    await user.click(within(form).getByRole('button', { name: 'Turn on SSO' }));
    expect(await screen.findByText('http://localhost:8080/login/sso/acme/callback')).toBeInTheDocument();
    expect(api.callsTo('PUT', '/orgs/acme/sso')[1].body).toEqual({
      issuerUri: 'https://sso.example.com/realms/acme',
      clientId: 'cairn',
      clientSecret: 's3cret',
      defaultRole: 'MEMBER',
      mappings: [{ claim: 'groups', value: 'cairn-admins', role: 'ADMIN' }],
    });
  });
});

describe('organization switcher', () => {
  it('sends the chosen organization with every later call and returns to the projects list', async () => {
    window.sessionStorage.setItem('cairn.accessToken', createJwt({ sub: 'usr_me' }));
    const two = [
      { id: 'acme', name: 'Acme', role: 'OWNER' as const },
      { id: 'globex', name: 'Globex', role: 'MEMBER' as const },
    ];
    const api = mockApi({
      'GET /me': (request) => json(createMe({ organization: request.headers.get('Cairn-Org') ?? 'acme', organizations: two })),
      'GET /projects': (request) =>
        json({ projects: [createProject({ name: request.headers.get('Cairn-Org') === 'globex' ? 'globex-project' : 'acme-project' })] }),
      'GET /orgs/acme/members': members(),
      ...noGroupsOrAccounts,
    });
    const { user, router } = renderApp('/organization', { signedIn: false });
    const switcher = await screen.findByLabelText('Organization');
    expect(switcher).toHaveValue('acme');
    await user.selectOptions(switcher, 'globex');
    expect(await screen.findByText('globex-project')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/projects');
    expect(api.callsTo('GET', '/projects').every((call) => call.headers.get('Cairn-Org') === 'globex')).toBe(true);
    expect(screen.getByLabelText('Organization')).toHaveValue('globex');
  });

  it('only names the organization of a personal access token, which cannot act elsewhere', async () => {
    mockApi({
      'GET /me': json(createMe({ organizations: [{ id: 'acme', name: 'Acme', role: 'OWNER' }, { id: 'globex', name: 'Globex', role: 'MEMBER' }] })),
      'GET /projects': json({ projects: [] }),
    });
    renderApp('/projects');
    expect(await screen.findByText('Acme')).toBeInTheDocument();
    expect(screen.queryByLabelText('Organization')).not.toBeInTheDocument();
  });
});
