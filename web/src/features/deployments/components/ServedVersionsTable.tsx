import type { ServedVersion } from '../types';
import { DeploymentStatusBadge } from './DeploymentStatusBadge';

/** The versions a deployment serves: role, share of the traffic, model-server status and why it is not ready. */
export function ServedVersionsTable({ versions }: { versions: ServedVersion[] }) {
  return (
    <table className="table" aria-label="Served versions">
      <thead>
        <tr>
          <th scope="col">Role</th>
          <th scope="col">Version</th>
          <th scope="col" className="num">
            Traffic
          </th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Restarts
          </th>
          <th scope="col">Artifact</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.role}>
            <td>{v.role}</td>
            <td className="mono">
              v{v.version}
              {v.alias ? <span className="muted"> via {v.alias}</span> : null}
            </td>
            <td className="num">{v.trafficPercent} %</td>
            <td>
              <DeploymentStatusBadge status={v.status} />
              {v.reason ? <span className="small wrap"> {v.reason}</span> : null}
            </td>
            <td className="num">{v.restarts}</td>
            <td className="mono small" title={`sha256:${v.artifactSha256}`}>
              {v.artifactSha256.slice(0, 12)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
