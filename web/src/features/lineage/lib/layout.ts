import type { LineageEdge, LineageGraph, LineageNode } from '../types';
import { nodeKey } from './nodes';

/** A node placed in the drawing: its column (negative upstream, 0 the root, positive downstream) and row. */
export interface PlacedNode {
  key: string;
  node: LineageNode;
  column: number;
  row: number;
  x: number;
  y: number;
}

export interface PlacedEdge {
  key: string;
  edge: LineageEdge;
  from: PlacedNode;
  to: PlacedNode;
}

export interface GraphLayout {
  /** Column by column from the left, top to bottom within a column: the keyboard's order too. */
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  byKey: Map<string, PlacedNode>;
  /** Keys of each column's nodes, top to bottom, by column number. */
  columns: Map<number, string[]>;
  width: number;
  height: number;
  crossings: number;
}

export const NODE_WIDTH = 184;
export const NODE_HEIGHT = 46;
export const COLUMN_GAP = 120;
export const ROW_GAP = 18;

export const edgeKey = (edge: LineageEdge) => `${nodeKey(edge.from)}→${nodeKey(edge.to)}:${edge.relation}`;

/**
 * One graph from the two directions' answers: upstream nodes get column −distance, downstream ones +distance,
 * the root 0. A node or edge in both answers (only the root can be) is kept once.
 */
export function mergeDirections(upstream: LineageGraph | undefined, downstream: LineageGraph | undefined) {
  const nodes = new Map<string, { node: LineageNode; column: number }>();
  const edges = new Map<string, LineageEdge>();
  for (const [graph, sign] of [
    [upstream, -1],
    [downstream, 1],
  ] as const) {
    if (!graph) continue;
    for (const node of graph.nodes) {
      const key = nodeKey(node);
      if (!nodes.has(key) || node.distance === 0) nodes.set(key, { node, column: sign * node.distance });
    }
    for (const edge of graph.edges) edges.set(edgeKey(edge), edge);
  }
  return { nodes, edges: [...edges.values()] };
}

/** Crossings between two adjacent columns' edges (by row of each end): inversions, counted with a Fenwick tree. */
function crossingsBetween(pairs: [number, number][], size: number): number {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const tree = new Array<number>(size + 1).fill(0);
  let crossings = 0;
  let seen = 0;
  for (const [, to] of sorted) {
    let notAbove = 0;
    for (let i = to + 1; i > 0; i -= i & -i) notAbove += tree[i];
    crossings += seen - notAbove;
    for (let i = to + 1; i <= size; i += i & -i) tree[i] += 1;
    seen += 1;
  }
  return crossings;
}

/**
 * Lays the merged graph out in layers: a column per distance from the root (upstream to the left, downstream to
 * the right), nodes within a column ordered to reduce edge crossings by barycentre sweeps (each node moves to the
 * mean position of its neighbours in the column just swept, alternately from the left and from the right; the
 * order with the fewest crossings between adjacent columns wins). Linear in the edges per sweep.
 */
export function layoutGraph(upstream: LineageGraph | undefined, downstream: LineageGraph | undefined, sweeps = 8): GraphLayout {
  const merged = mergeDirections(upstream, downstream);
  const columnOf = new Map<string, number>();
  const byColumn = new Map<number, string[]>();
  for (const [key, { column }] of merged.nodes) {
    columnOf.set(key, column);
    const list = byColumn.get(column) ?? [];
    list.push(key);
    byColumn.set(column, list);
  }
  const edges = merged.edges.filter((e) => columnOf.has(nodeKey(e.from)) && columnOf.has(nodeKey(e.to)));
  const columnNumbers = [...byColumn.keys()].sort((a, b) => a - b);
  // A stable start: by kind, then id, so the same graph always lays out the same.
  for (const keys of byColumn.values()) keys.sort();

  const left = new Map<string, string[]>();
  const right = new Map<string, string[]>();
  for (const edge of edges) {
    const a = nodeKey(edge.from);
    const b = nodeKey(edge.to);
    const [l, r] = columnOf.get(a)! <= columnOf.get(b)! ? [a, b] : [b, a];
    if (!right.has(l)) right.set(l, []);
    if (!left.has(r)) left.set(r, []);
    right.get(l)!.push(r);
    left.get(r)!.push(l);
  }

  // Position of a node: its row, centred so that columns of different heights line up on their middles.
  const position = new Map<string, number>();
  const place = (keys: string[]) => keys.forEach((key, i) => position.set(key, i - (keys.length - 1) / 2));
  byColumn.forEach(place);

  const countCrossings = () => {
    let total = 0;
    for (let i = 0; i + 1 < columnNumbers.length; i += 1) {
      const a = byColumn.get(columnNumbers[i])!;
      const b = byColumn.get(columnNumbers[i + 1])!;
      const rowA = new Map(a.map((key, row) => [key, row]));
      const rowB = new Map(b.map((key, row) => [key, row]));
      const pairs: [number, number][] = [];
      for (const key of a) for (const other of right.get(key) ?? []) if (rowB.has(other)) pairs.push([rowA.get(key)!, rowB.get(other)!]);
      total += crossingsBetween(pairs, b.length);
    }
    return total;
  };

  let best = countCrossings();
  let bestOrder = new Map([...byColumn].map(([c, keys]) => [c, [...keys]]));
  for (let sweep = 0; sweep < sweeps && best > 0; sweep += 1) {
    const fromLeft = sweep % 2 === 0;
    const order = fromLeft ? columnNumbers.slice(1) : columnNumbers.slice(0, -1).reverse();
    const neighbours = fromLeft ? left : right;
    for (const column of order) {
      const keys = byColumn.get(column)!;
      const barycentre = new Map<string, number>();
      for (const key of keys) {
        const ns = neighbours.get(key) ?? [];
        barycentre.set(key, ns.length ? ns.reduce((sum, n) => sum + position.get(n)!, 0) / ns.length : position.get(key)!);
      }
      keys.sort((a, b) => barycentre.get(a)! - barycentre.get(b)!);
      place(keys);
    }
    const crossings = countCrossings();
    if (crossings < best) {
      best = crossings;
      bestOrder = new Map([...byColumn].map(([c, keys]) => [c, [...keys]]));
    }
  }

  const tallest = Math.max(1, ...[...bestOrder.values()].map((keys) => keys.length));
  const height = tallest * NODE_HEIGHT + (tallest - 1) * ROW_GAP;
  const first = columnNumbers[0] ?? 0;
  const nodes: PlacedNode[] = [];
  const byKey = new Map<string, PlacedNode>();
  for (const column of columnNumbers) {
    const keys = bestOrder.get(column)!;
    const top = (height - (keys.length * NODE_HEIGHT + (keys.length - 1) * ROW_GAP)) / 2;
    keys.forEach((key, row) => {
      const placed = {
        key,
        node: merged.nodes.get(key)!.node,
        column,
        row,
        x: (column - first) * (NODE_WIDTH + COLUMN_GAP),
        y: top + row * (NODE_HEIGHT + ROW_GAP),
      };
      nodes.push(placed);
      byKey.set(key, placed);
    });
  }
  const placedEdges = edges.map((edge) => ({ key: edgeKey(edge), edge, from: byKey.get(nodeKey(edge.from))!, to: byKey.get(nodeKey(edge.to))! }));
  const width = columnNumbers.length ? (columnNumbers[columnNumbers.length - 1] - first) * (NODE_WIDTH + COLUMN_GAP) + NODE_WIDTH : 0;
  return { nodes, edges: placedEdges, byKey, columns: bestOrder, width, height, crossings: best };
}
