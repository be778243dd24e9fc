import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatTime } from '@/shared/lib/format';
import { paths } from '@/shared/paths';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { LoadMoreButton } from '@/shared/ui/LoadMoreButton';
import { useDeployments } from '../api/get-deployments';
import type { Deployment } from '../types';
import { DeploymentStatusBadge } from './DeploymentStatusBadge';

function servedText(deployment: Deployment): string {
  return deployment.versions
    .map((v) => `v${v.version}${v.alias ? ` (${v.alias})` : ''}${deployment.versions.length > 1 ? ` ${v.trafficPercent} %` : ''}`)
    .join(' · ');
}

/**
 * The deployments the caller may read, newest first: name, model and served versions, target, status, replicas.
 * `renderModel` names a deployment's model (the route links it to the registry).
 */
export function DeploymentsList({ renderModel }: { renderModel: (modelId: string) => ReactNode }) {
  const list = useDeployments();
  const rows = list.data?.pages.flatMap((page) => page.deployments) ?? [];
  return (
    <section className="card" aria-labelledby="deployments-title">
      <h2 id="deployments-title">Deployments</h2>
      {list.isPending ? <Loading label="Loading deployments…" /> : null}
      {list.isError ? <ErrorMessage error={list.error} /> : null}
      {list.isSuccess && rows.length === 0 ? (
        <EmptyState title="No deployments yet">
          Open a model in <Link to={paths.models()}>Models</Link> and press <strong>Deploy</strong> on a version with
          a <code>dl4j</code> or <code>spark-ml</code> flavor and a signature: it is served on this machine
          (target <code>local</code>) and scored from its page here.
        </EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table className="table" aria-label="Deployments">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Model</th>
                <th scope="col">Versions</th>
                <th scope="col">Target</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Replicas
                </th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={paths.deployment(d.id)}>{d.name}</Link>
                  </td>
                  <td>{renderModel(d.modelId)}</td>
                  <td className="mono">{servedText(d)}</td>
                  <td>{d.target}</td>
                  <td>
                    <DeploymentStatusBadge status={d.status} />
                  </td>
                  <td className="num">{d.replicas}</td>
                  <td className="nowrap">
                    {formatTime(d.creationTime)} <span className="muted small">by {d.createdBy}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMoreButton list={list} label="Load more deployments" />
    </section>
  );
}
