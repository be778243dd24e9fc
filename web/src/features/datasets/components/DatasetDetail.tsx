import { formatBytes, formatTime } from '@/shared/lib/format';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useDataset } from '../api/get-dataset';
import type { DatasetField } from '../types';

function Schema({ fields }: { fields?: DatasetField[] }) {
  if (!fields || fields.length === 0) return <span className="muted">—</span>;
  return (
    <details>
      <summary>
        {fields.length} column{fields.length === 1 ? '' : 's'}
      </summary>
      <ul className="plain-list mono small">
        {fields.map((field) => (
          <li key={field.name}>
            {field.name}: {field.type}
            {field.nullable ? '?' : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function DatasetDetail({ datasetId }: { datasetId: string }) {
  const query = useDataset(datasetId);
  if (query.isPending) return <Loading label="Loading dataset…" />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  const dataset = query.data;
  const versions = dataset.versions ?? [];
  return (
    <>
      <header className="page-header">
        <div>
          <h1>
            {dataset.name} {dataset.deprecated ? <span className="badge warn-badge">deprecated</span> : null}
          </h1>
          {dataset.description ? <p className="lead">{dataset.description}</p> : null}
          {dataset.deprecated ? (
            <p className="notice">
              Deprecated{dataset.deprecationReason ? `: ${dataset.deprecationReason}` : ''}. It takes no new versions.
            </p>
          ) : null}
          <p className="muted small">Registered {formatTime(dataset.creationTime)}</p>
        </div>
      </header>
      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        {versions.length === 0 ? (
          <EmptyState title="No versions yet">
            Add one with <code>POST /api/v1/datasets/{dataset.id}/versions</code> giving its <code>uri</code> and{' '}
            <code>digest</code>.
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">URI</th>
                  <th scope="col">Digest</th>
                  <th scope="col">Size</th>
                  <th scope="col">Schema</th>
                  <th scope="col">Added</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((version) => (
                  <tr key={version.id} id={`version-${version.id}`}>
                    <td className="num">v{version.version}</td>
                    <td className="mono wrap">{version.uri}</td>
                    <td className="mono truncate" title={version.digest}>
                      {version.digest}
                    </td>
                    <td className="num nowrap">{formatBytes(version.size)}</td>
                    <td>
                      <Schema fields={version.schema} />
                    </td>
                    <td className="nowrap">{formatTime(version.creationTime)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** A run input shown as "dataset name v3", linking to the dataset. */
export function DatasetVersionLabel({ datasetId, datasetVersionId }: { datasetId: string; datasetVersionId: string }) {
  const query = useDataset(datasetId);
  const version = query.data?.versions?.find((v) => v.id === datasetVersionId);
  if (query.isError) return <span className="mono">{datasetVersionId}</span>;
  return (
    <>
      {query.data?.name ?? datasetId}
      {version ? ` v${version.version}` : ''} <span className="muted mono small">{version?.uri}</span>
    </>
  );
}

/** The dataset's name for breadcrumbs (its id while loading or when unknown). */
export function DatasetName({ datasetId }: { datasetId: string }) {
  const query = useDataset(datasetId);
  return <>{query.data?.name ?? datasetId}</>;
}
