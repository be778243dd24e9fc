import { kindLabel } from '../lib/nodes';
import { SHAPE_NAMES, shapePath } from '../lib/shapes';
import { LINEAGE_KINDS } from '../types';

/** What the shapes and colours of the graph mean, in words as well. */
export function GraphLegend() {
  return (
    <ul className="plain-list graph-legend" aria-label="Legend">
      {LINEAGE_KINDS.map((kind) => (
        <li key={kind} className={`kind-${kind}`}>
          <svg width="30" height="18" viewBox="-2 -2 34 22" aria-hidden="true">
            <path className="node-shape" d={shapePath(kind, 30, 18)} />
          </svg>
          {kindLabel(kind)} <span className="muted">({SHAPE_NAMES[kind]})</span>
        </li>
      ))}
      <li className="root">
        <svg width="30" height="18" viewBox="-2 -2 34 22" aria-hidden="true">
          <path className="node-shape" d={shapePath('run', 30, 18)} />
        </svg>
        This node <span className="muted">(thick outline)</span>
      </li>
      <li>
        <span aria-hidden="true">→</span> an edge points downstream, labelled with its relation
      </li>
    </ul>
  );
}
