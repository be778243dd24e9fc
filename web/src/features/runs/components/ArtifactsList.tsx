import { formatBytes, formatTime } from '@/shared/lib/format';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useArtifacts } from '../api/get-artifacts';
import { useDownloadArtifact } from '../api/download-artifact';
import type { Artifact } from '../types';

function ArtifactRow({ runId, artifact }: { runId: string; artifact: Artifact }) {
  const download = useDownloadArtifact(runId);
  return (
    <tr>
      <td className="mono wrap">{artifact.path}</td>
      <td className="num nowrap">{formatBytes(artifact.size)}</td>
      <td className="mono">{artifact.contentType}</td>
      <td className="nowrap">{formatTime(artifact.loggedTime)}</td>
      <td className="row-actions">
        <button
          type="button"
          className="button small"
          onClick={() => download.mutate(artifact.path)}
          disabled={download.isPending}
          aria-label={`Download ${artifact.path}`}
        >
          {download.isPending ? 'Downloading…' : 'Download'}
        </button>
        <ErrorMessage error={download.error} />
      </td>
    </tr>
  );
}

export function ArtifactsList({ runId, live }: { runId: string; live: boolean }) {
  const artifacts = useArtifacts(runId, live);
  if (artifacts.isPending) return <Loading label="Loading artifacts…" />;
  if (artifacts.isError) return <ErrorMessage error={artifacts.error} />;
  if (artifacts.data.length === 0) {
    return (
      <EmptyState title="No artifacts">
        Upload files while the run is active: <code>PUT /api/v1/runs/{runId}/artifacts/&lt;path&gt;</code>.
      </EmptyState>
    );
  }
  return (
    <table className="table">
      <caption className="visually-hidden">Artifacts</caption>
      <thead>
        <tr>
          <th scope="col">Path</th>
          <th scope="col">Size</th>
          <th scope="col">Type</th>
          <th scope="col">Logged</th>
          <th scope="col">
            <span className="visually-hidden">Download</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {artifacts.data.map((artifact) => (
          <ArtifactRow key={artifact.path} runId={runId} artifact={artifact} />
        ))}
      </tbody>
    </table>
  );
}
