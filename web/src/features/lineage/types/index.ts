export const LINEAGE_KINDS = ['dataset-version', 'source-snapshot', 'run', 'artifact', 'model-version', 'deployment'] as const;
export type LineageKind = (typeof LINEAGE_KINDS)[number];
export type Direction = 'upstream' | 'downstream';

export interface NodeRef {
  kind: LineageKind;
  id: string;
}

/** A node of `GET /lineage/{kind}/{id}`: `distance` edges from the root (which is there with 0). */
export interface LineageNode extends NodeRef {
  distance: number;
  properties: Record<string, unknown>;
  eventId: string;
  actor: string;
  time: number;
}

/** An edge points downstream (`consumed`, `produced`, `registered-from`, `deployed-as`) and names the event that created it. */
export interface LineageEdge {
  from: NodeRef;
  to: NodeRef;
  relation: string;
  eventId: string;
  actor: string;
  time: number;
}

export interface LineageGraph {
  root: NodeRef;
  direction: Direction;
  depth: number;
  nodes: LineageNode[];
  edges: LineageEdge[];
  truncated: boolean;
}
