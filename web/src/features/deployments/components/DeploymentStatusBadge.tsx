import type { DeploymentStatus } from '../types';

const CLASSES: Record<DeploymentStatus, string> = {
  READY: 'status-finished',
  STARTING: 'status-running',
  PENDING: 'status-queued',
  FAILED: 'status-failed',
  STOPPED: '',
};

export function DeploymentStatusBadge({ status }: { status: DeploymentStatus }) {
  return <span className={`badge ${CLASSES[status] ?? ''}`}>{status}</span>;
}
