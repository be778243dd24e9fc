import { screen, waitFor, within } from '@testing-library/react';
import { createGroup, createGroupDetail, createMe, createMember, createNewServiceAccount, createProblem, createServiceAccount } from '@/testing/data-generators';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';

const grace = createMember({ principalId: 'usr_grace', username: 'grace', displayName: 'Grace Hopper' });
const linus = createMember({ principalId: 'usr_linus', username: 'linus' });
const mlTeam = createGroup({ id: 'grp_ml', name: 'ml-team', memberCount: 1 });
const graceInTeam = { principalId: 'usr_grace', username: 'grace', sinceTime: 1 };
const linusInTeam = { principalId: 'usr_linus', username: 'linus', sinceTime: 2 };
const noSso = { 'GET /orgs/acme/sso': problem(createProblem(404, 'no SSO')) };
const asMember = { 'GET /me': json(createMe({ role: 'MEMBER', organizations: [{ id: 'acme', name: 'Acme', role: 'MEMBER' }] })) };

describe('groups on the organization page', () => {
  it('lists groups, opens one with its members, adds a member picked from the organization and removes one', async () => {
    let inTeam = [graceInTeam];
    const group = () => createGroupDetail({ ...mlTeam, memberCount: inTeam.length, members: inTeam });
    const api = mockApi({
      ...noSso,
      'GET /orgs/acme/members': json({ members: [grace, linus] }),
      'GET /orgs/acme/service-accounts': json({ serviceAccounts: [] }),
      'GET /orgs/acme/groups': () => json({ groups: [{ ...mlTeam, memberCount: inTeam.length }] }),
      'GET /orgs/acme/groups/grp_ml': () => json(group()),
      'PUT /orgs/acme/groups/grp_ml/members/:id': () => {
        inTeam = [graceInTeam, linusInTeam];
        return json(group());
      },
      'DELETE /orgs/acme/groups/grp_ml/members/:id': () => {
        inTeam = [linusInTeam];
        return json(group());
      },
    });
    const { user } = renderApp('/organization');
    const groups = await screen.findByRole('list', { name: 'Groups' });
    expect(within(groups).getByText(/1 member ·/)).toBeInTheDocument();
    expect(api.callsTo('GET', '/orgs/acme/groups/grp_ml')).toHaveLength(0);

    const toggle = within(groups).getByRole('button', { name: /ml-team/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const table = await within(groups).findByRole('table', { name: 'Members of ml-team' });
    expect(within(table).getByText('usr_grace')).toBeInTheDocument();

    const add = within(groups).getByRole('form', { name: 'Add a member to ml-team' });
    const picker = within(add).getByLabelText('Member to add');
    // grace is in the group already: only linus is offered
    expect(within(picker).queryByRole('option', { name: /Grace/ })).not.toBeInTheDocument();
    await user.selectOptions(picker, 'usr_linus');
    await user.click(within(add).getByRole('button', { name: 'Add to group' }));
    expect(await within(table).findByText('usr_linus')).toBeInTheDocument();
    expect(api.callsTo('PUT', '/orgs/acme/groups/grp_ml/members/usr_linus')).toHaveLength(1);
    expect(await within(groups).findByText(/2 members ·/)).toBeInTheDocument();

    await user.click(within(table).getByRole('button', { name: 'Remove grace from ml-team' }));
    await waitFor(() => expect(within(table).queryByText('usr_grace')).not.toBeInTheDocument());
    expect(api.callsTo('DELETE', '/orgs/acme/groups/grp_ml/members/usr_grace')).toHaveLength(1);
  });

  it("creates a group and shows a refused name's problem beside the form", async () => {
    let created = false;
    const api = mockApi({
      ...noSso,
      'GET /orgs/acme/members': json({ members: [grace] }),
      'GET /orgs/acme/service-accounts': json({ serviceAccounts: [] }),
      'GET /orgs/acme/groups': () => json({ groups: created ? [createGroup({ name: 'data-eng' })] : [] }),
      'POST /orgs/acme/groups': (request) => {
        if ((request.body as { name: string }).name === 'ml-team') return problem(createProblem(409, "A group named 'ml-team' already exists", 'name'));
        created = true;
        return json(createGroup({ name: 'data-eng' }), 201);
      },
    });
    const { user } = renderApp('/organization');
    const section = (await screen.findByRole('heading', { name: 'Groups' })).closest('section')!;
    expect(await within(section).findByText('No groups yet')).toBeInTheDocument();
    const form = within(section).getByRole('form', { name: 'Create a group' });
    const name = within(form).getByLabelText('Group name');
    await user.type(name, 'ml-team');
    await user.click(within(form).getByRole('button', { name: 'Create group' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent("A group named 'ml-team' already exists (name)");
    expect(name).toHaveAttribute('aria-invalid', 'true');

    await user.clear(name);
    await user.type(name, 'data-eng');
    await user.click(within(form).getByRole('button', { name: 'Create group' }));
    expect(await within(section).findByRole('button', { name: /data-eng/ })).toBeInTheDocument();
    expect(api.callsTo('POST', '/orgs/acme/groups')[1].body).toEqual({ name: 'data-eng' });
    expect(name).toHaveValue('');
  });

  it('deletes a group after a confirmation saying what happens to its grants', async () => {
    let deleted = false;
    const api = mockApi({
      ...noSso,
      'GET /orgs/acme/members': json({ members: [grace] }),
      'GET /orgs/acme/service-accounts': json({ serviceAccounts: [] }),
      'GET /orgs/acme/groups': () => json({ groups: deleted ? [] : [mlTeam] }),
      'GET /orgs/acme/groups/grp_ml': json(createGroupDetail({ ...mlTeam, members: [graceInTeam] })),
      'DELETE /orgs/acme/groups/grp_ml': () => {
        deleted = true;
        return { status: 204, json: null };
      },
    });
    const { user } = renderApp('/organization');
    await user.click(await screen.findByRole('button', { name: /ml-team/ }));
    await user.click(await screen.findByRole('button', { name: 'Delete group…' }));
    const confirm = screen.getByRole('group', { name: 'Confirm deletion' });
    expect(confirm).toHaveTextContent('drops every project grant to it');
    await user.click(within(confirm).getByRole('button', { name: 'Delete ml-team' }));
    expect(await screen.findByText('No groups yet')).toBeInTheDocument();
    expect(api.callsTo('DELETE', '/orgs/acme/groups/grp_ml')).toHaveLength(1);
  });

  it("renames a group, and shows a taken name's refusal under the field", async () => {
    let name = 'ml-team';
    const api = mockApi({
      ...noSso,
      'GET /orgs/acme/members': json({ members: [grace] }),
      'GET /orgs/acme/service-accounts': json({ serviceAccounts: [] }),
      'GET /orgs/acme/groups': () => json({ groups: [{ ...mlTeam, name }] }),
      'GET /orgs/acme/groups/grp_ml': () => json(createGroupDetail({ ...mlTeam, name, members: [graceInTeam] })),
      'PATCH /orgs/acme/groups/grp_ml': (request) => {
        const wanted = (request.body as { name: string }).name;
        if (wanted === 'data-eng') return problem(createProblem(409, "A group named 'data-eng' already exists", 'name'));
        name = wanted;
        return json({ ...mlTeam, name });
      },
    });
    const { user } = renderApp('/organization');
    await user.click(await screen.findByRole('button', { name: /ml-team/ }));
    const form = await screen.findByRole('form', { name: 'Rename ml-team' });
    const field = within(form).getByLabelText('New name');
    expect(field).toHaveValue('ml-team');
    expect(within(form).getByRole('button', { name: 'Rename group' })).toBeDisabled();

    await user.clear(field);
    await user.type(field, 'data-eng');
    await user.click(within(form).getByRole('button', { name: 'Rename group' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent("A group named 'data-eng' already exists (name)");
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription("A group named 'data-eng' already exists (name)");

    await user.clear(field);
    await user.type(field, '  ml-platform ');
    await user.click(within(form).getByRole('button', { name: 'Rename group' }));
    expect(await screen.findByRole('button', { name: '▾ ml-platform' })).toHaveAttribute('aria-expanded', 'true');
    expect(await screen.findByText('Renamed to ml-platform.')).toBeInTheDocument();
    expect(api.callsTo('PATCH', '/orgs/acme/groups/grp_ml').map((c) => c.body)).toEqual([{ name: 'data-eng' }, { name: 'ml-platform' }]);
  });

  it('shows a member the groups read-only, and why service accounts are not listed', async () => {
    const api = mockApi({
      ...asMember,
      'GET /orgs/acme/members': json({ members: [grace] }),
      'GET /orgs/acme/groups': json({ groups: [mlTeam] }),
      'GET /orgs/acme/groups/grp_ml': json(createGroupDetail({ ...mlTeam, members: [graceInTeam] })),
    });
    const { user } = renderApp('/organization');
    await user.click(await screen.findByRole('button', { name: /ml-team/ }));
    const table = await screen.findByRole('table', { name: 'Members of ml-team' });
    expect(within(table).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Create a group' })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: /Add a member to/ })).not.toBeInTheDocument();
    expect(screen.getByText(/Only owners and admins of the organization see and manage service accounts/)).toBeInTheDocument();
    expect(api.callsTo('GET', '/orgs/acme/service-accounts')).toHaveLength(0);
  });
});

describe('service accounts on the organization page', () => {
  const robot = createServiceAccount({ id: 'sa_1', name: 'nightly', clientId: 'cairn-sa-nightly', role: 'MEMBER' });

  it('creates an account and shows its secret once, with a copy button and a warning', async () => {
    const created = createNewServiceAccount({ id: 'sa_2', name: 'ci-bot', clientId: 'cairn-sa-ci', role: 'AUDITOR', clientSecret: 'cs_topsecret' });
    let accounts = [robot];
    const api = mockApi({
      ...noSso,
      'GET /orgs/acme/members': json({ members: [grace] }),
      'GET /orgs/acme/groups': json({ groups: [] }),
      'GET /orgs/acme/service-accounts': () => json({ serviceAccounts: accounts }),
      'POST /orgs/acme/service-accounts': () => {
        const { clientSecret: _secret, ...listed } = created;
        accounts = [robot, listed];
        return json(created, 201);
      },
    });
    const { user } = renderApp('/organization');
    const table = await screen.findByRole('table', { name: 'Service accounts' });
    expect(within(table).getByText('cairn-sa-nightly')).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Create a service account' });
    await user.type(within(form).getByLabelText('Account name'), 'ci-bot');
    await user.selectOptions(within(form).getByLabelText('Role'), 'AUDITOR');
    expect(within(form).getByLabelText('Role')).not.toHaveTextContent('OWNER');
    await user.click(within(form).getByRole('button', { name: 'Create service account' }));

    const secret = await screen.findByRole('region', { name: 'Client secret of ci-bot' });
    expect(secret).toHaveTextContent('you will not see it again');
    expect(secret).toHaveTextContent('cs_topsecret');
    expect(secret).toHaveTextContent('cairn-sa-ci');
    await user.click(within(secret).getByRole('button', { name: 'Copy secret' }));
    // user-event stands in for the clipboard
    expect(await navigator.clipboard.readText()).toBe('cs_topsecret');
    expect(within(secret).getByRole('status')).toHaveTextContent('Copied.');
    expect(api.callsTo('POST', '/orgs/acme/service-accounts')[0].body).toEqual({ name: 'ci-bot', role: 'AUDITOR' });
    expect(await within(table).findByText('cairn-sa-ci')).toBeInTheDocument();
    // the list never carries a secret; once dismissed it is gone from the page
    expect(within(table).queryByText('cs_topsecret')).not.toBeInTheDocument();
    await user.click(within(secret).getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByText('cs_topsecret')).not.toBeInTheDocument();
  });

  it('checks the name before sending and shows the server refusal of another field under the form', async () => {
    const api = mockApi({
      ...noSso,
      'GET /orgs/acme/members': json({ members: [grace] }),
      'GET /orgs/acme/groups': json({ groups: [] }),
      'GET /orgs/acme/service-accounts': json({ serviceAccounts: [] }),
      'POST /orgs/acme/service-accounts': problem(createProblem(409, "A service account named 'ci-bot' already exists")),
    });
    const { user } = renderApp('/organization');
    expect(await screen.findByText('No service accounts yet')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Create a service account' });
    const name = within(form).getByLabelText('Account name');
    await user.type(name, 'CI Bot');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByRole('alert')).toHaveTextContent('lower-case letters, digits and dashes');
    await user.click(within(form).getByRole('button', { name: 'Create service account' }));
    expect(api.callsTo('POST', '/orgs/acme/service-accounts')).toHaveLength(0);

    await user.clear(name);
    await user.type(name, 'ci-bot');
    expect(name).not.toHaveAttribute('aria-invalid');
    await user.click(within(form).getByRole('button', { name: 'Create service account' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent("A service account named 'ci-bot' already exists");
    expect(screen.queryByRole('region', { name: /Client secret/ })).not.toBeInTheDocument();
  });

  it('deletes an account after a confirmation', async () => {
    let accounts = [robot];
    const api = mockApi({
      ...noSso,
      'GET /orgs/acme/members': json({ members: [grace] }),
      'GET /orgs/acme/groups': json({ groups: [] }),
      'GET /orgs/acme/service-accounts': () => json({ serviceAccounts: accounts }),
      'DELETE /orgs/acme/service-accounts/sa_1': () => {
        accounts = [];
        return { status: 204, json: null };
      },
    });
    const { user } = renderApp('/organization');
    const table = await screen.findByRole('table', { name: 'Service accounts' });
    await user.click(within(table).getByRole('button', { name: 'Delete nightly…' }));
    const confirm = within(table).getByRole('group', { name: 'Confirm deletion' });
    expect(confirm).toHaveTextContent('answer 401');
    await user.click(within(confirm).getByRole('button', { name: 'Delete nightly' }));
    expect(await screen.findByText('No service accounts yet')).toBeInTheDocument();
    expect(api.callsTo('DELETE', '/orgs/acme/service-accounts/sa_1')).toHaveLength(1);
  });
});
