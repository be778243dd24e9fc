import { Link } from 'react-router';
import { formatTime } from '@/shared/lib/format';
import { paths } from '@/shared/paths';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { LoadMoreButton } from '@/shared/ui/LoadMoreButton';
import { useTargets } from '../api/get-targets';
import { settingsSummary } from './TargetSettingsText';

/** The organization's compute targets, by name. */
export function TargetsList({ canAdminister }: { canAdminister: boolean }) {
  const targets = useTargets();
  const rows = targets.data?.pages.flatMap((page) => page.targets) ?? [];
  return (
    <section className="card" aria-labelledby="targets-title">
      <h2 id="targets-title">Compute targets</h2>
      {targets.isPending ? <Loading label="Loading compute targets…" /> : null}
      {targets.isError ? <ErrorMessage error={targets.error} /> : null}
      {targets.isSuccess && rows.length === 0 ? (
        <EmptyState title="No compute targets yet">
          {canAdminister
            ? 'Create one above, then start an agent for it (see docs/compute.md) and submit runs to it.'
            : 'An owner or admin of the organization creates them; runs are then submitted to a target.'}
        </EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Settings</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((target) => (
              <tr key={target.id}>
                <td>
                  <Link to={paths.computeTarget(target.id)}>{target.name}</Link>
                </td>
                <td>
                  <span className="badge">{target.kind}</span>
                </td>
                <td className="wrap">{settingsSummary(target)}</td>
                <td className="nowrap">{formatTime(target.creationTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <LoadMoreButton list={targets} label="Load more targets" />
    </section>
  );
}
