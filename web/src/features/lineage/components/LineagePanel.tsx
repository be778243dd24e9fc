import { useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { paths } from '@/shared/paths';
import { ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useLineage } from '../api/get-lineage';
import { layoutGraph } from '../lib/layout';
import { kindLabel, nodeKey } from '../lib/nodes';
import type { LineageNode } from '../types';
import { LineageDiagram } from './LineageDiagram';
import { LineageTables } from './LineageTables';

const DEPTHS = [1, 2, 3, 5, 10, 20, 50];
type Walk = 'both' | 'upstream' | 'downstream';
const WALKS: [Walk, string][] = [
  ['both', 'Upstream and downstream'],
  ['upstream', 'Upstream only'],
  ['downstream', 'Downstream only'],
];

/** Depth and direction: in the explorer's URL (so re-rooting and reloading keep them), else the panel's own. */
function useView(explorer: boolean, defaultDepth: number) {
  const [params, setParams] = useSearchParams();
  const [local, setLocal] = useState<{ depth: number; walk: Walk }>({ depth: defaultDepth, walk: 'both' });
  if (!explorer) return [local, setLocal] as const;
  const depth = Number(params.get('depth'));
  const walk = params.get('direction');
  const view = {
    depth: DEPTHS.includes(depth) ? depth : defaultDepth,
    walk: walk === 'upstream' || walk === 'downstream' ? walk : 'both',
  } as const;
  const setView = (next: { depth: number; walk: Walk }) => {
    const query = new URLSearchParams(params);
    if (next.depth === defaultDepth) query.delete('depth');
    else query.set('depth', String(next.depth));
    if (next.walk === 'both') query.delete('direction');
    else query.set('direction', next.walk);
    setParams(query, { replace: true });
  };
  return [view, setView] as const;
}

/**
 * A node's lineage, upstream and downstream, as a drawn graph and as tables, with depth and direction choices;
 * `explorer` is the full page, else a panel on a run.
 */
export function LineagePanel({ kind, id, explorer = false }: { kind: string; id: string; explorer?: boolean }) {
  const defaultDepth = explorer ? 10 : 3;
  const [view, setView] = useView(explorer, defaultDepth);
  const formId = useId();
  const upstream = useLineage(kind, id, 'upstream', view.depth, view.walk !== 'downstream');
  const downstream = useLineage(kind, id, 'downstream', view.depth, view.walk !== 'upstream');
  const wanted = [view.walk !== 'downstream' ? upstream : null, view.walk !== 'upstream' ? downstream : null].filter((q) => q !== null);
  const ready = wanted.every((q) => q.isSuccess);
  const up = view.walk !== 'downstream' ? upstream.data : undefined;
  const down = view.walk !== 'upstream' ? downstream.data : undefined;
  const layout = useMemo(() => (ready ? layoutGraph(up, down) : null), [ready, up, down]);
  const exploreHref = (node: LineageNode) =>
    paths.lineage(node.kind, node.id, explorer ? { depth: view.depth === defaultDepth ? undefined : view.depth, direction: view.walk === 'both' ? undefined : view.walk } : {});
  const rootKey = nodeKey({ kind: kind as LineageNode['kind'], id });

  return (
    <section className="card lineage" aria-labelledby={`${formId}-title`}>
      <div className="toolbar">
        <h2 id={`${formId}-title`}>{explorer ? `Lineage of ${kindLabel(kind).toLowerCase()} ${id}` : 'Lineage'}</h2>
        <label htmlFor={`${formId}-depth`}>Depth</label>
        <select id={`${formId}-depth`} value={view.depth} onChange={(e) => setView({ ...view, depth: Number(e.target.value) })}>
          {DEPTHS.map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
        <label htmlFor={`${formId}-direction`}>Direction</label>
        <select id={`${formId}-direction`} value={view.walk} onChange={(e) => setView({ ...view, walk: e.target.value as Walk })}>
          {WALKS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {!explorer ? <Link to={paths.lineage(kind, id)}>Open in lineage explorer</Link> : null}
      </div>
      {wanted.some((q) => q.isPending) ? <Loading label="Loading lineage…" /> : null}
      {wanted.map((q, i) => (q.isError ? <ErrorMessage key={i} error={q.error} /> : null))}
      {layout && layout.edges.length > 0 ? (
        <LineageDiagram
          key={`${view.depth}:${view.walk}`}
          layout={layout}
          rootKey={rootKey}
          label={`Lineage graph: ${layout.nodes.length} nodes, ${layout.edges.length} edges`}
          height={explorer ? 520 : 340}
          exploreHref={exploreHref}
        />
      ) : null}
      {up?.truncated || down?.truncated ? <p className="notice">Only the first 5000 nodes of each direction are shown.</p> : null}
      {ready && up ? <LineageTables graph={up} exploreHref={exploreHref} /> : null}
      {ready && down ? <LineageTables graph={down} exploreHref={exploreHref} /> : null}
    </section>
  );
}
