import type { LineageKind } from '../types';

/**
 * The outline of a node of each kind in a `width` × `height` box, so that kinds differ by shape as well as colour:
 * a dataset version is a cylinder, a source snapshot a parallelogram, a run a rectangle, an artifact a page with a
 * folded corner, a model version a hexagon, a deployment a stadium.
 */
export function shapePath(kind: string, width: number, height: number): string {
  const w = width;
  const h = height;
  const inset = Math.min(12, h / 3);
  switch (kind as LineageKind) {
    case 'dataset-version': {
      const ry = Math.min(5, h / 5);
      return `M0,${ry} A${w / 2},${ry} 0 0,1 ${w},${ry} V${h - ry} A${w / 2},${ry} 0 0,1 0,${h - ry} Z M0,${ry} A${w / 2},${ry} 0 0,0 ${w},${ry}`;
    }
    case 'source-snapshot':
      return `M${inset},0 H${w} L${w - inset},${h} H0 Z`;
    case 'artifact':
      return `M0,0 H${w - inset} L${w},${inset} V${h} H0 Z M${w - inset},0 V${inset} H${w}`;
    case 'model-version':
      return `M${inset},0 H${w - inset} L${w},${h / 2} L${w - inset},${h} H${inset} L0,${h / 2} Z`;
    case 'deployment': {
      const r = h / 2;
      return `M${r},0 H${w - r} A${r},${r} 0 0,1 ${w - r},${h} H${r} A${r},${r} 0 0,1 ${r},0 Z`;
    }
    default:
      return `M4,0 H${w - 4} Q${w},0 ${w},4 V${h - 4} Q${w},${h} ${w - 4},${h} H4 Q0,${h} 0,${h - 4} V4 Q0,0 4,0 Z`;
  }
}

export const SHAPE_NAMES: Record<string, string> = {
  'dataset-version': 'cylinder',
  'source-snapshot': 'parallelogram',
  run: 'rectangle',
  artifact: 'folded page',
  'model-version': 'hexagon',
  deployment: 'rounded pill',
};
