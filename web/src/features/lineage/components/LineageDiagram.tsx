import { memo, useId, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { useNavigate } from 'react-router';
import { usePanZoom } from '../hooks/usePanZoom';
import { NODE_HEIGHT, NODE_WIDTH, type GraphLayout, type PlacedEdge, type PlacedNode } from '../lib/layout';
import { kindLabel, nodeLabel } from '../lib/nodes';
import { shapePath } from '../lib/shapes';
import type { LineageNode } from '../types';
import { GraphDetails, type Shown } from './GraphDetails';
import { GraphLegend } from './GraphLegend';

/** Below this zoom the labels are too small to read and are not drawn (the details panel still names everything). */
const SMALL_ZOOM = 0.35;

/**
 * Where an edge is drawn: from the right side of its upstream node to the left side of its downstream one. Its label
 * sits at the end where edges fan out (beside the node with one edge, where the lines are apart), so that the
 * labels of a node's many edges do not pile up on each other.
 */
function edgeGeometry(edge: PlacedEdge, labelAt: 'start' | 'middle' | 'end') {
  const x1 = edge.from.x + NODE_WIDTH;
  const y1 = edge.from.y + NODE_HEIGHT / 2;
  const x2 = edge.to.x;
  const y2 = edge.to.y + NODE_HEIGHT / 2;
  const dx = (x2 - x1) / 2;
  const label = {
    start: { x: x1 + 6, y: y1 - 5, anchor: 'start' as const },
    middle: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 5, anchor: 'middle' as const },
    end: { x: x2 - 12, y: y2 - 5, anchor: 'end' as const },
  }[labelAt];
  return { d: `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`, label };
}

const GraphEdge = memo(function GraphEdge({ edge, active, marker, labelAt }: { edge: PlacedEdge; active: boolean; marker: string; labelAt: 'start' | 'middle' | 'end' }) {
  const { d, label } = edgeGeometry(edge, labelAt);
  return (
    <g className={`graph-edge${active ? ' active' : ''}`} data-edge={edge.key}>
      <path className="edge-hit" d={d} />
      <path className="edge-line" d={d} markerEnd={`url(#${marker}${active ? '-active' : ''})`} />
      <text className="edge-label" x={label.x} y={label.y} textAnchor={label.anchor}>
        {edge.edge.relation}
      </text>
    </g>
  );
});

function describeNode(placed: PlacedNode, isRoot: boolean) {
  const steps = Math.abs(placed.column);
  const where = isRoot ? 'this node' : `${steps} ${steps === 1 ? 'step' : 'steps'} ${placed.column < 0 ? 'upstream' : 'downstream'}`;
  return `${kindLabel(placed.node.kind)} ${nodeLabel(placed.node)}, ${where}`;
}

const GraphNode = memo(function GraphNode({ placed, isRoot, selected, tabbable, clip }: { placed: PlacedNode; isRoot: boolean; selected: boolean; tabbable: boolean; clip: string }) {
  const { node } = placed;
  // The name is the visible text (kind, then name) and where the node is; a long name is clipped at the node's edge,
  // not cut short, so the visible text stays part of the name.
  return (
    <g
      className={`graph-node kind-${node.kind}${isRoot ? ' root' : ''}${selected ? ' selected' : ''}`}
      transform={`translate(${placed.x} ${placed.y})`}
      role="button"
      tabIndex={tabbable ? 0 : -1}
      aria-label={describeNode(placed, isRoot)}
      data-node={placed.key}
    >
      <path className="focus-ring" d={shapePath(node.kind, NODE_WIDTH + 10, NODE_HEIGHT + 10)} transform="translate(-5 -5)" />
      <path className="node-shape" d={shapePath(node.kind, NODE_WIDTH, NODE_HEIGHT)} />
      <text clipPath={`url(#${clip})`}>
        <tspan className="node-kind" x={16} y={20}>
          {kindLabel(node.kind)}
        </tspan>{' '}
        <tspan className="node-name" x={16} y={37}>
          {nodeLabel(node)}
        </tspan>
      </text>
    </g>
  );
});

/** The nearest node to `from` in the column `column` (by vertical centre), for the ← and → keys. */
function nearestIn(layout: GraphLayout, column: number, from: PlacedNode): string | undefined {
  const keys = layout.columns.get(column);
  if (!keys?.length) return undefined;
  let best = keys[0];
  for (const key of keys) if (Math.abs(layout.byKey.get(key)!.y - from.y) < Math.abs(layout.byKey.get(best)!.y - from.y)) best = key;
  return best;
}

/**
 * The lineage as a drawn graph: nodes in columns by distance from the root (upstream left, downstream right),
 * arrows labelled with their relation, pan by dragging, zoom with the wheel or the buttons. Keyboard: one tab stop
 * (the selected node); arrows move between nodes, Enter explores from the focused node (double-click too), Home
 * returns to the root, + − 0 zoom and fit. Focus, click or hover shows a node's or edge's facts in the details.
 */
export function LineageDiagram({ layout, rootKey, label, height, exploreHref }: { layout: GraphLayout; rootKey: string; label: string; height: number; exploreHref: (node: LineageNode) => string }) {
  const id = useId();
  const marker = `${id.replace(/:/g, '')}-arrow`;
  const clip = `${id.replace(/:/g, '')}-clip`;
  const viewportRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<SVGGElement>(null);
  const navigate = useNavigate();
  const root = layout.byKey.get(rootKey);
  const panZoom = usePanZoom(viewportRef, layout.width, layout.height, root ? { x: root.x + NODE_WIDTH / 2, y: root.y + NODE_HEIGHT / 2 } : { x: 0, y: 0 });
  const [focusKey, setFocusKey] = useState(rootKey);
  const [selected, setSelected] = useState<Shown>({ type: 'node', key: rootKey });
  const [hover, setHover] = useState<Shown | null>(null);

  const shown = hover ?? selected;
  const activeNode = shown.type === 'node' ? shown.key : undefined;
  const activeEdges = useMemo(() => {
    const keys = new Set<string>();
    for (const edge of layout.edges) {
      if (shown.type === 'edge' ? edge.key === shown.key : edge.from.key === shown.key || edge.to.key === shown.key) keys.add(edge.key);
    }
    return keys;
  }, [layout.edges, shown.type, shown.key]);

  const degree = useMemo(() => {
    const count = new Map<string, number>();
    for (const edge of layout.edges) for (const key of [`out:${edge.from.key}`, `in:${edge.to.key}`]) count.set(key, (count.get(key) ?? 0) + 1);
    return count;
  }, [layout.edges]);
  const labelAt = (edge: PlacedEdge) => {
    const out = degree.get(`out:${edge.from.key}`) ?? 0;
    const into = degree.get(`in:${edge.to.key}`) ?? 0;
    if (out === 1 && into === 1) return 'middle';
    return out >= into ? 'end' : 'start';
  };

  const explore = (key: string) => {
    const placed = layout.byKey.get(key);
    if (placed && key !== rootKey) navigate(exploreHref(placed.node));
  };
  const focusNode = (key: string | undefined) => {
    if (!key) return;
    const element = [...(contentRef.current?.querySelectorAll<SVGGElement>('[data-node]') ?? [])].find((e) => e.dataset.node === key);
    element?.focus();
  };
  const target = (event: { target: EventTarget }) => {
    const element = (event.target as Element).closest?.('[data-node],[data-edge]') as SVGElement | null;
    if (!element) return null;
    return element.dataset.node ? ({ type: 'node', key: element.dataset.node } as const) : ({ type: 'edge', key: element.dataset.edge! } as const);
  };

  const onFocus = (event: FocusEvent) => {
    const hit = target(event);
    if (hit?.type !== 'node') return;
    setFocusKey(hit.key);
    setSelected(hit);
    // what the keyboard reached wins over whatever the pointer happens to rest on
    setHover(null);
    const placed = layout.byKey.get(hit.key)!;
    panZoom.reveal({ x: placed.x, y: placed.y, width: NODE_WIDTH, height: NODE_HEIGHT });
  };
  const onClick = (event: MouseEvent) => {
    if (panZoom.consumeDrag()) return;
    const hit = target(event);
    if (hit) setSelected(hit);
    if (hit?.type === 'node') setFocusKey(hit.key);
  };
  const onDoubleClick = (event: MouseEvent) => {
    const hit = target(event);
    if (hit?.type === 'node') explore(hit.key);
  };
  const onPointerOver = (event: PointerEvent) => setHover(target(event));
  const onPointerLeave = () => setHover(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const hit = target(event);
    if (hit?.type !== 'node') return;
    const placed = layout.byKey.get(hit.key)!;
    const column = layout.columns.get(placed.column)!;
    const moves: Record<string, () => string | undefined> = {
      ArrowUp: () => column[placed.row - 1],
      ArrowDown: () => column[placed.row + 1],
      ArrowLeft: () => nearestIn(layout, placed.column - 1, placed),
      ArrowRight: () => nearestIn(layout, placed.column + 1, placed),
      Home: () => rootKey,
    };
    if (moves[event.key]) {
      event.preventDefault();
      focusNode(moves[event.key]());
    } else if (event.key === 'Enter') {
      event.preventDefault();
      explore(hit.key);
    } else if (event.key === ' ') {
      event.preventDefault();
      setSelected(hit);
    } else if (event.key === '+' || event.key === '=') {
      panZoom.zoomIn();
    } else if (event.key === '-') {
      panZoom.zoomOut();
    } else if (event.key === '0') {
      panZoom.fit();
    }
  };

  const hintId = `${id}-hint`;
  const { view } = panZoom;
  return (
    <div className="lineage-diagram">
      <div className="toolbar graph-toolbar" role="toolbar" aria-label="Zoom">
        <button type="button" className="button small" onClick={panZoom.zoomOut} aria-label="Zoom out">
          −
        </button>
        <output className="zoom-level" aria-label="Zoom level">
          {Math.round(view.k * 100)}%
        </output>
        <button type="button" className="button small" onClick={panZoom.zoomIn} aria-label="Zoom in">
          +
        </button>
        <button type="button" className="button small" onClick={panZoom.fit}>
          Fit
        </button>
        <span className="muted small" id={hintId}>
          Drag to pan, wheel to zoom. Arrow keys move between nodes, Enter (or a double-click) explores from one.
        </span>
      </div>
      <div className="graph-body">
        {/* The transform is CSS on an HTML box around the SVG, not an SVG transform: Chrome lays SVG text out again
            for every change of an SVG scale, which made zooming a graph of a few hundred nodes stutter. */}
        <div
          ref={viewportRef}
          className={`lineage-graph${view.k < SMALL_ZOOM ? ' zoomed-out' : ''}`}
          style={{ height }}
          role="group"
          aria-label={label}
          aria-describedby={hintId}
          {...panZoom.handlers}
        >
          <div className="graph-canvas" style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.k})`, width: layout.width, height: layout.height }}>
            <svg width={layout.width} height={layout.height}>
              <defs>
                {['', '-active'].map((suffix) => (
                  <marker key={suffix} id={`${marker}${suffix}`} className={`graph-arrow${suffix}`} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto">
                    <path d="M0,0 L10,5 L0,10 z" />
                  </marker>
                ))}
                <clipPath id={clip}>
                  <rect x={0} y={0} width={NODE_WIDTH - 12} height={NODE_HEIGHT} />
                </clipPath>
              </defs>
              <g
                ref={contentRef}
                onFocus={onFocus}
                onClick={onClick}
                onDoubleClick={onDoubleClick}
                onKeyDown={onKeyDown}
                onPointerOver={onPointerOver}
                onPointerLeave={onPointerLeave}
              >
                <g className="graph-edges" aria-hidden="true">
                  {layout.edges.map((edge) => (
                    <GraphEdge key={edge.key} edge={edge} active={activeEdges.has(edge.key)} marker={marker} labelAt={labelAt(edge)} />
                  ))}
                </g>
                {root ? (
                  <text className="root-mark" x={root.x + NODE_WIDTH / 2} y={root.y - 10} textAnchor="middle" aria-hidden="true">
                    this node
                  </text>
                ) : null}
                <g className="graph-nodes">
                  {layout.nodes.map((placed) => (
                    <GraphNode key={placed.key} placed={placed} isRoot={placed.key === rootKey} selected={placed.key === activeNode} tabbable={placed.key === focusKey} clip={clip} />
                  ))}
                </g>
              </g>
            </svg>
          </div>
        </div>
        <GraphDetails layout={layout} rootKey={rootKey} shown={shown} exploreHref={exploreHref} />
      </div>
      <GraphLegend />
    </div>
  );
}
