import { screen, within } from '@testing-library/react';
import { createMetricSeries, createProject, createRun } from '@/testing/data-generators';
import { json, mockApi } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';

describe('compare runs', () => {
  it('overlays each metric of the runs on one chart and diffs their params', async () => {
    const a = createRun({ id: 'a1', name: 'small-lr', projectId: 'p1', params: { lr: '0.01', epochs: '10' } });
    const b = createRun({ id: 'b2', name: 'big-lr', projectId: 'p1', params: { lr: '0.1', epochs: '10' } });
    mockApi({
      'GET /projects/p1': json(createProject({ id: 'p1', name: 'churn' })),
      'GET /runs/:id': (request) => json(request.params.id === 'a1' ? a : b),
      'GET /runs/:id/metrics/:key': (request) => json(createMetricSeries(request.params.key, [1, 0.5, 0.25])),
    });
    const { user } = renderApp('/compare?runs=a1,b2');

    expect(await screen.findByRole('heading', { name: 'Compare runs' })).toBeInTheDocument();
    expect(await screen.findByText('2 of 2 runs logged loss')).toBeInTheDocument();
    expect(within(screen.getByRole('figure', { name: 'loss' })).getByTestId('chart-canvas')).toBeInTheDocument();

    const params = screen.getByRole('table', { name: 'Params' });
    expect(within(params).getByRole('columnheader', { name: 'small-lr' })).toBeInTheDocument();
    const lrRow = within(params).getByRole('rowheader', { name: /lr/ }).closest('tr')!;
    expect(lrRow).toHaveClass('differs');
    expect(within(lrRow).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['0.01', '0.1']);

    expect(screen.getByRole('img', { name: /Parallel coordinates of 2 runs over lr, acc, loss/ })).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Only differences' }));
    expect(within(params).queryByRole('rowheader', { name: 'epochs' })).not.toBeInTheDocument();
    expect(within(params).getByRole('rowheader', { name: /lr/ })).toBeInTheDocument();
  });

  it('explains how to pick runs when fewer than two are given', async () => {
    mockApi({ 'GET /runs/:id': json(createRun({ id: 'a1' })), 'GET /projects/:id': json(createProject()) });
    renderApp('/compare?runs=a1');
    expect(await screen.findByText('Pick at least two runs to compare')).toBeInTheDocument();
  });
});
