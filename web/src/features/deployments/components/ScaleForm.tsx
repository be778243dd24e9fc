import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '@/shared/ui/feedback';
import { useScaleDeployment } from '../api/scale-deployment';
import type { Deployment } from '../types';

/** Replicas 0–16: 0 keeps the deployment but stops its model servers; the local target runs one per version. */
export function ScaleForm({ deployment }: { deployment: Deployment }) {
  const id = useId();
  const scale = useScaleDeployment(deployment.id);
  const [replicas, setReplicas] = useState(String(deployment.replicas));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    scale.mutate(Number(replicas));
  };
  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>Scale</h2>
      <div className="field">
        <label htmlFor={`${id}-replicas`}>Replicas</label>
        <input
          id={`${id}-replicas`}
          type="number"
          min={0}
          max={16}
          required
          value={replicas}
          onChange={(e) => setReplicas(e.target.value)}
          aria-describedby={`${id}-hint`}
          aria-invalid={scale.isError || undefined}
        />
      </div>
      <div className="field actions">
        <button type="submit" className="button primary" disabled={scale.isPending || replicas === '' || Number(replicas) === deployment.replicas}>
          {scale.isPending ? 'Scaling…' : 'Scale'}
        </button>
      </div>
      <div className="form-feedback">
        <p className="hint" id={`${id}-hint`}>
          0 stops serving but keeps the deployment; the local target runs one model server per served version.
        </p>
        <ErrorMessage error={scale.error} />
        {scale.isSuccess && !scale.isPending ? (
          <p role="status" className="success-message">
            Scaled to {scale.data.replicas} replicas.
          </p>
        ) : null}
      </div>
    </form>
  );
}
