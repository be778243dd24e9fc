import { screen, waitFor, within } from '@testing-library/react';
import { createProblem, createProject, createRun } from '@/testing/data-generators';
import { json, mockApi, problem, type MockRequest } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';
import type { Run } from '../types';

const project = createProject({ id: 'p1', name: 'churn' });

function setup(runs: Run[], search?: (request: MockRequest) => ReturnType<typeof json>) {
  const api = mockApi({
    'GET /projects/p1': json(project),
    'POST /runs/search': search ?? (() => json({ runs })),
  });
  return { api, ...renderApp('/projects/p1') };
}

describe('runs table of a project', () => {
  it('shows each run with status, name and the first metrics and params as columns', async () => {
    const run = createRun({ name: 'baseline', status: 'RUNNING', projectId: 'p1' });
    const { api } = setup([run]);

    const table = await screen.findByRole('table');
    const row = within(table).getByRole('link', { name: 'baseline' }).closest('tr')!;
    expect(within(row).getByText('running')).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'acc' })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'lr' })).toBeInTheDocument();
    expect(within(row).getByText('0.93')).toBeInTheDocument();
    expect(api.callsTo('POST', '/runs/search')[0].body).toEqual({ projectIds: ['p1'], maxResults: 1000 });
  });

  it('searches on the server with the filter typed, and shows a refused filter beside the box', async () => {
    const { user, api } = setup([], (request) => {
      const body = request.body as { filter?: string };
      if (body.filter === 'metrics.acc >') {
        return problem(createProblem(400, "Expected a value after '>' at position 13", 'filter'));
      }
      return json({ runs: body.filter ? [createRun({ name: 'good' })] : [] });
    });
    expect(await screen.findByText('No runs in this project yet')).toBeInTheDocument();

    const box = screen.getByRole('textbox', { name: 'Filter runs' });
    await user.type(box, 'metrics.acc > 0.9');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('link', { name: 'good' })).toBeInTheDocument();
    expect(api.calls.at(-1)!.body).toMatchObject({ filter: 'metrics.acc > 0.9' });

    await user.clear(box);
    await user.type(box, 'metrics.acc >');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Expected a value after '>' at position 13 (filter)");
    expect(screen.getByRole('region', { name: 'Runs' })).toContainElement(alert);
    expect(box).toHaveAccessibleDescription("Expected a value after '>' at position 13 (filter)");
    expect(box).toHaveAttribute('aria-invalid', 'true');
  });

  it('orders on the server when a column header is clicked: descending, ascending, then default', async () => {
    const { user, api } = setup([createRun({ name: 'a' })]);
    await screen.findByRole('link', { name: 'a' });

    await user.click(screen.getByRole('button', { name: 'acc' }));
    await waitFor(() => expect(api.calls.at(-1)!.body).toMatchObject({ orderBy: ['metrics.acc DESC'] }));
    expect(screen.getByRole('columnheader', { name: /acc/ })).toHaveAttribute('aria-sort', 'descending');

    await user.click(screen.getByRole('button', { name: /acc/ }));
    await waitFor(() => expect(api.calls.at(-1)!.body).toMatchObject({ orderBy: ['metrics.acc ASC'] }));

    // back to the default order (newest first), whose answer is still cached
    await user.click(screen.getByRole('button', { name: /acc/ }));
    await waitFor(() => expect(screen.getByRole('columnheader', { name: /Started/ })).toHaveAttribute('aria-sort', 'descending'));
    expect(screen.getByRole('columnheader', { name: /acc/ })).toHaveAttribute('aria-sort', 'none');
  });

  it('adds a tag column from the column chooser and remembers it', async () => {
    const { user } = setup([createRun({ name: 'a', tags: { team: 'risk' } })]);
    await screen.findByRole('link', { name: 'a' });

    await user.click(screen.getByText(/^Columns/));
    await user.click(within(screen.getByRole('group', { name: 'Choose columns' })).getByRole('checkbox', { name: 'team' }));
    expect(screen.getByRole('columnheader', { name: 'team' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'risk' })).toBeInTheDocument();
    expect(JSON.parse(window.localStorage.getItem('cairn.runColumns.p1')!)).toContain('tags.team');
  });

  it('compares the selected runs', async () => {
    const [a, b, c] = [createRun({ name: 'a' }), createRun({ name: 'b' }), createRun({ name: 'c' })];
    const { user } = setup([a, b, c]);
    await screen.findByRole('link', { name: 'a' });
    expect(screen.getByRole('button', { name: 'Compare' })).toBeDisabled();

    await user.click(screen.getByRole('checkbox', { name: 'Select run a' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select run c' }));
    const compare = screen.getByRole('link', { name: 'Compare 2 runs' });
    expect(compare).toHaveAttribute('href', `/compare?runs=${a.id},${c.id}`);

    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded runs' }));
    expect(screen.getByRole('link', { name: 'Compare 3 runs' })).toBeInTheDocument();
  });

  it('selects a range with shift-click, and refuses to compare more runs than a chart can show', async () => {
    const runs = Array.from({ length: 30 }, (_, i) => createRun({ name: `r${i}` }));
    const { user } = setup(runs);
    await user.click(await screen.findByRole('checkbox', { name: 'Select run r0' }));
    await user.keyboard('{Shift>}');
    await user.click(screen.getByRole('checkbox', { name: 'Select run r4' }));
    await user.keyboard('{/Shift}');
    expect(screen.getByRole('link', { name: 'Compare 5 runs' })).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded runs' }));
    expect(screen.getByRole('button', { name: 'Compare' })).toBeDisabled();
    expect(screen.getByText(/30 selected \(compare takes at most 25\)/)).toBeInTheDocument();
  });

  it('renders only a window of rows when 10,000 runs are loaded', async () => {
    const runs = Array.from({ length: 10_000 }, (_, i) => createRun({ name: `run-${i}` }));
    const pages = [runs.slice(0, 1000)];
    const started = performance.now();
    setup([], () => json({ runs: pages[0] }));
    await screen.findByRole('link', { name: 'run-0' });
    const rendered = screen.getAllByRole('checkbox', { name: /^Select run/ });
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(60);
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '1001');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
