import { screen, waitFor, within } from '@testing-library/react';
import { createProblem, createProject } from '@/testing/data-generators';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, TEST_TOKEN } from '@/testing/render';

describe('projects page', () => {
  it('lists projects with the bearer token, and says what to do when there are none', async () => {
    const api = mockApi({ 'GET /projects': json({ projects: [] }) });
    renderApp('/projects');
    expect(await screen.findByText('No active projects')).toBeInTheDocument();
    expect(api.calls[0].headers.get('Authorization')).toBe(`Bearer ${TEST_TOKEN}`);
  });

  it('creates a project and shows it in the list', async () => {
    const created = createProject({ name: 'churn', description: 'Who leaves' });
    let projects = [createProject({ name: 'fraud' })];
    const api = mockApi({
      'GET /projects': () => json({ projects }),
      'POST /projects': (request) => {
        projects = [created, ...projects];
        expect(request.body).toEqual({ name: 'churn', description: 'Who leaves' });
        return json(created, 201);
      },
    });
    const { user } = renderApp('/projects');
    await screen.findByRole('link', { name: 'fraud' });

    await user.type(screen.getByLabelText('Name'), 'churn');
    await user.type(screen.getByLabelText(/description/i), 'Who leaves');
    await user.click(screen.getByRole('button', { name: 'Create project' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Created churn');
    const table = screen.getByRole('table');
    await waitFor(() => expect(within(table).getByRole('link', { name: 'churn' })).toBeInTheDocument());
    expect(api.callsTo('POST', '/projects')).toHaveLength(1);
  });

  it('shows a refused creation (duplicate name) in the form', async () => {
    mockApi({
      'GET /projects': json({ projects: [] }),
      'POST /projects': problem(createProblem(409, "A project named 'churn' already exists", 'name')),
    });
    const { user } = renderApp('/projects');
    await user.type(await screen.findByLabelText('Name'), 'churn');
    await user.click(screen.getByRole('button', { name: 'Create project' }));

    const form = screen.getByRole('form', { name: 'New project' });
    expect(await within(form).findByRole('alert')).toHaveTextContent("A project named 'churn' already exists (name)");
  });

  it('archives and restores, with errors beside the row that failed', async () => {
    const churn = createProject({ name: 'churn' });
    const fraud = createProject({ name: 'fraud' });
    mockApi({
      'GET /projects': json({ projects: [churn, fraud] }),
      'POST /projects/:id/archive': (request) =>
        request.params.id === fraud.id
          ? problem(createProblem(409, "Project 'fraud' is already archived"))
          : json({ ...churn, archived: true }),
    });
    const { user } = renderApp('/projects');

    await user.click(await screen.findByRole('button', { name: 'Archive fraud' }));
    const fraudRow = screen.getByRole('link', { name: 'fraud' }).closest('tr')!;
    expect(await within(fraudRow).findByRole('alert')).toHaveTextContent("Project 'fraud' is already archived");
    const churnRow = screen.getByRole('link', { name: 'churn' }).closest('tr')!;
    expect(within(churnRow).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('asks for archived projects when the toggle is on, and pages with the next token', async () => {
    const api = mockApi({
      'GET /projects': (request) => {
        if (request.query.get('pageToken') === 'page-2') return json({ projects: [createProject({ name: 'older' })] });
        const archived = request.query.get('includeArchived') === 'true';
        return json({
          projects: [createProject({ name: archived ? 'old-one' : 'new-one', archived })],
          nextPageToken: 'page-2',
        });
      },
    });
    const { user } = renderApp('/projects');
    await screen.findByRole('link', { name: 'new-one' });

    await user.click(screen.getByRole('button', { name: 'Load more projects' }));
    expect(await screen.findByRole('link', { name: 'older' })).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Include archived' }));
    expect(await screen.findByRole('link', { name: 'old-one' })).toBeInTheDocument();
    expect(screen.getByText('archived')).toBeInTheDocument();
    expect(api.calls.some((call) => call.query.get('includeArchived') === 'true')).toBe(true);
  });
});
