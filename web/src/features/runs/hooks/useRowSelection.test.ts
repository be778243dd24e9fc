import { act, renderHook } from '@testing-library/react';
import { useRowSelection } from './useRowSelection';

describe('useRowSelection', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];

  it('toggles single rows and selects a range with shift', () => {
    const { result } = renderHook(() => useRowSelection(ids));
    act(() => result.current.toggle(1));
    act(() => result.current.toggle(3, { shiftKey: true }));
    expect([...result.current.selected].sort()).toEqual(['b', 'c', 'd']);

    act(() => result.current.toggle(2));
    expect([...result.current.selected].sort()).toEqual(['b', 'd']);
  });

  it('selects and clears all', () => {
    const { result } = renderHook(() => useRowSelection(ids));
    act(() => result.current.setAll(true));
    expect(result.current.selected.size).toBe(5);
    act(() => result.current.clear());
    expect(result.current.selected.size).toBe(0);
  });
});
