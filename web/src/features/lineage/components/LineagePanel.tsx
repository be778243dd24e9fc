import { useId, useState } from 'react';
import { Link } from 'react-router';
import { paths } from '@/shared/paths';
import { kindLabel } from '../lib/nodes';
import { LineageGraphView } from './LineageGraphView';

const DEPTHS = [1, 2, 3, 5, 10, 20, 50];

/** Upstream and downstream of one node, with a depth choice; `explorer` is the full page, else a panel on a run. */
export function LineagePanel({ kind, id, explorer = false }: { kind: string; id: string; explorer?: boolean }) {
  const [depth, setDepth] = useState(explorer ? 10 : 3);
  const depthId = useId();
  return (
    <section className="card lineage" aria-labelledby={`${depthId}-title`}>
      <div className="toolbar">
        <h2 id={`${depthId}-title`}>{explorer ? `Lineage of ${kindLabel(kind).toLowerCase()} ${id}` : 'Lineage'}</h2>
        <label htmlFor={depthId}>Depth</label>
        <select id={depthId} value={depth} onChange={(e) => setDepth(Number(e.target.value))}>
          {DEPTHS.map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
        {!explorer ? <Link to={paths.lineage(kind, id)}>Open in lineage explorer</Link> : null}
      </div>
      <LineageGraphView kind={kind} id={id} direction="upstream" depth={depth} />
      <LineageGraphView kind={kind} id={id} direction="downstream" depth={depth} />
    </section>
  );
}
