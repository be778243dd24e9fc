import { useId, useState } from 'react';
import { Link } from 'react-router';
import { formatTime } from '@/shared/lib/format';
import { paths } from '@/shared/paths';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { LoadMoreButton } from '@/shared/ui/LoadMoreButton';
import { CreateNamedForm } from '@/shared/ui/CreateNamedForm';
import { Tags } from '@/shared/ui/Tags';
import { useCreateModel } from '../api/create-model';
import { useModels } from '../api/get-models';

export function CreateModelForm() {
  return (
    <CreateNamedForm
      title="New model"
      nameLabel="Model name"
      descriptionLabel="Model description (optional)"
      placeholder="churn-classifier"
      submitLabel="Create model"
      create={useCreateModel()}
      created={(model) => (
        <>
          Created <Link to={paths.model(model.id)}>{model.name}</Link>.
        </>
      )}
    />
  );
}

/** The registry's models by name; the search box narrows the loaded models by name (the API has no name filter). */
export function ModelsList() {
  const [includeDeleted, setIncludeDeleted] = useState(false);
  const [search, setSearch] = useState('');
  const models = useModels(includeDeleted);
  const searchId = useId();
  const toggleId = useId();
  const all = models.data?.pages.flatMap((page) => page.models) ?? [];
  const needle = search.trim().toLowerCase();
  const rows = needle ? all.filter((model) => model.name.toLowerCase().includes(needle)) : all;

  return (
    <section className="card" aria-labelledby="models-title">
      <div className="toolbar">
        <h2 id="models-title">Models</h2>
        <label htmlFor={searchId} className="visually-hidden">
          Search models by name
        </label>
        <input id={searchId} type="search" placeholder="Search by name" value={search} onChange={(e) => setSearch(e.target.value)} />
        <label htmlFor={toggleId} className="checkbox-label">
          <input id={toggleId} type="checkbox" checked={includeDeleted} onChange={(e) => setIncludeDeleted(e.target.checked)} />
          Include deleted
        </label>
      </div>
      {models.isPending ? <Loading label="Loading models…" /> : null}
      {models.isError ? <ErrorMessage error={models.error} /> : null}
      {models.isSuccess && all.length === 0 ? (
        <EmptyState title="No models registered yet">
          Create one above, then register versions from a run's artifact on the model's page.
        </EmptyState>
      ) : null}
      {models.isSuccess && all.length > 0 && rows.length === 0 ? (
        <EmptyState title={`No model name contains “${search.trim()}”`} />
      ) : null}
      {rows.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Latest version</th>
              <th scope="col">Aliases</th>
              <th scope="col">Tags</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((model) => (
              <tr key={model.id}>
                <td>
                  <Link to={paths.model(model.id)}>{model.name}</Link>
                  {model.deleted ? <span className="badge muted-badge">deleted</span> : null}
                </td>
                <td className="wrap">{model.description || <span className="muted">—</span>}</td>
                <td className="num">{model.latestVersion > 0 ? `v${model.latestVersion}` : 'none'}</td>
                <td>
                  {Object.entries(model.aliases)
                    .map(([alias, version]) => `${alias} → v${version}`)
                    .join(', ') || <span className="muted">—</span>}
                </td>
                <td>
                  <Tags tags={model.tags} />
                </td>
                <td className="nowrap">{formatTime(model.lastUpdateTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <LoadMoreButton list={models} label="Load more models" />
    </section>
  );
}
