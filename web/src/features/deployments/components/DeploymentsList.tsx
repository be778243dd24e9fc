import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatTime } from '@/shared/lib/format';
import { paths } from '@/shared/paths';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { LoadMoreButton } from '@/shared/ui/LoadMoreButton';
import { useDeployments } from '../api/get-deployments';
import type { Deployment, DeploymentFilter, FilterOption } from '../types';
import { DeploymentStatusBadge } from './DeploymentStatusBadge';

function servedText(deployment: Deployment): string {
  return deployment.versions
    .map((v) => `v${v.version}${v.alias ? ` (${v.alias})` : ''}${deployment.versions.length > 1 ? ` ${v.trafficPercent} %` : ''}`)
    .join(' · ');
}

/** A select of one filter: "All …" or one of the options; an id in the URL that the list does not know is kept. */
function FilterSelect({ label, all, value, options, onChange }: { label: string; all: string; value?: string; options: FilterOption[]; onChange: (value?: string) => void }) {
  const id = useId();
  const known = value === undefined || options.some((o) => o.id === value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{all}</option>
        {known ? null : <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

interface Props {
  /** Names a deployment's model (the route links it to the registry). */
  renderModel: (modelId: string) => ReactNode;
  /** The project and model the list is narrowed to (`GET /deployments?projectId=&modelId=`). */
  filter: DeploymentFilter;
  onFilterChange: (filter: DeploymentFilter) => void;
  /** What the filters offer: the organization's projects and registered models. */
  projects: FilterOption[];
  models: FilterOption[];
}

/** The deployments the caller may read, newest first, narrowed by project and model: name, model and served versions, target, status, replicas. */
export function DeploymentsList({ renderModel, filter, onFilterChange, projects, models }: Props) {
  const list = useDeployments(filter);
  const rows = list.data?.pages.flatMap((page) => page.deployments) ?? [];
  const filtered = filter.projectId !== undefined || filter.modelId !== undefined;
  return (
    <section className="card" aria-labelledby="deployments-title">
      <h2 id="deployments-title">Deployments</h2>
      <form className="form-grid" aria-label="Filter deployments" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label="Project" all="All projects" value={filter.projectId} options={projects} onChange={(projectId) => onFilterChange({ ...filter, projectId })} />
        <FilterSelect label="Model" all="All models" value={filter.modelId} options={models} onChange={(modelId) => onFilterChange({ ...filter, modelId })} />
        {filtered ? (
          <div className="field actions">
            <button type="button" className="button" onClick={() => onFilterChange({})}>
              Clear filters
            </button>
          </div>
        ) : null}
      </form>
      {list.isPending ? <Loading label="Loading deployments…" /> : null}
      {list.isError ? <ErrorMessage error={list.error} /> : null}
      {list.isSuccess && rows.length === 0 && filtered ? (
        <EmptyState title="No deployments match these filters">
          Choose another project or model, or clear the filters to see every deployment you may read.
        </EmptyState>
      ) : null}
      {list.isSuccess && rows.length === 0 && !filtered ? (
        <EmptyState title="No deployments yet">
          Open a model in <Link to={paths.models()}>Models</Link> and press <strong>Deploy…</strong> on a version with
          a <code>dl4j</code> or <code>spark-ml</code> flavor and a signature: choose a name, replicas and target, and
          score it from its page here.
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
