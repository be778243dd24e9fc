import { screen, waitFor, within } from '@testing-library/react';
import { createProblem, createRun, createSearchResult } from '@/testing/data-generators';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';

const hits = [
  createSearchResult({ kind: 'run', id: 'r1', name: 'resnet baseline', highlights: [{ field: 'name', snippet: '<em>resnet</em> baseline' }] }),
  createSearchResult({
    kind: 'project',
    id: 'p1',
    name: 'vision',
    highlights: [{ field: 'description', snippet: 'ResNet &amp; friends: <em>resnet</em>-50' }],
  }),
  createSearchResult({ kind: 'model', id: 'm1', name: 'resnet-classifier', status: null, highlights: [] }),
];

const projectsPage = { 'GET /projects': json({ projects: [] }) };

describe('global search box', () => {
  it('shows the hits grouped by kind with the matching words marked, after typing pauses', async () => {
    const api = mockApi({ ...projectsPage, 'GET /search': json({ results: hits }) });
    const { user } = renderApp('/projects');
    const box = await screen.findByRole('combobox', { name: /search projects, runs/i });
    expect(box).toHaveAttribute('aria-expanded', 'false');

    await user.type(box, 'resnet');
    const list = await screen.findByRole('listbox', { name: 'Search results' });
    expect(box).toHaveAttribute('aria-expanded', 'true');
    expect(box).toHaveAttribute('aria-controls', list.id);
    const groups = await within(list).findAllByRole('group');
    expect(groups.map((group) => group.getAttribute('aria-labelledby') && document.getElementById(group.getAttribute('aria-labelledby')!)?.textContent)).toEqual([
      'Projects',
      'Runs',
      'Models',
    ]);
    const run = within(within(list).getByRole('group', { name: 'Runs' })).getByRole('option');
    expect(within(run).getByText('resnet', { selector: 'mark' })).toBeInTheDocument();
    const project = within(list).getByRole('group', { name: 'Projects' });
    expect(within(project).getByRole('option')).toHaveTextContent('description ResNet & friends: resnet-50');
    expect(within(list).getByRole('option', { name: /see all results for “resnet”/i })).toBeInTheDocument();

    // one call for the whole word: typing is debounced
    const searches = api.callsTo('GET', '/search');
    expect(searches).toHaveLength(1);
    expect(searches[0].query.get('q')).toBe('resnet');
  });

  it('moves through the options with the arrow keys and opens the active one with Enter', async () => {
    mockApi({
      ...projectsPage,
      'GET /search': json({ results: hits }),
      'GET /runs/r1': json(createRun({ id: 'r1', metrics: {} })),
    });
    const { user, router } = renderApp('/projects');
    const box = await screen.findByRole('combobox', { name: /search projects/i });
    await user.type(box, 'resnet');
    await screen.findByRole('listbox');

    await user.keyboard('{ArrowDown}');
    const first = screen.getAllByRole('option')[0];
    expect(box).toHaveAttribute('aria-activedescendant', first.id);
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(first).toHaveTextContent('vision');

    await user.keyboard('{ArrowDown}');
    const second = screen.getAllByRole('option')[1];
    expect(box).toHaveAttribute('aria-activedescendant', second.id);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    // wraps around to "see all results"
    expect(screen.getAllByRole('option').at(-1)).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/runs/r1'));
    expect(box).toHaveAttribute('aria-expanded', 'false');
  });

  it('closes with Escape, clears with a second Escape, and opens the results page on Enter', async () => {
    mockApi({ ...projectsPage, 'GET /search': json({ results: hits }) });
    const { user, router } = renderApp('/projects');
    const box = await screen.findByRole('combobox', { name: /search projects/i });
    await user.type(box, 'resnet');
    await screen.findByRole('listbox');
    await waitFor(() => expect(box).toHaveAttribute('aria-expanded', 'true'));
    await user.keyboard('{Escape}');
    expect(box).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{Escape}');
    expect(box).toHaveValue('');

    await user.type(box, 'status:finished{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/search'));
    expect(router.state.location.search).toBe('?q=status%3Afinished');
  });

  it("shows the problem's detail when search is unavailable", async () => {
    mockApi({
      ...projectsPage,
      'GET /search': problem(createProblem(503, 'Search is unavailable: Elasticsearch cannot be reached; retry later')),
    });
    const { user } = renderApp('/projects');
    await user.type(await screen.findByRole('combobox', { name: /search projects/i }), 'resnet');
    expect(await screen.findByRole('alert')).toHaveTextContent('Search is unavailable: Elasticsearch cannot be reached');
  });
});

describe('search results page', () => {
  it('lists the hits best first with their kind and loads more pages', async () => {
    const api = mockApi({
      'GET /search': (request) =>
        request.query.get('pageToken') === 't2'
          ? json({ results: [createSearchResult({ kind: 'dataset', id: 'd1', name: 'resnet-images' })] })
          : json({ results: hits, nextPageToken: 't2' }),
    });
    const { user } = renderApp('/search?q=resnet');
    expect(await screen.findByRole('heading', { name: 'Search' })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search query' })).toHaveValue('resnet');
    const links = await screen.findAllByRole('link', { name: /resnet|vision/ });
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/runs/r1', '/projects/p1', '/models/m1']);
    expect(screen.getByText('3 results so far')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load more results' }));
    expect(await screen.findByRole('link', { name: 'resnet-images' })).toHaveAttribute('href', '/datasets/d1');
    expect(screen.queryByRole('button', { name: 'Load more results' })).not.toBeInTheDocument();
    expect(api.callsTo('GET', '/search')[0].query.get('maxResults')).toBe('25');
  });

  it("shows a refused query's detail and a new query goes to the URL", async () => {
    mockApi({
      'GET /search': (request) =>
        request.query.get('q') === 'colour:red'
          ? problem(createProblem(400, "Unknown field 'colour' in the query", 'q'))
          : json({ results: [] }),
    });
    const { user, router } = renderApp('/search?q=colour:red');
    expect(await screen.findByRole('alert')).toHaveTextContent("Unknown field 'colour' in the query (q)");
    const input = screen.getByRole('searchbox', { name: 'Search query' });
    await user.clear(input);
    await user.type(input, 'nothing-here');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(router.state.location.search).toBe('?q=nothing-here'));
    expect(await screen.findByText('Nothing matches “nothing-here”')).toBeInTheDocument();
  });
});
