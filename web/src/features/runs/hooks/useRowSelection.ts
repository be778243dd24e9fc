import { useCallback, useRef, useState, type MouseEvent } from 'react';

/** Multi-select over an ordered list of ids; shift-click selects the range since the last click. */
export function useRowSelection(ids: string[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<number | null>(null);

  const toggle = useCallback(
    (index: number, event?: MouseEvent | { shiftKey: boolean }) => {
      const id = ids[index];
      const previous = anchor.current; // read now: the updater below runs later, after the anchor moved
      setSelected((current) => {
        const next = new Set(current);
        const on = !current.has(id);
        if (event?.shiftKey && previous !== null) {
          const [from, to] = previous < index ? [previous, index] : [index, previous];
          for (let i = from; i <= to; i += 1) {
            if (on) next.add(ids[i]);
            else next.delete(ids[i]);
          }
        } else if (on) next.add(id);
        else next.delete(id);
        return next;
      });
      anchor.current = index;
    },
    [ids],
  );

  const setAll = useCallback((on: boolean) => setSelected(on ? new Set(ids) : new Set()), [ids]);
  const clear = useCallback(() => setSelected(new Set()), []);

  return { selected, toggle, setAll, clear };
}
