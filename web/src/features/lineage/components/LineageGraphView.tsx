import { Link } from 'react-router';
import { formatTime } from '@/shared/lib/format';
import { paths } from '@/shared/paths';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useLineage } from '../api/get-lineage';
import { kindLabel, layers, nodeKey, nodeLabel, resourcePath } from '../lib/nodes';
import type { Direction, LineageGraph, LineageNode, NodeRef } from '../types';

function NodeCard({ node, isRoot }: { node: LineageNode; isRoot: boolean }) {
  const page = resourcePath(node);
  return (
    <li className={`lineage-node${isRoot ? ' lineage-root' : ''}`}>
      <span className="badge">{kindLabel(node.kind)}</span>
      <div className="lineage-label" title={node.id}>
        {page ? <Link to={page}>{nodeLabel(node)}</Link> : nodeLabel(node)}
      </div>
      <div className="muted small">
        {node.actor} · {formatTime(node.time)}
      </div>
      {!isRoot ? (
        <Link className="small" to={paths.lineage(node.kind, node.id)} aria-label={`Explore from here: ${nodeLabel(node)}`}>
          Explore from here
        </Link>
      ) : null}
    </li>
  );
}

function EdgesTable({ graph, caption }: { graph: LineageGraph; caption: string }) {
  const byKey = new Map(graph.nodes.map((node) => [nodeKey(node), node]));
  const name = (ref: NodeRef) => `${kindLabel(ref.kind)} ${nodeLabel(byKey.get(nodeKey(ref)) ?? ref)}`;
  return (
    <table className="table lineage-edges" aria-label={caption}>
      <thead>
        <tr>
          <th scope="col">From</th>
          <th scope="col">Relation</th>
          <th scope="col">To</th>
          <th scope="col">Who</th>
          <th scope="col">When</th>
          <th scope="col">Event</th>
        </tr>
      </thead>
      <tbody>
        {graph.edges.map((edge) => (
          <tr key={`${nodeKey(edge.from)}→${nodeKey(edge.to)}:${edge.relation}`}>
            <td className="wrap">{name(edge.from)}</td>
            <td>{edge.relation}</td>
            <td className="wrap">{name(edge.to)}</td>
            <td className="mono">{edge.actor}</td>
            <td className="nowrap">{formatTime(edge.time)}</td>
            <td className="mono small" title={edge.eventId}>
              {edge.eventId.slice(0, 8)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * One direction of a node's lineage as a layered graph: a column per distance from the node (upstream reads from
 * the farthest inputs to the node, downstream from the node outwards), then every edge with who caused it, when
 * and by which event.
 */
export function LineageGraphView({ kind, id, direction, depth }: { kind: string; id: string; direction: Direction; depth: number }) {
  const lineage = useLineage(kind, id, direction, depth);
  const title = direction === 'upstream' ? 'Upstream' : 'Downstream';
  return (
    <section className="lineage-direction" aria-label={title}>
      <h3>{title}</h3>
      {lineage.isPending ? <Loading label={`Loading ${direction} lineage…`} /> : null}
      {lineage.isError ? <ErrorMessage error={lineage.error} /> : null}
      {lineage.data && lineage.data.edges.length === 0 ? (
        <EmptyState title={direction === 'upstream' ? 'Nothing upstream' : 'Nothing downstream'}>
          {direction === 'upstream' ? 'No dataset, source or artifact led here.' : 'Nothing was made from this yet.'}
        </EmptyState>
      ) : null}
      {lineage.data && lineage.data.edges.length > 0 ? (
        <>
          <div className="lineage-layers">
            {layers(lineage.data.nodes, direction === 'upstream').map((layer) => (
              <ol key={layer[0].distance} className="lineage-layer plain-list" aria-label={layer[0].distance === 0 ? 'This node' : `${layer[0].distance} ${layer[0].distance === 1 ? 'step' : 'steps'} ${direction}`}>
                {layer.map((node) => (
                  <NodeCard key={nodeKey(node)} node={node} isRoot={node.distance === 0} />
                ))}
              </ol>
            ))}
          </div>
          {lineage.data.truncated ? <p className="notice">Only the first 5000 nodes are shown.</p> : null}
          <EdgesTable graph={lineage.data} caption={`${title} edges`} />
        </>
      ) : null}
    </section>
  );
}
