import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

/**
 * Row windowing for long, fixed-height lists: only the rows in view (plus `overscan` either side) are rendered;
 * spacers before and after keep the scroll height right. Enough to scroll 10,000 runs smoothly.
 */
export interface Window {
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
  onScroll: () => void;
}

/** Height assumed when layout reports none (jsdom in tests, a hidden tab). */
const FALLBACK_VIEWPORT = 640;

export function useWindowing(
  container: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan = 8,
): Window {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);

  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const measure = () => setViewport(element.clientHeight || FALLBACK_VIEWPORT);
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [container]);

  const onScroll = useCallback(() => {
    const element = container.current;
    if (element) setScrollTop(element.scrollTop);
  }, [container]);

  const first = Math.floor(scrollTop / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + Math.ceil(viewport / rowHeight) + overscan);
  return {
    start,
    end: Math.max(start, end),
    padTop: start * rowHeight,
    padBottom: Math.max(0, (count - Math.max(start, end)) * rowHeight),
    onScroll,
  };
}
