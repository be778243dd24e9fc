import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';

/** The drawing's transform: screen = content × k + (x, y). */
export interface View {
  x: number;
  y: number;
  k: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 3;
export const ZOOM_STEP = 1.25;
const FIT_PADDING = 24;
/** Below this a fitted graph's labels are unreadable: the first view then centres the root at READABLE_ZOOM. */
const READABLE_ZOOM = 0.75;
const DRAG_THRESHOLD = 4;

const clamp = (k: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

export function fitView(width: number, height: number, viewWidth: number, viewHeight: number): View {
  const k = clamp(Math.min(1, (viewWidth - 2 * FIT_PADDING) / Math.max(1, width), (viewHeight - 2 * FIT_PADDING) / Math.max(1, height)));
  return { k, x: (viewWidth - width * k) / 2, y: (viewHeight - height * k) / 2 };
}

/** Zooms by `factor` keeping the point (px, py) of the viewport where it is. */
export function zoomAt(view: View, factor: number, px: number, py: number): View {
  const k = clamp(view.k * factor);
  const ratio = k / view.k;
  return { k, x: px - (px - view.x) * ratio, y: py - (py - view.y) * ratio };
}

/**
 * Pan (drag the background or a node) and zoom (wheel around the cursor, or the caller's buttons) of a drawing
 * of `width` × `height` inside the `viewport` element. The first view fits the drawing, or, when that would be too small to read,
 * centres `focus` (the root) at a readable zoom. `consumeDrag()` says whether the pointer just dragged, so a click
 * at the end of a drag does not select what it ended on.
 */
export function usePanZoom(viewport: RefObject<HTMLElement | null>, width: number, height: number, focus: { x: number; y: number }) {
  const [size, setSize] = useState({ width: 800, height: 400 });
  const [view, setView] = useState<View | null>(null);
  const drag = useRef<{ id: number; sx: number; sy: number; view: View; moved: boolean } | null>(null);
  const dragged = useRef(false);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return undefined;
    const measure = () => {
      const rect = element.getBoundingClientRect();
      if (rect.width > 0 && rect.height > 0) setSize({ width: rect.width, height: rect.height });
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [viewport]);

  const initial = useCallback((): View => {
    const fitted = fitView(width, height, size.width, size.height);
    if (fitted.k >= READABLE_ZOOM) return fitted;
    const k = READABLE_ZOOM;
    return { k, x: size.width / 2 - focus.x * k, y: size.height / 2 - focus.y * k };
  }, [width, height, size.width, size.height, focus.x, focus.y]);

  const current = view ?? initial();

  useEffect(() => {
    const element = viewport.current;
    if (!element) return undefined;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const factor = Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002));
      setView((v) => zoomAt(v ?? initial(), factor, event.clientX - rect.left, event.clientY - rect.top));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [viewport, initial]);

  const onPointerDown = (event: ReactPointerEvent<HTMLElement>) => {
    if (event.button !== 0) return;
    drag.current = { id: event.pointerId, sx: event.clientX, sy: event.clientY, view: current, moved: false };
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d || d.id !== event.pointerId) return;
    const dx = event.clientX - d.sx;
    const dy = event.clientY - d.sy;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!d.moved) {
      d.moved = true;
      // captured only once it is a drag: a plain click must still reach the node it was made on
      event.currentTarget.setPointerCapture?.(event.pointerId);
    }
    setView({ ...d.view, x: d.view.x + dx, y: d.view.y + dy });
  };
  const onPointerUp = (event: ReactPointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d || d.id !== event.pointerId) return;
    dragged.current = d.moved;
    drag.current = null;
  };

  const zoomBy = (factor: number) => setView(zoomAt(current, factor, size.width / 2, size.height / 2));
  const fit = () => setView(fitView(width, height, size.width, size.height));
  /** Pans so that the box (content coordinates) is in view, centring it if it is not. */
  const reveal = (box: { x: number; y: number; width: number; height: number }) => {
    const left = box.x * current.k + current.x;
    const top = box.y * current.k + current.y;
    const right = left + box.width * current.k;
    const bottom = top + box.height * current.k;
    if (left >= 0 && top >= 0 && right <= size.width && bottom <= size.height) return;
    const cx = (box.x + box.width / 2) * current.k;
    const cy = (box.y + box.height / 2) * current.k;
    setView({ ...current, x: size.width / 2 - cx, y: size.height / 2 - cy });
  };
  const consumeDrag = () => {
    const was = dragged.current;
    dragged.current = false;
    return was;
  };

  return {
    view: current,
    zoomIn: () => zoomBy(ZOOM_STEP),
    zoomOut: () => zoomBy(1 / ZOOM_STEP),
    fit,
    reveal,
    consumeDrag,
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp },
  };
}
