import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '@/shared/ui/feedback';
import { useSetAlias } from '../api/set-alias';
import { useTransitionStage } from '../api/transition-stage';
import { STAGES, type ChangeOutcome, type ModelVersion, type Stage } from '../types';

function Outcome({ outcome, applied }: { outcome?: ChangeOutcome<unknown>; applied: string }) {
  if (!outcome) return null;
  return (
    <p role="status" className={outcome.applied ? 'success-message' : 'notice'}>
      {outcome.applied ? applied : `Approval requested (${outcome.approval.id}): an owner or admin other than you must approve it.`}
    </p>
  );
}

function VersionSelect({ id, versions, value, onChange }: { id: string; versions: ModelVersion[]; value: number; onChange: (v: number) => void }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {versions.map((v) => (
        <option key={v.version} value={v.version}>
          v{v.version} ({v.stage})
        </option>
      ))}
    </select>
  );
}

/** Moves a version to a stage; a move to Production answers with an approval request. */
export function StageForm({ modelId, versions }: { modelId: string; versions: ModelVersion[] }) {
  const [version, setVersion] = useState(versions[0].version);
  const [stage, setStage] = useState<Stage>('Staging');
  const [archiveExisting, setArchiveExisting] = useState(false);
  const [comment, setComment] = useState('');
  const transition = useTransitionStage(modelId);
  const id = useId();
  const archivable = stage === 'Staging' || stage === 'Production';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    transition.mutate({ version, stage, archiveExistingVersions: archivable ? archiveExisting : undefined, comment: comment.trim() || undefined });
  };

  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Change stage</h2>
      <div className="field">
        <label htmlFor={`${id}-version`}>Version</label>
        <VersionSelect id={`${id}-version`} versions={versions} value={version} onChange={setVersion} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-stage`}>Stage</label>
        <select id={`${id}-stage`} value={stage} onChange={(e) => setStage(e.target.value as Stage)}>
          {STAGES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </div>
      <label className="checkbox-label">
        <input type="checkbox" checked={archivable && archiveExisting} disabled={!archivable} onChange={(e) => setArchiveExisting(e.target.checked)} />
        Archive existing versions in {archivable ? stage : 'that stage'}
      </label>
      <div className="field grow">
        <label htmlFor={`${id}-comment`}>Stage comment (optional)</label>
        <input id={`${id}-comment`} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <div className="field actions">
        <button type="submit" className="button primary" disabled={transition.isPending}>
          {stage === 'Production' ? 'Request Production' : `Move to ${stage}`}
        </button>
      </div>
      <div className="form-feedback">
        <ErrorMessage error={transition.error} />
        <Outcome outcome={transition.data} applied={`Version ${transition.variables?.version} is now in ${transition.variables?.stage}.`} />
      </div>
    </form>
  );
}

/** Points an alias at a version; moving a protected alias answers with an approval request. */
export function AliasForm({ modelId, versions }: { modelId: string; versions: ModelVersion[] }) {
  const [alias, setAlias] = useState('');
  const [version, setVersion] = useState(versions[0].version);
  const [comment, setComment] = useState('');
  const move = useSetAlias(modelId);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    move.mutate({ alias: alias.trim(), version, comment: comment.trim() || undefined });
  };

  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Move alias</h2>
      <div className="field">
        <label htmlFor={`${id}-alias`}>Alias</label>
        <input id={`${id}-alias`} value={alias} onChange={(e) => setAlias(e.target.value)} placeholder="champion" maxLength={64} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-version`}>To version</label>
        <VersionSelect id={`${id}-version`} versions={versions} value={version} onChange={setVersion} />
      </div>
      <div className="field grow">
        <label htmlFor={`${id}-comment`}>Alias comment (optional)</label>
        <input id={`${id}-comment`} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <div className="field actions">
        <button type="submit" className="button primary" disabled={move.isPending || !alias.trim()}>
          Move alias
        </button>
      </div>
      <div className="form-feedback">
        <ErrorMessage error={move.error} />
        <Outcome outcome={move.data} applied={`${move.variables?.alias} now points at v${move.variables?.version}.`} />
      </div>
    </form>
  );
}
