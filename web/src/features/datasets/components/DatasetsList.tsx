import { Link } from 'react-router';
import { formatTime } from '@/shared/lib/format';
import { paths } from '@/shared/paths';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { LoadMoreButton } from '@/shared/ui/LoadMoreButton';
import { useDatasets } from '../api/get-datasets';

export function DatasetsList() {
  const datasets = useDatasets();
  const rows = datasets.data?.pages.flatMap((page) => page.datasets) ?? [];
  return (
    <section className="card" aria-labelledby="datasets-title">
      <h2 id="datasets-title">Datasets</h2>
      {datasets.isPending ? <Loading label="Loading datasets…" /> : null}
      {datasets.isError ? <ErrorMessage error={datasets.error} /> : null}
      {datasets.isSuccess && rows.length === 0 ? (
        <EmptyState title="No datasets registered yet">
          Register one with <code>POST /api/v1/datasets</code>, add versions with{' '}
          <code>POST /api/v1/datasets/&lt;id&gt;/versions</code>, and declare them as run inputs.
        </EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Latest version</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((dataset) => (
              <tr key={dataset.id}>
                <td>
                  <Link to={paths.dataset(dataset.id)}>{dataset.name}</Link>
                  {dataset.deprecated ? <span className="badge warn-badge">deprecated</span> : null}
                </td>
                <td className="wrap">{dataset.description || <span className="muted">—</span>}</td>
                <td className="num">{dataset.latestVersion > 0 ? `v${dataset.latestVersion}` : 'none'}</td>
                <td className="nowrap">{formatTime(dataset.creationTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <LoadMoreButton list={datasets} label="Load more datasets" />
    </section>
  );
}
