import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '@/shared/ui/feedback';
import { useRegisterModelVersion } from '../api/register-model-version';
import { parseFields } from '../lib/signature';
import { FLAVORS, SIGNATURE_TYPES } from '../types';

/** Registers a version from an artifact a run logged, with its flavor and (optional) signature. */
export function RegisterVersionForm({ modelId, initialRunId = '', initialArtifactPath = '' }: { modelId: string; initialRunId?: string; initialArtifactPath?: string }) {
  const [runId, setRunId] = useState(initialRunId);
  const [artifactPath, setArtifactPath] = useState(initialArtifactPath);
  const [flavor, setFlavor] = useState<string>('generic');
  const [inputs, setInputs] = useState('');
  const [outputs, setOutputs] = useState('');
  const [description, setDescription] = useState('');
  const [signatureError, setSignatureError] = useState<string | null>(null);
  const register = useRegisterModelVersion(modelId);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSignatureError(null);
    let signature;
    try {
      const inputFields = parseFields(inputs);
      const outputFields = parseFields(outputs);
      if (inputFields.length === 0 && outputFields.length > 0) throw new Error('A signature needs at least one input');
      signature = inputFields.length > 0 ? { inputs: inputFields, outputs: outputFields } : undefined;
    } catch (error) {
      setSignatureError((error as Error).message);
      return;
    }
    register.mutate(
      { runId: runId.trim(), artifactPath: artifactPath.trim(), flavor, signature, description: description.trim() || undefined },
      { onSuccess: () => (setInputs(''), setOutputs(''), setDescription('')) },
    );
  };

  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Register a version</h2>
      <div className="field">
        <label htmlFor={`${id}-run`}>Run id</label>
        <input id={`${id}-run`} value={runId} onChange={(e) => setRunId(e.target.value)} required className="mono" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-path`}>Artifact path</label>
        <input id={`${id}-path`} value={artifactPath} onChange={(e) => setArtifactPath(e.target.value)} placeholder="model/model.zip" required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-flavor`}>Flavor</label>
        <select id={`${id}-flavor`} value={flavor} onChange={(e) => setFlavor(e.target.value)}>
          {FLAVORS.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
      </div>
      <div className="field grow">
        <label htmlFor={`${id}-inputs`}>Signature inputs (optional)</label>
        <input id={`${id}-inputs`} value={inputs} onChange={(e) => setInputs(e.target.value)} placeholder="age: integer, income: double" aria-describedby={`${id}-types`} />
      </div>
      <div className="field grow">
        <label htmlFor={`${id}-outputs`}>Signature outputs (optional)</label>
        <input id={`${id}-outputs`} value={outputs} onChange={(e) => setOutputs(e.target.value)} placeholder="churn: double" aria-describedby={`${id}-types`} />
      </div>
      <div className="field grow">
        <label htmlFor={`${id}-description`}>Version description (optional)</label>
        <input id={`${id}-description`} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="field actions">
        <button type="submit" className="button primary" disabled={register.isPending || !runId.trim() || !artifactPath.trim()}>
          {register.isPending ? 'Registering…' : 'Register version'}
        </button>
      </div>
      <div className="form-feedback">
        <p id={`${id}-types`} className="hint">
          Fields as <code>name: type</code>, comma-separated; types: {SIGNATURE_TYPES.join(', ')}.
        </p>
        {signatureError ? (
          <p className="error-message" role="alert">
            {signatureError}
          </p>
        ) : null}
        <ErrorMessage error={register.error} />
        {register.isSuccess && register.data ? (
          <p role="status" className="success-message">
            Registered version {register.data.version}.
          </p>
        ) : null}
      </div>
    </form>
  );
}
