import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '@/shared/api/client';
import { ErrorMessage } from '@/shared/ui/feedback';
import { paths } from '@/shared/paths';
import { useCreateTarget } from '../api/create-target';
import { COMPUTE_KINDS, type ComputeKind, type TargetSettings } from '../types';

const KIND_HINTS: Record<ComputeKind, string> = {
  process: 'Any command line, run by an agent with sh -c.',
  dl4j: 'Deeplearning4j training on the JVM (no agent executes it yet).',
  spark: 'Spark jobs against a master (no agent executes it yet).',
  kubernetes: 'Jobs in a Kubernetes namespace (no agent executes it yet).',
};

const FIELDS = ['name', 'kind', 'settings.sparkMaster', 'settings.namespace', 'settings.gpus', 'settings.maxConcurrentRuns'] as const;
type FieldName = (typeof FIELDS)[number];

function toInt(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/**
 * New compute target (owners and admins): name, kind and the settings that kind takes. A refusal naming a field
 * is shown under that field; any other refusal under the form.
 */
export function CreateTargetForm() {
  const id = useId();
  const create = useCreateTarget();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ComputeKind>('process');
  const [sparkMaster, setSparkMaster] = useState('');
  const [namespace, setNamespace] = useState('');
  const [gpus, setGpus] = useState('');
  const [maxConcurrentRuns, setMaxConcurrentRuns] = useState('');

  const error = create.error;
  const named = error instanceof ApiError ? error.field : undefined;
  const fieldOf = FIELDS.find((f) => f === named);
  const errorFor = (field: FieldName) => (fieldOf === field ? error : null);
  const errorId = (field: FieldName) => `${id}-${field.replace('.', '-')}-error`;
  const describedBy = (field: FieldName) => (fieldOf === field ? errorId(field) : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const settings: TargetSettings = {
      sparkMaster: kind === 'spark' && sparkMaster.trim() ? sparkMaster.trim() : undefined,
      namespace: kind === 'kubernetes' && namespace.trim() ? namespace.trim() : undefined,
      gpus: toInt(gpus),
      maxConcurrentRuns: toInt(maxConcurrentRuns),
    };
    const hasSettings = Object.values(settings).some((value) => value !== undefined);
    create.mutate(
      { name: name.trim(), kind, settings: hasSettings ? settings : undefined },
      {
        onSuccess: () => {
          setName('');
          setSparkMaster('');
          setNamespace('');
          setGpus('');
          setMaxConcurrentRuns('');
        },
      },
    );
  };

  const field = (key: FieldName, label: string, input: ReactNode, hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {input}
      {hint ? <span className="hint">{hint}</span> : null}
      <ErrorMessage error={errorFor(key)} id={errorId(key)} />
    </div>
  );

  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>New compute target</h2>
      {field(
        'name',
        'Target name',
        <input
          id={`${id}-name`}
          value={name}
          maxLength={256}
          required
          placeholder="gpu-pool"
          onChange={(event) => setName(event.target.value)}
          aria-invalid={fieldOf === 'name' || undefined}
          aria-describedby={describedBy('name')}
        />,
      )}
      {field(
        'kind',
        'Kind',
        <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as ComputeKind)} aria-describedby={`${id}-kind-hint`}>
          {COMPUTE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>,
      )}
      {kind === 'spark'
        ? field(
            'settings.sparkMaster',
            'Spark master',
            <input
              id={`${id}-settings.sparkMaster`}
              value={sparkMaster}
              placeholder="local[*] or spark://host:7077"
              onChange={(event) => setSparkMaster(event.target.value)}
              aria-invalid={fieldOf === 'settings.sparkMaster' || undefined}
              aria-describedby={describedBy('settings.sparkMaster')}
            />,
          )
        : null}
      {kind === 'kubernetes'
        ? field(
            'settings.namespace',
            'Namespace',
            <input
              id={`${id}-settings.namespace`}
              value={namespace}
              placeholder="ml-jobs"
              onChange={(event) => setNamespace(event.target.value)}
              aria-invalid={fieldOf === 'settings.namespace' || undefined}
              aria-describedby={describedBy('settings.namespace')}
            />,
          )
        : null}
      {field(
        'settings.gpus',
        'GPUs (optional)',
        <input
          id={`${id}-settings.gpus`}
          type="number"
          inputMode="numeric"
          value={gpus}
          onChange={(event) => setGpus(event.target.value)}
          aria-invalid={fieldOf === 'settings.gpus' || undefined}
          aria-describedby={describedBy('settings.gpus')}
        />,
      )}
      {field(
        'settings.maxConcurrentRuns',
        'Max concurrent runs (optional)',
        <input
          id={`${id}-settings.maxConcurrentRuns`}
          type="number"
          inputMode="numeric"
          value={maxConcurrentRuns}
          placeholder="unlimited"
          onChange={(event) => setMaxConcurrentRuns(event.target.value)}
          aria-invalid={fieldOf === 'settings.maxConcurrentRuns' || undefined}
          aria-describedby={describedBy('settings.maxConcurrentRuns')}
        />,
      )}
      <div className="field actions">
        <button type="submit" className="button primary" disabled={create.isPending || !name.trim()}>
          {create.isPending ? 'Creating…' : 'Create target'}
        </button>
      </div>
      <div className="form-feedback">
        <p className="hint" id={`${id}-kind-hint`}>
          {KIND_HINTS[kind]}
        </p>
        {error && !fieldOf ? <ErrorMessage error={error} /> : null}
        {create.data && !create.isPending && !error ? (
          <p role="status" className="success-message">
            Created <Link to={paths.computeTarget(create.data.id)}>{create.data.name}</Link>.
          </p>
        ) : null}
      </div>
    </form>
  );
}
