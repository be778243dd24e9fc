import { Link } from 'react-router';
import { formatTime } from '@/shared/lib/format';
import { paths } from '@/shared/paths';
import type { GraphLayout, PlacedEdge } from '../lib/layout';
import { kindLabel, nodeLabel, resourcePath } from '../lib/nodes';
import type { LineageNode, NodeRef } from '../types';

const MAX_EDGES = 12;

/** What the details panel shows: a node or an edge, by key. */
export type Shown = { type: 'node' | 'edge'; key: string };

/** The event that made a node or edge: its short id, linking to the audit log narrowed to it. */
export function EventLink({ fact }: { fact: { eventId: string; actor: string | null; time: number } }) {
  return (
    <Link className="mono" to={paths.audit(fact)} title={fact.eventId} aria-label={`Event ${fact.eventId} in the audit log`}>
      {fact.eventId.slice(0, 8)}
    </Link>
  );
}

function Facts({ fact }: { fact: { eventId: string; actor: string | null; time: number } }) {
  return (
    <dl className="graph-facts">
      <dt>Who</dt>
      <dd className="mono">{fact.actor ?? '—'}</dd>
      <dt>When</dt>
      <dd>{formatTime(fact.time)}</dd>
      <dt>Event</dt>
      <dd>
        <EventLink fact={fact} />
      </dd>
    </dl>
  );
}

const named = (node: NodeRef & { properties?: Record<string, unknown> }) => `${kindLabel(node.kind)} ${nodeLabel(node)}`;

function EdgeDetails({ edge }: { edge: PlacedEdge }) {
  return (
    <>
      <h4>Edge: {edge.edge.relation}</h4>
      <p>
        {named(edge.from.node)} <strong>{edge.edge.relation}</strong> → {named(edge.to.node)}
      </p>
      <Facts fact={edge.edge} />
    </>
  );
}

function NodeDetails({ node, isRoot, edges, exploreHref }: { node: LineageNode; isRoot: boolean; edges: PlacedEdge[]; exploreHref: (node: LineageNode) => string }) {
  const page = resourcePath(node);
  return (
    <>
      <h4>{named(node)}</h4>
      <p className="mono small wrap">{node.id}</p>
      <Facts fact={node} />
      <p className="graph-links">
        {page ? <Link to={page}>Open {kindLabel(node.kind).toLowerCase()}</Link> : null}
        {!isRoot ? (
          <Link to={exploreHref(node)} aria-label={`Explore from here: ${nodeLabel(node)}`}>
            Explore from here
          </Link>
        ) : null}
      </p>
      {edges.length ? (
        <ul className="plain-list graph-node-edges" aria-label="Its edges">
          {edges.slice(0, MAX_EDGES).map((edge) => (
            <li key={edge.key} className="small">
              {named(edge.from.node)} <strong>{edge.edge.relation}</strong> → {named(edge.to.node)} · {edge.edge.actor ?? '—'} ·{' '}
              {formatTime(edge.edge.time)} · <EventLink fact={edge.edge} />
            </li>
          ))}
          {edges.length > MAX_EDGES ? <li className="small muted">and {edges.length - MAX_EDGES} more, in the edge tables below</li> : null}
        </ul>
      ) : null}
    </>
  );
}

/** The selected (or hovered) node or edge: what it is, who made it, when and by which event. */
export function GraphDetails({ layout, rootKey, shown, exploreHref }: { layout: GraphLayout; rootKey: string; shown: Shown; exploreHref: (node: LineageNode) => string }) {
  const edge = shown.type === 'edge' ? layout.edges.find((e) => e.key === shown.key) : undefined;
  const node = shown.type === 'node' ? layout.byKey.get(shown.key) : undefined;
  return (
    <aside className="graph-details" aria-label="Details" aria-live="polite">
      {edge ? <EdgeDetails edge={edge} /> : null}
      {node ? (
        <NodeDetails
          node={node.node}
          isRoot={node.key === rootKey}
          edges={layout.edges.filter((e) => e.from.key === node.key || e.to.key === node.key)}
          exploreHref={exploreHref}
        />
      ) : null}
    </aside>
  );
}
