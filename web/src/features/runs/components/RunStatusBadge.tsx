import type { RunStatus } from '../types';

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{status.toLowerCase()}</span>;
}
