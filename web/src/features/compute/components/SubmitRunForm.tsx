import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '@/shared/api/client';
import { paths } from '@/shared/paths';
import { ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useTargets } from '../api/get-targets';
import { useSubmitRun } from '../api/submit-run';
import { COMPUTE_KINDS, type RunSpec } from '../types';

interface Param {
  key: string;
  value: string;
}

const FIELDS = ['targetId', 'name', 'spec.kind', 'spec.entrypoint', 'spec.inputs', 'spec.maxAttempts', 'spec.timeoutSeconds'] as const;
type FieldName = (typeof FIELDS)[number];

/** What the form hands the input picker the page plugs in (the datasets feature's, composed by the route). */
export interface InputsPickerProps {
  id: string;
  value: string[];
  onChange: (versionIds: string[]) => void;
  invalid?: boolean;
  describedBy?: string;
}

export type RenderInputsPicker = (props: InputsPickerProps) => ReactNode;

function toInt(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/**
 * Submits a run of this project to a compute target: target, executor kind (the target's by default), entrypoint
 * (a command line for `process`), params as key/value rows, input dataset versions (picked with `renderInputs`, the
 * page's picker), max attempts and timeout. A refusal naming a field (`spec.entrypoint`, `spec.parameters.lr`, …) shows under that field, any other under the
 * form; on success the new run's page opens.
 */
export function SubmitRunForm({ projectId, renderInputs }: { projectId: string; renderInputs: RenderInputsPicker }) {
  const id = useId();
  const targets = useTargets();
  const submitRun = useSubmitRun();
  const navigate = useNavigate();
  const list = targets.data?.pages.flatMap((page) => page.targets) ?? [];
  const [targetId, setTargetId] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [entrypoint, setEntrypoint] = useState('');
  const [params, setParams] = useState<Param[]>([{ key: '', value: '' }]);
  const [inputs, setInputs] = useState<string[]>([]);
  const [maxAttempts, setMaxAttempts] = useState('');
  const [timeoutSeconds, setTimeoutSeconds] = useState('');
  const chosen = targetId || list[0]?.id || '';
  const chosenTarget = list.find((t) => t.id === chosen);

  const error = submitRun.error;
  const named = error instanceof ApiError ? error.field : undefined;
  const fieldOf = FIELDS.find((f) => f === named);
  const paramKey = named?.startsWith('spec.parameters.') ? named.slice('spec.parameters.'.length) : undefined;
  const errorId = (field: string) => `${id}-${field.replace(/\W/g, '-')}-error`;
  const invalid = (field: FieldName) => ({
    'aria-invalid': fieldOf === field || undefined,
    'aria-describedby': fieldOf === field ? errorId(field) : undefined,
  });

  if (targets.isPending) return <Loading label="Loading compute targets…" />;
  if (targets.isError) return <ErrorMessage error={targets.error} />;
  if (list.length === 0) {
    return (
      <p className="muted">
        No compute target to submit to yet: an owner or admin creates one under <Link to={paths.computeTargets()}>Compute</Link>.
      </p>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parameters = Object.fromEntries(params.filter((p) => p.key.trim()).map((p) => [p.key.trim(), p.value]));
    const spec: RunSpec = {
      kind: kind || undefined,
      entrypoint,
      parameters: Object.keys(parameters).length ? parameters : undefined,
      inputs: inputs.length ? inputs : undefined,
      maxAttempts: toInt(maxAttempts),
      timeoutSeconds: toInt(timeoutSeconds),
    };
    submitRun.mutate(
      { targetId: chosen, input: { projectId, name: name.trim() || undefined, spec } },
      { onSuccess: (execution) => navigate(paths.run(execution.runId)) },
    );
  };

  const field = (key: FieldName, label: string, input: ReactNode, hint?: string) => (
    <div className={`field${key === 'spec.entrypoint' ? ' grow' : ''}`}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {input}
      {hint ? <span className="hint">{hint}</span> : null}
      {fieldOf === key ? <ErrorMessage error={error} id={errorId(key)} /> : null}
    </div>
  );

  const numberInput = (key: FieldName, value: string, set: (text: string) => void, placeholder: string) => (
    <input
      id={`${id}-${key}`}
      type="number"
      inputMode="numeric"
      placeholder={placeholder}
      value={value}
      onChange={(e) => set(e.target.value)}
      {...invalid(key)}
    />
  );

  const setParam = (index: number, change: Partial<Param>) =>
    setParams((previous) => previous.map((p, i) => (i === index ? { ...p, ...change } : p)));

  return (
    <form className="form-grid" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="wide">
        Submit a run
      </h2>
      {field(
        'targetId',
        'Compute target',
        <select id={`${id}-targetId`} value={chosen} onChange={(e) => setTargetId(e.target.value)}>
          {list.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.kind})
            </option>
          ))}
        </select>,
      )}
      {field(
        'spec.kind',
        'Kind',
        <select id={`${id}-spec.kind`} value={kind} onChange={(e) => setKind(e.target.value)} {...invalid('spec.kind')}>
          <option value="">the target's ({chosenTarget?.kind})</option>
          {COMPUTE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>,
      )}
      {field(
        'name',
        'Run name (optional)',
        <input id={`${id}-name`} value={name} maxLength={256} onChange={(e) => setName(e.target.value)} {...invalid('name')} />,
      )}
      {field(
        'spec.entrypoint',
        'Entrypoint',
        <input
          id={`${id}-spec.entrypoint`}
          className="mono"
          value={entrypoint}
          required
          placeholder="python train.py --epochs 10"
          onChange={(e) => setEntrypoint(e.target.value)}
          {...invalid('spec.entrypoint')}
        />,
        'For process targets a command line run with sh -c; for other kinds their job configuration.',
      )}
      <fieldset className="wide params">
        <legend>Params</legend>
        {params.map((param, index) => {
          const refused = paramKey !== undefined && param.key.trim() === paramKey;
          return (
            <div className="param-row" key={index}>
              <div className="field">
                <label htmlFor={`${id}-param-key-${index}`}>Param {index + 1} name</label>
                <input
                  id={`${id}-param-key-${index}`}
                  value={param.key}
                  onChange={(e) => setParam(index, { key: e.target.value })}
                  aria-invalid={refused || undefined}
                  aria-describedby={refused ? errorId('param') : undefined}
                />
              </div>
              <div className="field grow">
                <label htmlFor={`${id}-param-value-${index}`}>Param {index + 1} value</label>
                <input id={`${id}-param-value-${index}`} value={param.value} onChange={(e) => setParam(index, { value: e.target.value })} />
              </div>
              <button
                type="button"
                className="button ghost"
                aria-label={`Remove param ${index + 1}`}
                onClick={() => setParams((previous) => (previous.length > 1 ? previous.filter((_, i) => i !== index) : [{ key: '', value: '' }]))}
              >
                Remove
              </button>
              {refused ? <ErrorMessage error={error} id={errorId('param')} /> : null}
            </div>
          );
        })}
        <button type="button" className="button" onClick={() => setParams((previous) => [...previous, { key: '', value: '' }])}>
          Add param
        </button>
      </fieldset>
      <div className="wide">
        {renderInputs({
          id: `${id}-spec.inputs`,
          value: inputs,
          onChange: setInputs,
          invalid: fieldOf === 'spec.inputs',
          describedBy: fieldOf === 'spec.inputs' ? errorId('spec.inputs') : undefined,
        })}
        {fieldOf === 'spec.inputs' ? <ErrorMessage error={error} id={errorId('spec.inputs')} /> : null}
      </div>
      {field('spec.maxAttempts', 'Max attempts (optional)', numberInput('spec.maxAttempts', maxAttempts, setMaxAttempts, '3'), '1 to 10')}
      {field('spec.timeoutSeconds', 'Timeout in seconds (optional)', numberInput('spec.timeoutSeconds', timeoutSeconds, setTimeoutSeconds, 'none'))}
      <div className="field actions">
        <button type="submit" className="button primary" disabled={submitRun.isPending || !entrypoint.trim()}>
          {submitRun.isPending ? 'Submitting…' : 'Submit run'}
        </button>
      </div>
      <div className="form-feedback">{error && !fieldOf && paramKey === undefined ? <ErrorMessage error={error} /> : null}</div>
    </form>
  );
}
