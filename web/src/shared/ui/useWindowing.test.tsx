import { act, fireEvent, render, screen } from '@testing-library/react';
import { useRef } from 'react';
import { useWindowing } from './useWindowing';

function List({ count }: { count: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const view = useWindowing(ref, count, 20, 2);
  return (
    <div ref={ref} onScroll={view.onScroll} data-testid="scroller">
      <div style={{ height: view.padTop }} data-testid="top" />
      <ul>
        {Array.from({ length: view.end - view.start }, (_, i) => (
          <li key={view.start + i}>row {view.start + i}</li>
        ))}
      </ul>
      <div style={{ height: view.padBottom }} data-testid="bottom" />
    </div>
  );
}

describe('useWindowing', () => {
  it('renders only the rows in view plus overscan, with spacers for the rest', () => {
    render(<List count={10_000} />);
    const rows = screen.getAllByRole('listitem');
    // jsdom has no layout: a 640 px viewport is assumed, 32 rows of 20 px, plus 2 overscan
    expect(rows).toHaveLength(34);
    expect(screen.getByTestId('bottom').style.height).toBe(`${(10_000 - 34) * 20}px`);
  });

  it('moves the window when scrolled', () => {
    render(<List count={10_000} />);
    const scroller = screen.getByTestId('scroller');
    act(() => {
      scroller.scrollTop = 100_000;
      fireEvent.scroll(scroller);
    });
    expect(screen.getByText('row 5000')).toBeInTheDocument();
    expect(screen.queryByText('row 0')).not.toBeInTheDocument();
    expect(screen.getByTestId('top').style.height).toBe(`${4998 * 20}px`);
  });
});
