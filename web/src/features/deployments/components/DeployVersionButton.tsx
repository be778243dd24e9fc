import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '@/shared/api/client';
import { paths } from '@/shared/paths';
import { ErrorMessage } from '@/shared/ui/feedback';
import { useCreateDeployment } from '../api/create-deployment';
import { deployFieldOf, deployInput, MAX_REPLICAS, type DeployDraft, type DeployField } from '../lib/deploy-input';
import { DEPLOYMENT_TARGETS } from '../types';

const TARGET_HINTS = {
  local: 'Model servers run as processes beside Cairn.',
  kubernetes: "A Kubernetes Deployment per version in the organization's namespace; only where the operator enabled it.",
};

/**
 * The Deploy form of a registered version: an optional name, what to serve (the version itself, or one of its aliases —
 * resolved by the server when deploying), the target and the replicas. Checked in the browser first; a refusal naming
 * a field (`name`, `version`, `alias`, `target`, `replicas`) shows under it, any other under the form. On success the
 * new deployment's page opens.
 */
function DeployForm({ modelId, version, aliases, onCancel }: { modelId: string; version: number; aliases: string[]; onCancel: () => void }) {
  const id = useId();
  const create = useCreateDeployment();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<DeployDraft>({ name: '', served: 'version', target: 'local', replicas: '1' });
  const [local, setLocal] = useState<{ field: DeployField; message: string } | null>(null);
  const inputs = useRef<Partial<Record<DeployField, HTMLInputElement | HTMLSelectElement | null>>>({});

  const serverField = create.error instanceof ApiError ? deployFieldOf(create.error.field) : undefined;
  const fieldAtFault: DeployField | undefined = local?.field ?? serverField;
  const errorFor = (field: DeployField) => (local?.field === field ? new Error(local.message) : !local && serverField === field ? create.error : null);
  const errorId = (field: DeployField) => `${id}-${field}-error`;
  const a11y = (field: DeployField, hint?: boolean) => ({
    id: `${id}-${field}`,
    ref: (element: HTMLInputElement | HTMLSelectElement | null) => {
      inputs.current[field] = element;
    },
    'aria-invalid': fieldAtFault === field || undefined,
    'aria-describedby': [hint ? `${id}-${field}-hint` : '', fieldAtFault === field ? errorId(field) : ''].filter(Boolean).join(' ') || undefined,
  });
  const change = (field: keyof DeployDraft) => (event: { target: { value: string } }) => {
    setDraft({ ...draft, [field]: event.target.value });
    setLocal(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = deployInput(modelId, version, draft);
    if ('field' in checked) {
      setLocal(checked);
      inputs.current[checked.field]?.focus();
      return;
    }
    setLocal(null);
    create.mutate(checked.input, {
      onSuccess: (deployment) => navigate(paths.deployment(deployment.id)),
      onError: (error) => {
        const field = error instanceof ApiError ? deployFieldOf(error.field) : undefined;
        if (field) inputs.current[field]?.focus();
      },
    });
  };

  const field = (key: DeployField, label: string, control: ReactNode, hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {control}
      {hint ? (
        <span className="hint" id={`${id}-${key}-hint`}>
          {hint}
        </span>
      ) : null}
      <ErrorMessage error={errorFor(key)} id={errorId(key)} />
    </div>
  );

  return (
    <form className="deploy-form form-grid" onSubmit={submit} aria-label={`Deploy v${version}`} noValidate>
      {field('name', 'Deployment name', <input {...a11y('name', true)} value={draft.name} onChange={change('name')} placeholder="churn-scorer" autoComplete="off" />, 'Optional; Cairn names it otherwise.')}
      {field(
        'served',
        'Serve',
        <select {...a11y('served', aliases.length > 0)} value={draft.served} onChange={change('served')}>
          <option value="version">version {version}</option>
          {aliases.map((alias) => (
            <option key={alias} value={`alias:${alias}`}>
              alias {alias} (now v{version})
            </option>
          ))}
        </select>,
        aliases.length > 0 ? 'An alias is resolved when deploying; moving it later does not move the deployment.' : undefined,
      )}
      {field(
        'target',
        'Target',
        <select {...a11y('target', true)} value={draft.target} onChange={change('target')}>
          {DEPLOYMENT_TARGETS.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>,
        TARGET_HINTS[draft.target],
      )}
      {field('replicas', 'Replicas', <input {...a11y('replicas', true)} type="number" min={0} max={MAX_REPLICAS} step={1} value={draft.replicas} onChange={change('replicas')} />, `0–${MAX_REPLICAS}; 0 creates it without serving.`)}
      <div className="field actions">
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? 'Deploying…' : `Deploy v${version}`}
        </button>{' '}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <div className="form-feedback">
        <ErrorMessage error={local || serverField ? null : create.error} />
      </div>
    </form>
  );
}

/** "Deploy…" on a registered version: opens the Deploy form below the button (`aliases` are the version's). */
export function DeployVersionButton({ modelId, version, aliases = [] }: { modelId: string; version: number; aliases?: string[] }) {
  const [open, setOpen] = useState(false);
  const formId = useId();
  return (
    <div className="inline-action">
      <button type="button" className="button" aria-label={`Deploy v${version}…`} aria-expanded={open} aria-controls={formId} onClick={() => setOpen(!open)}>
        Deploy…
      </button>
      <div id={formId}>{open ? <DeployForm modelId={modelId} version={version} aliases={aliases} onCancel={() => setOpen(false)} /> : null}</div>
    </div>
  );
}
