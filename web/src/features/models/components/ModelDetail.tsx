import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatBytes, formatTime, shortId } from '@/shared/lib/format';
import { paths } from '@/shared/paths';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { LoadMoreButton } from '@/shared/ui/LoadMoreButton';
import { Tags } from '@/shared/ui/Tags';
import { useModel } from '../api/get-model';
import { useModelVersions } from '../api/get-model-versions';
import { useUpdateModel } from '../api/update-model';
import type { Model, ModelVersion } from '../types';
import { ApprovalsList } from './ApprovalsList';
import { AliasForm, StageForm } from './ChangeForms';
import { RegisterVersionForm } from './RegisterVersionForm';
import { StageBadge } from './StageBadge';

export function ModelName({ modelId }: { modelId: string }) {
  const model = useModel(modelId);
  return <>{model.data?.name ?? modelId}</>;
}

function Aliases({ model }: { model: Model }) {
  const names = [...new Set([...Object.keys(model.aliases), ...model.protectedAliases])].sort();
  if (names.length === 0) return <p className="muted">No aliases yet.</p>;
  return (
    <table className="table" aria-label="Aliases">
      <thead>
        <tr>
          <th scope="col">Alias</th>
          <th scope="col">Version</th>
          <th scope="col">Protected</th>
        </tr>
      </thead>
      <tbody>
        {names.map((alias) => (
          <tr key={alias}>
            <td className="mono">{alias}</td>
            <td className="num">{model.aliases[alias] ? `v${model.aliases[alias]}` : <span className="muted">unset</span>}</td>
            <td>{model.protectedAliases.includes(alias) ? <span className="badge warn-badge">protected: needs approval</span> : 'no'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function VersionsTable({ versions, renderActions }: { versions: ModelVersion[]; renderActions?: (version: ModelVersion) => ReactNode }) {
  return (
    <table className="table" aria-label="Versions">
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Stage</th>
          <th scope="col">Aliases</th>
          <th scope="col">Run</th>
          <th scope="col">Artifact</th>
          <th scope="col">Flavor</th>
          <th scope="col">Signature</th>
          <th scope="col">Registered</th>
          <th scope="col">
            <span className="visually-hidden">Lineage</span>
          </th>
          {renderActions ? (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {versions.map((version) => (
          <tr key={version.id}>
            <td className="num">v{version.version}</td>
            <td>
              <StageBadge stage={version.stage} />
            </td>
            <td className="mono">{version.aliases.join(', ') || <span className="muted">—</span>}</td>
            <td>
              <Link to={paths.run(version.runId)}>{shortId(version.runId)}</Link>
            </td>
            <td>
              <span className="mono">{version.artifactPath}</span>{' '}
              <span className="muted small" title={`sha256:${version.artifactSha256}`}>
                {formatBytes(version.artifactSize)}
              </span>
            </td>
            <td>{version.flavor}</td>
            <td className="small mono wrap">
              {version.signature
                ? `(${version.signature.inputs.map((f) => `${f.name}: ${f.type}`).join(', ')}) → (${(version.signature.outputs ?? [])
                    .map((f) => `${f.name}: ${f.type}`)
                    .join(', ')})`
                : '—'}
            </td>
            <td className="nowrap">
              {formatTime(version.creationTime)} <span className="muted small">by {version.createdBy}</span>
            </td>
            <td>
              <Link to={paths.lineage('model-version', version.id)} aria-label={`Lineage of v${version.version}`}>
                Lineage
              </Link>
            </td>
            {renderActions ? <td>{renderActions(version)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The description, and for a model that takes changes an **Edit description** form (`PATCH /models/{id}`). */
function Description({ model }: { model: Model }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(model.description ?? '');
  const update = useUpdateModel(model.id);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ description: draft.trim() }, { onSuccess: () => setEditing(false) });
  };
  if (!editing) {
    return (
      <div className="toolbar">
        <p className="lead">{model.description || <span className="muted">No description.</span>}</p>
        {!model.deleted ? (
          <button
            type="button"
            className="button small"
            onClick={() => {
              setDraft(model.description ?? '');
              update.reset();
              setEditing(true);
            }}
          >
            Edit description
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <form className="form-grid" onSubmit={submit} aria-label="Edit description">
      <div className="field grow">
        <label htmlFor={id}>Description</label>
        <textarea
          id={id}
          value={draft}
          rows={3}
          maxLength={5000}
          onChange={(e) => setDraft(e.target.value)}
          aria-invalid={update.error ? true : undefined}
          aria-describedby={update.error ? `${id}-error` : undefined}
        />
      </div>
      <div className="field actions">
        <button type="submit" className="button primary" disabled={update.isPending}>
          Save description
        </button>
        <button type="button" className="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
      <div className="form-feedback">
        <ErrorMessage error={update.error} id={`${id}-error`} />
      </div>
    </form>
  );
}

/**
 * One registered model: its description, tags, aliases (protected ones marked), versions with their stages, and
 * the forms that change them. `currentPrincipalId` (when the session knows it) greys out approving one's own
 * request; the server decides either way. `renderVersionActions` adds a cell of actions to each version's row
 * (the route puts "Deploy" there).
 */
export function ModelDetail({
  modelId,
  currentPrincipalId,
  renderVersionActions,
}: {
  modelId: string;
  currentPrincipalId?: string;
  renderVersionActions?: (version: ModelVersion) => ReactNode;
}) {
  const model = useModel(modelId);
  const versions = useModelVersions(modelId);
  const rows = versions.data?.pages.flatMap((page) => page.versions) ?? [];

  if (model.isPending) return <Loading label="Loading model…" />;
  if (model.isError) return <ErrorMessage error={model.error} />;
  const m = model.data;
  return (
    <>
      <section className="card" aria-labelledby="model-title">
        <h1 id="model-title">{m.name}</h1>
        {m.deleted ? <p className="notice">This model was deleted: it stays readable and takes no more changes.</p> : null}
        <Description model={m} />
        <Tags tags={m.tags} />
        <p className="muted small">
          Created {formatTime(m.creationTime)} by {m.createdBy}; updated {formatTime(m.lastUpdateTime)}
        </p>
        <h2>Aliases</h2>
        <Aliases model={m} />
      </section>
      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        {versions.isPending ? <Loading label="Loading versions…" /> : null}
        {versions.isError ? <ErrorMessage error={versions.error} /> : null}
        {versions.isSuccess && rows.length === 0 ? (
          <EmptyState title="No versions yet">Register one below from an artifact a run logged.</EmptyState>
        ) : null}
        {rows.length > 0 ? <VersionsTable versions={rows} renderActions={m.deleted ? undefined : renderVersionActions} /> : null}
        <LoadMoreButton list={versions} label="Load more versions" />
      </section>
      {!m.deleted ? (
        <>
          <RegisterVersionForm modelId={modelId} />
          {rows.length > 0 ? (
            <div className="forms-row">
              <StageForm modelId={modelId} versions={rows} />
              <AliasForm modelId={modelId} versions={rows} />
            </div>
          ) : null}
        </>
      ) : null}
      <ApprovalsList modelId={modelId} currentPrincipalId={currentPrincipalId} />
    </>
  );
}
