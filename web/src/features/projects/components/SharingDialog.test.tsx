import { screen, waitFor, within } from '@testing-library/react';
import { createGroup, createMember, createProblem, createProject } from '@/testing/data-generators';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';

const T = Date.UTC(2026, 10, 3, 10, 0);
const grants = (list: object[]) => ({ projectId: 'p1', ownerId: 'usr_owner', ownerUsername: 'olga', grants: list });
const alice = { granteeType: 'USER', granteeId: 'usr_alice', name: 'alice', role: 'VIEWER', grantTime: T };
const team = { granteeType: 'GROUP', granteeId: 'grp_ds', name: 'data-science', role: 'EDITOR', grantTime: T };

/** The organization's lists the dialog picks grantees from. */
const organization = {
  'GET /orgs/acme/members': json({
    members: [
      createMember({ principalId: 'usr_alice', username: 'alice' }),
      createMember({ principalId: 'usr_nobody', username: 'nobody', displayName: 'No Body' }),
    ],
  }),
  'GET /orgs/acme/groups': json({ groups: [createGroup({ id: 'grp_ds', name: 'data-science', memberCount: 3 })] }),
};

function projectRoutes(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /projects/p1': json(createProject({ id: 'p1', name: 'churn' })),
    'POST /runs/search': json({ runs: [] }),
    ...organization,
    ...extra,
  });
}

async function openSharing() {
  const view = renderApp('/projects/p1');
  await view.user.click(await screen.findByRole('button', { name: 'Share' }));
  return { ...view, dialog: await screen.findByRole('dialog', { name: 'Sharing' }) };
}

describe('project sharing', () => {
  it('lists the owner and the user and group grants', async () => {
    projectRoutes({ 'GET /projects/p1/grants': json(grants([alice, team])) });
    const { dialog, user } = await openSharing();
    expect(within(dialog).getByRole('heading', { name: 'Sharing' })).toHaveFocus();
    expect(await within(dialog).findByText('olga')).toBeInTheDocument();
    const table = within(dialog).getByRole('table', { name: 'Grants' });
    expect(within(table).getByLabelText('Role of user alice')).toHaveValue('VIEWER');
    expect(within(table).getByLabelText('Role of group data-science')).toHaveValue('EDITOR');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Sharing' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Share' })).toHaveFocus();
  });

  it('adds a group grant, changes a role and revokes a grant', async () => {
    const api = projectRoutes({
      'GET /projects/p1/grants': json(grants([alice])),
      'PUT /projects/p1/grants/:kind/:id': (request) =>
        json(grants(request.params.kind === 'groups' ? [alice, { ...team, role: (request.body as { role: string }).role }] : [{ ...alice, role: 'EDITOR' }])),
      'DELETE /projects/p1/grants/:kind/:id': { status: 204, json: null },
    });
    const { user, dialog } = await openSharing();
    const form = within(dialog).getByRole('form', { name: 'Add a grant' });
    await user.selectOptions(within(form).getByLabelText('Grant to'), 'GROUP');
    const group = within(form).getByLabelText('Group');
    await waitFor(() => expect(group).toBeEnabled());
    await user.selectOptions(group, 'data-science');
    await user.selectOptions(within(form).getByLabelText('Role'), 'MANAGER');
    await user.click(within(form).getByRole('button', { name: 'Grant' }));
    expect(await within(dialog).findByLabelText('Role of group data-science')).toHaveValue('MANAGER');
    expect(api.callsTo('PUT', '/projects/p1/grants/groups/grp_ds')[0].body).toEqual({ role: 'MANAGER' });

    await user.selectOptions(within(dialog).getByLabelText('Role of user alice'), 'EDITOR');
    await waitFor(() => expect(api.callsTo('PUT', '/projects/p1/grants/users/usr_alice')).toHaveLength(1));
    expect(api.callsTo('PUT', '/projects/p1/grants/users/usr_alice')[0].body).toEqual({ role: 'EDITOR' });

    await user.click(within(dialog).getByRole('button', { name: 'Revoke user alice' }));
    await waitFor(() => expect(api.callsTo('DELETE', '/projects/p1/grants/users/usr_alice')).toHaveLength(1));
    await waitFor(() => expect(api.callsTo('GET', '/projects/p1/grants')).toHaveLength(2));
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });

  it("shows the server's errors beside the action", async () => {
    projectRoutes({
      'GET /projects/p1/grants': json(grants([alice])),
      'PUT /projects/p1/grants/users/usr_nobody': problem(createProblem(404, "No member 'usr_nobody' in this organization")),
      'DELETE /projects/p1/grants/users/usr_alice': problem(createProblem(404, 'Project not found')),
    });
    const { user, dialog } = await openSharing();
    const form = within(dialog).getByRole('form', { name: 'Add a grant' });
    const member = within(form).getByLabelText('Member');
    await waitFor(() => expect(member).toBeEnabled());
    await user.selectOptions(member, 'No Body (nobody)');
    await user.click(within(form).getByRole('button', { name: 'Grant' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent("No member 'usr_nobody' in this organization");

    await user.click(within(dialog).getByRole('button', { name: 'Revoke user alice' }));
    const row = within(dialog).getByLabelText('Role of user alice').closest('tr')!;
    expect(await within(row).findByRole('alert')).toHaveTextContent('Project not found');
  });

  it("offers the organization's members and groups by name, and says where groups are made when there are none", async () => {
    const api = projectRoutes({
      'GET /projects/p1/grants': json(grants([])),
      'GET /orgs/acme/groups': json({ groups: [] }),
    });
    const { user, dialog } = await openSharing();
    const form = within(dialog).getByRole('form', { name: 'Add a grant' });
    const member = within(form).getByLabelText('Member');
    await waitFor(() => expect(member).toBeEnabled());
    expect(within(member).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a member…', 'alice', 'No Body (nobody)']);
    expect(within(form).getByRole('button', { name: 'Grant' })).toBeDisabled();
    expect(api.callsTo('GET', '/orgs/acme/groups')).toHaveLength(0);

    await user.selectOptions(within(form).getByLabelText('Grant to'), 'GROUP');
    expect(await within(form).findByText(/No groups yet/)).toBeInTheDocument();
    expect(within(form).getByRole('link', { name: 'Organization' })).toHaveAttribute('href', '/organization');
  });
});
