import { fireEvent, screen, waitFor } from '@testing-library/react';
import uPlot from 'uplot';
import { createMetricSeries, createProject, createRun } from '@/testing/data-generators';
import { json, mockApi } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';

/** What the uPlot stand-in (testing/setup.ts) was last asked to draw. */
interface RecordedPlot {
  data: (number | null)[][];
  opts: { series: { label?: string; stroke?: string }[]; scales: { x: { time: boolean } }; axes: { label?: string }[] };
  scales: { x: { min: number | null; max: number | null } };
}
const plots = () => (uPlot as unknown as { instances: RecordedPlot[] }).instances;
const lastPlot = () => plots()[plots().length - 1];

const series = createMetricSeries('loss', [4, 2, 'NaN', 1]);
const t0 = series.points[0].timestamp;

function renderRun(path = '/runs/r1') {
  mockApi({
    'GET /projects/:id': json(createProject({ id: 'p1' })),
    'GET /runs/r1': json(createRun({ id: 'r1', projectId: 'p1', metrics: { loss: { value: 1, step: 3, timestamp: t0 + 3000 } } })),
    'GET /runs/r1/metrics/loss': json(series),
    'GET /runs/r1/artifacts': json({ artifacts: [] }),
  });
  return renderApp(path);
}

describe('chart settings', () => {
  it('switches the x axis between step, wall time and time since the first point, in the URL', async () => {
    const { user, router } = renderRun();
    await screen.findByText(/4 points · last 1 at step 3/);
    expect(screen.getByRole('radio', { name: 'Step' })).toBeChecked();
    expect(lastPlot().data[0]).toEqual([0, 1, 2, 3]);
    expect(lastPlot().opts.axes[0].label).toBe('step');

    await user.click(screen.getByRole('radio', { name: 'Wall time' }));
    await waitFor(() => expect(lastPlot().data[0]).toEqual([0, 1, 2, 3].map((s) => t0 / 1000 + s)));
    expect(lastPlot().opts.scales.x.time).toBe(true);
    expect(router.state.location.search).toBe('?x=wall');

    await user.click(screen.getByRole('radio', { name: 'Relative time' }));
    await waitFor(() => expect(lastPlot().data[0]).toEqual([0, 1, 2, 3]));
    expect(lastPlot().opts.scales.x.time).toBe(false);
    expect(lastPlot().opts.axes[0].label).toBe('time since first point');
    expect(router.state.location.search).toBe('?x=relative');

    await user.click(screen.getByRole('radio', { name: 'Step' }));
    await waitFor(() => expect(lastPlot().opts.axes[0].label).toBe('step'));
    expect(router.state.location.search).toBe('');
  });

  it('keeps the zoom when the chart is rebuilt on the same axis', async () => {
    renderRun();
    await screen.findByText(/4 points · last 1 at step 3/);
    lastPlot().scales.x = { min: 1, max: 2 };
    fireEvent.change(screen.getByRole('slider', { name: 'Smoothing' }), { target: { value: '0.5' } });
    await waitFor(() => expect(lastPlot().data).toHaveLength(3));
    expect(lastPlot().scales.x).toEqual({ min: 1, max: 2 });
  });

  it('smooths every line over its faint raw values, remembered in the URL', async () => {
    const { router } = renderRun();
    await screen.findByText(/4 points · last 1 at step 3/);
    const slider = screen.getByRole('slider', { name: 'Smoothing' });
    expect(slider).toHaveValue('0');
    expect(screen.getByText('off')).toBeInTheDocument();
    expect(lastPlot().data).toHaveLength(2);

    fireEvent.change(slider, { target: { value: '0.5' } });
    await waitFor(() => expect(lastPlot().data).toHaveLength(3));
    expect(screen.getByText('0.50')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?smoothing=0.5');
    const [xs, raw, smoothed] = lastPlot().data;
    expect(xs).toEqual([0, 1, 2, 3]);
    expect(raw).toEqual([4, 2, null, 1]);
    expect(smoothed[0]).toBe(4);
    // the average after 4 is 2 (debiased: 4); after 2 it is 0.5·2 + 0.5·2, debiased / (1 − 0.25)
    expect(smoothed[1]).toBeCloseTo(8 / 3, 10);
    expect(smoothed[2]).toBeNull();
    const labels = lastPlot().opts.series.map((s) => s.label);
    expect(labels).toEqual(['step', 'loss (raw)', 'loss']);
    expect(lastPlot().opts.series[1].stroke).toMatch(/^#[0-9a-f]{8}$/i);
  });

  it('opens with the settings of the URL', async () => {
    renderRun('/runs/r1?x=relative&smoothing=0.8');
    await screen.findByText(/4 points · last 1 at step 3/);
    expect(screen.getByRole('radio', { name: 'Relative time' })).toBeChecked();
    expect(screen.getByRole('slider', { name: 'Smoothing' })).toHaveValue('0.8');
    expect(lastPlot().data).toHaveLength(3);
  });
});

describe('compare charts', () => {
  it('give each run its colour and follow the x axis and smoothing', async () => {
    const a = createRun({ id: 'a1', name: 'no-loss', projectId: 'p1', metrics: {} });
    const b = createRun({ id: 'b2', name: 'with-loss', projectId: 'p1', metrics: { loss: { value: 1, step: 3, timestamp: t0 } } });
    mockApi({
      'GET /projects/p1': json(createProject({ id: 'p1' })),
      'GET /runs/:id': (request) => json(request.params.id === 'a1' ? a : b),
      'GET /runs/:id/metrics/:key': json(series),
    });
    const { user } = renderApp('/compare?runs=a1,b2&smoothing=0.3');
    await screen.findByText('1 of 2 runs logged loss');
    // the second run keeps the second colour although the first has no line on this chart
    expect(lastPlot().opts.series.map((s) => s.stroke)).toEqual([undefined, '#f9731647', '#f97316']);
    await user.click(screen.getByRole('radio', { name: 'Relative time' }));
    await waitFor(() => expect(lastPlot().opts.axes[0].label).toBe('time since first point'));
  });
});
