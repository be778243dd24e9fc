import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRun } from '@/testing/data-generators';
import { ParallelCoordinates } from './ParallelCoordinates';

const metric = (value: number | 'NaN') => ({ value, step: 1, timestamp: 0 });
const runs = [
  createRun({ id: 'a', name: 'small-lr', params: { lr: '0.01', optimizer: 'adam', seed: '1' }, metrics: { loss: metric(0.5), acc: metric(0.9) } }),
  createRun({ id: 'b', name: 'big-lr', params: { lr: '0.1', optimizer: 'sgd', seed: '1' }, metrics: { loss: metric(0.25) } }),
  createRun({ id: 'c', name: 'no-lr', params: { optimizer: 'adam', seed: '1' }, metrics: { loss: metric('NaN'), acc: metric(0.7) } }),
];
const colors = ['#3b82f6', '#f97316', '#10b981'];

function renderPlot() {
  const user = userEvent.setup();
  const view = render(<ParallelCoordinates runs={runs} colors={colors} />);
  const lines = () => [...view.container.querySelectorAll<SVGGElement>('[data-run-id]')];
  const axes = () => [...view.container.querySelectorAll<SVGGElement>('[data-axis]')].map((axis) => axis.dataset.axis);
  return { user, lines, axes, ...view };
}

describe('parallel coordinates', () => {
  it('draws an axis per differing param and per metric, and a line per run in its colour', () => {
    const { lines, axes } = renderPlot();
    // seed is the same in every run, so it is left out at first
    expect(axes()).toEqual(['param:lr', 'param:optimizer', 'metric:acc', 'metric:loss']);
    expect(screen.getByRole('checkbox', { name: /param seed/ })).not.toBeChecked();
    expect(lines().map((line) => line.dataset.runId)).toEqual(['a', 'b', 'c']);
    expect(lines().map((line) => line.querySelector('.pc-line')!.getAttribute('stroke'))).toEqual(colors);
    expect(screen.getByRole('img', { name: /Parallel coordinates of 3 runs over lr, optimizer, acc, loss/ })).toBeInTheDocument();
  });

  it('puts numbers on a linear scale and other values on categories', () => {
    const { container } = renderPlot();
    const ticks = (id: string) => [...container.querySelectorAll(`[data-axis="${id}"] .pc-tick`)].map((tick) => tick.textContent);
    expect(ticks('param:lr')).toEqual(['0.01', '0.0325', '0.055', '0.0775', '0.1', 'n/a']);
    expect(ticks('param:optimizer')).toEqual(['adam', 'sgd']);
    expect(ticks('metric:loss')).toEqual(['0.25', '0.3125', '0.375', '0.4375', '0.5', 'n/a']);
  });

  it('draws a missing value on the axis\' n/a slot with a hollow marker, and says so in the table', () => {
    const { lines } = renderPlot();
    const noLr = lines()[2];
    // lr missing, loss NaN: two markers; one polyline through all four axes
    expect(noLr.querySelectorAll('.pc-missing')).toHaveLength(2);
    expect(noLr.querySelector('.pc-line')!.getAttribute('points')!.split(' ')).toHaveLength(4);
    const bigLr = lines()[1];
    expect(bigLr.querySelectorAll('.pc-missing')).toHaveLength(1);

    const table = screen.getByRole('table', { name: 'Parallel coordinates values' });
    const row = within(table).getByRole('button', { name: 'no-lr' }).closest('tr')!;
    expect(within(row).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['— missing', 'adam', '0.7', 'NaN (not plotted)']);
  });

  it('highlights a run on hover of its line, and on focus or click in the list, naming it', async () => {
    const { user, lines } = renderPlot();
    await user.hover(lines()[1].querySelector('.pc-hit')!);
    expect(screen.getByText('big-lr', { selector: 'strong' })).toBeInTheDocument();
    expect(lines().find((line) => line.dataset.runId === 'b')).toHaveClass('active');
    expect(lines().find((line) => line.dataset.runId === 'a')).toHaveClass('dimmed');
    await user.unhover(lines()[2].querySelector('.pc-hit')!);

    await user.tab();
    const focused = document.activeElement as HTMLElement;
    expect(focused).toHaveAccessibleName('param lr');
    act(() => screen.getByRole('button', { name: 'small-lr' }).focus());
    expect(screen.getByText('small-lr', { selector: 'strong' })).toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'small-lr' })).toHaveAttribute('aria-pressed', 'true');
    act(() => screen.getByRole('button', { name: 'small-lr' }).blur());
    expect(screen.getByText(/kept highlighted/)).toBeInTheDocument();
    expect(lines().find((line) => line.dataset.runId === 'a')).toHaveClass('active');
  });

  it('changes its axes with the axis checkboxes and asks for two at least', async () => {
    const { user, axes } = renderPlot();
    await user.click(screen.getByRole('checkbox', { name: /param seed/ }));
    expect(axes()).toContain('param:seed');
    for (const name of [/param lr/, /param optimizer/, /param seed/, /metric acc/]) await user.click(screen.getByRole('checkbox', { name }));
    expect(axes()).toEqual([]);
    expect(screen.getByText('Pick at least two axes.')).toBeInTheDocument();
  });
});
