import { screen, waitFor, within } from '@testing-library/react';
import { createArtifact, createMetricSeries, createProblem, createProject, createRun } from '@/testing/data-generators';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, TEST_TOKEN } from '@/testing/render';

const project = createProject({ id: 'p1', name: 'churn' });

describe('run page', () => {
  it('shows overview, params, tags, latest metrics with a chart per key, and artifacts', async () => {
    const run = createRun({
      id: 'r1',
      projectId: 'p1',
      name: 'baseline',
      params: { lr: '0.01' },
      tags: { team: 'risk' },
      metrics: { 'train/loss': { value: 0.4, step: 2, timestamp: 0 } },
      artifacts: { count: 1, totalSize: 2048 },
      source: { gitRepo: 'https://git.example.com/churn.git', gitCommit: '4f2a9c1d', dirty: false },
    });
    const api = mockApi({
      'GET /projects/p1': json(project),
      'GET /runs/r1': json(run),
      'GET /runs/r1/metrics/*': json(createMetricSeries('train/loss', [0.9, 'NaN', 0.4])),
      'GET /runs/r1/artifacts': json({ artifacts: [createArtifact({ path: 'model/model.zip', size: 2048 })] }),
      'GET /lineage/run/r1': (request) =>
        json({ root: { kind: 'run', id: 'r1' }, direction: request.query.get('direction'), depth: 3, truncated: false,
          nodes: [{ kind: 'run', id: 'r1', distance: 0, properties: {}, eventId: 'e1', actor: 'usr_admin', time: 0 }], edges: [] }),
    });
    renderApp('/runs/r1');

    expect(await screen.findByRole('heading', { name: /baseline/ })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'churn' })).toHaveAttribute('href', '/projects/p1');
    expect(screen.getByText(/git\.example\.com\/churn\.git @ 4f2a9c1d/)).toBeInTheDocument();

    const params = screen.getByRole('table', { name: 'Params' });
    expect(within(params).getByRole('rowheader', { name: 'lr' })).toBeInTheDocument();
    expect(within(params).getByRole('cell', { name: '0.01' })).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Tags' })).getByRole('cell', { name: 'risk' })).toBeInTheDocument();

    expect(await screen.findByText(/3 points · last 0.4 at step 2/)).toBeInTheDocument();
    const chart = screen.getByRole('figure', { name: 'train/loss' });
    expect(within(chart).getByTestId('chart-canvas')).toBeInTheDocument();
    const history = api.calls.find((call) => call.path.startsWith('/runs/r1/metrics/'))!;
    expect(history.path).toBe('/runs/r1/metrics/train/loss');
    expect(history.query.get('maxPoints')).toBe('1000');

    expect(await screen.findByRole('cell', { name: 'model/model.zip' })).toBeInTheDocument();

    const lineage = screen.getByRole('region', { name: 'Lineage' });
    expect(await within(lineage).findByText('Nothing upstream')).toBeInTheDocument();
    expect(within(lineage).getByRole('link', { name: 'Open in lineage explorer' })).toHaveAttribute('href', '/lineage/run/r1');
  });

  it('downloads an artifact with the token, and shows a failed download beside its button', async () => {
    const run = createRun({ id: 'r1', metrics: {} });
    const saved: string[] = [];
    URL.createObjectURL = vi.fn(() => 'blob:fake');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const api = mockApi({
      'GET /projects/:id': json(project),
      'GET /runs/r1': json(run),
      'GET /runs/r1/artifacts': json({
        artifacts: [createArtifact({ path: 'model/model.zip' }), createArtifact({ path: 'gone.txt' })],
      }),
      'GET /runs/r1/artifacts/model/model.zip': { blob: new Blob(['zip-bytes']) },
      'GET /runs/r1/artifacts/gone.txt': problem(createProblem(404, "Artifact 'gone.txt' not found")),
    });
    const { user } = renderApp('/runs/r1');

    await user.click(await screen.findByRole('button', { name: 'Download model/model.zip' }));
    await waitFor(() => expect(saved).toEqual(['model.zip']));
    const download = api.callsTo('GET', '/runs/r1/artifacts/model/model.zip')[0];
    expect(download.headers.get('Authorization')).toBe(`Bearer ${TEST_TOKEN}`);

    await user.click(screen.getByRole('button', { name: 'Download gone.txt' }));
    const row = screen.getByRole('cell', { name: 'gone.txt' }).closest('tr')!;
    expect(await within(row).findByRole('alert')).toHaveTextContent("Artifact 'gone.txt' not found");
  });

  it('refreshes the charts while the run is running', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let points = [0.9, 0.8];
      const running = createRun({ id: 'r1', status: 'RUNNING', endTime: undefined, metrics: { loss: { value: 0.8, step: 1, timestamp: 0 } } });
      mockApi({
        'GET /projects/:id': json(project),
        'GET /runs/r1': json(running),
        'GET /runs/r1/metrics/loss': () => json(createMetricSeries('loss', points)),
        'GET /runs/r1/artifacts': json({ artifacts: [] }),
      });
      renderApp('/runs/r1');
      expect(await screen.findByText(/2 points · last 0.8 at step 1/)).toBeInTheDocument();
      expect(screen.getByText(/Live: refreshing/)).toBeInTheDocument();

      points = [0.9, 0.8, 0.7];
      await vi.advanceTimersByTimeAsync(3500);
      expect(await screen.findByText(/3 points · last 0.7 at step 2/)).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows the API's detail when the run does not exist", async () => {
    mockApi({ 'GET /runs/nope': problem(createProblem(404, "Run 'nope' not found")) });
    renderApp('/runs/nope');
    expect(await screen.findByRole('alert')).toHaveTextContent("Run 'nope' not found");
  });
});
