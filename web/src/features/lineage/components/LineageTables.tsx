import { Link } from 'react-router';
import { formatTime } from '@/shared/lib/format';
import { EmptyState } from '@/shared/ui/feedback';
import { kindLabel, nodeKey, nodeLabel, resourcePath } from '../lib/nodes';
import type { Direction, LineageGraph, LineageNode, NodeRef } from '../types';
import { EventLink } from './GraphDetails';

const distanceLabel = (distance: number, direction: Direction) =>
  distance === 0 ? 'This node' : `${distance} ${distance === 1 ? 'step' : 'steps'} ${direction}`;

function NodesTable({ graph, caption, exploreHref }: { graph: LineageGraph; caption: string; exploreHref: (node: LineageNode) => string }) {
  const nodes = graph.nodes.filter((node) => node.distance > 0).sort((a, b) => a.distance - b.distance);
  return (
    <table className="table lineage-nodes" aria-label={caption}>
      <thead>
        <tr>
          <th scope="col">Distance</th>
          <th scope="col">Kind</th>
          <th scope="col">Name</th>
          <th scope="col">Who</th>
          <th scope="col">When</th>
          <th scope="col">Event</th>
          <th scope="col">
            <span className="visually-hidden">Explore</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((node) => {
          const page = resourcePath(node);
          return (
            <tr key={nodeKey(node)}>
              <td className="nowrap">{distanceLabel(node.distance, graph.direction)}</td>
              <td>{kindLabel(node.kind)}</td>
              <td className="wrap" title={node.id}>
                {page ? <Link to={page}>{nodeLabel(node)}</Link> : nodeLabel(node)}
              </td>
              <td className="mono">{node.actor ?? '—'}</td>
              <td className="nowrap">{formatTime(node.time)}</td>
              <td className="small">
                <EventLink fact={node} />
              </td>
              <td className="nowrap">
                <Link to={exploreHref(node)} aria-label={`Explore from here: ${nodeLabel(node)}`}>
                  Explore from here
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
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
            <td className="mono">{edge.actor ?? '—'}</td>
            <td className="nowrap">{formatTime(edge.time)}</td>
            <td className="small">
              <EventLink fact={edge} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * One direction of the lineage as tables, the graph's accessible alternative: every node with its distance, who
 * made it and when, a link to its page and "Explore from here"; every edge with who caused it, when and by which
 * event (linking to the audit log).
 */
export function LineageTables({ graph, exploreHref }: { graph: LineageGraph; exploreHref: (node: LineageNode) => string }) {
  const title = graph.direction === 'upstream' ? 'Upstream' : 'Downstream';
  return (
    <section className="lineage-direction" aria-label={title}>
      <h3>{title}</h3>
      {graph.edges.length === 0 ? (
        <EmptyState title={graph.direction === 'upstream' ? 'Nothing upstream' : 'Nothing downstream'}>
          {graph.direction === 'upstream' ? 'No dataset, source or artifact led here.' : 'Nothing was made from this yet.'}
        </EmptyState>
      ) : (
        <>
          <NodesTable graph={graph} caption={`${title} nodes`} exploreHref={exploreHref} />
          <EdgesTable graph={graph} caption={`${title} edges`} />
        </>
      )}
    </section>
  );
}
