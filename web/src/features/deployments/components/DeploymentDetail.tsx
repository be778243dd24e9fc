import type { ReactNode } from 'react';
import { formatTime } from '@/shared/lib/format';
import { ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useDeployment } from '../api/get-deployment';
import type { Deployment, ModelVersionSummary } from '../types';
import { DeleteDeployment } from './DeleteDeployment';
import { DeploymentStatusBadge } from './DeploymentStatusBadge';
import { ScaleForm } from './ScaleForm';
import { ScoreForm } from './ScoreForm';
import { ServedVersionsTable } from './ServedVersionsTable';
import { TelemetryPanel } from './TelemetryPanel';
import { TrafficSplit } from './TrafficSplit';

function statusSentence(d: Deployment): string {
  switch (d.status) {
    case 'READY':
      return 'Every served version has a ready model server: scoring works.';
    case 'STARTING':
      return 'A model server is starting and loading the model.';
    case 'PENDING':
      return 'Waiting for the supervisor to start a model server (or to restart one after a crash).';
    case 'FAILED':
      return 'A served version failed; its reason is below. Scale to 0 and back, or update, to try again.';
    case 'STOPPED':
      return 'Scaled to 0 replicas: nothing is served until it is scaled up.';
  }
}

/**
 * One deployment, refreshed while open: status with the reason of every served version, the traffic split with
 * its confirmed changes, telemetry, a "try it" form built from the stable version's input signature, scaling and
 * deletion. `versions` are the model's registered versions (signatures and numbers to roll out); `renderModel`
 * and `renderProject` name the model and the project; `canChange` hides the changing controls from auditors
 * (the server decides either way).
 */
export function DeploymentDetail({
  deploymentId,
  versions,
  renderModel,
  renderProject,
  canChange = true,
}: {
  deploymentId: string;
  versions: ModelVersionSummary[] | undefined;
  renderModel: (modelId: string) => ReactNode;
  renderProject: (projectId: string) => ReactNode;
  canChange?: boolean;
}) {
  const deployment = useDeployment(deploymentId);
  if (deployment.isPending) return <Loading label="Loading deployment…" />;
  if (deployment.isError) return <ErrorMessage error={deployment.error} />;
  const d = deployment.data;
  const stable = d.versions.find((v) => v.role === 'stable');
  const signature = versions?.find((v) => v.version === stable?.version)?.signature;
  const ready = d.versions.some((v) => v.status === 'READY');
  return (
    <>
      <section className="card" aria-labelledby="deployment-title">
        <header className="page-header">
          <h1 id="deployment-title">
            {d.name} <DeploymentStatusBadge status={d.status} />
          </h1>
          {canChange ? <DeleteDeployment deployment={d} /> : null}
        </header>
        <p className="lead" role="status">
          {statusSentence(d)}
        </p>
        <dl className="facts">
          <dt>Model</dt>
          <dd>{renderModel(d.modelId)}</dd>
          <dt>Project</dt>
          <dd>{renderProject(d.projectId)}</dd>
          <dt>Target</dt>
          <dd>{d.target}</dd>
          <dt>Replicas</dt>
          <dd>{d.replicas}</dd>
          <dt>Created</dt>
          <dd>
            {formatTime(d.creationTime)} by {d.createdBy}; updated {formatTime(d.lastUpdateTime)}
          </dd>
          <dt>Scoring endpoint</dt>
          <dd className="mono">POST /api/v1/deployments/{d.id}/score</dd>
        </dl>
        <h2>Served versions</h2>
        <ServedVersionsTable versions={d.versions} />
      </section>
      <TrafficSplit deployment={d} versions={versions ?? []} canChange={canChange} />
      <TelemetryPanel deploymentId={d.id} />
      {signature ? (
        <ScoreForm key={stable?.version} deploymentId={d.id} columns={signature.inputs} ready={ready} />
      ) : (
        <section className="card" aria-label="Try it">
          {versions ? (
            <p className="muted">The served version has no input signature to build a form from.</p>
          ) : (
            <Loading label="Loading the input signature…" />
          )}
        </section>
      )}
      {canChange ? <ScaleForm deployment={d} /> : null}
    </>
  );
}
