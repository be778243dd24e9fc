import type { Stage } from '../types';

/** A version's stage as a badge (colour per stage; the text carries the meaning). */
export function StageBadge({ stage }: { stage: Stage }) {
  return <span className={`badge stage-${stage.toLowerCase()}`}>{stage}</span>;
}
