import { useState } from 'react';
import { useNavigate } from 'react-router';
import { paths } from '@/shared/paths';
import { ErrorMessage } from '@/shared/ui/feedback';
import { useDeleteDeployment } from '../api/delete-deployment';
import type { Deployment } from '../types';

/** Delete with a confirmation; its model servers stop and the UI returns to the list. */
export function DeleteDeployment({ deployment }: { deployment: Deployment }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteDeployment(deployment.id);
  const navigate = useNavigate();
  if (!confirming) {
    return (
      <button type="button" className="button danger" onClick={() => setConfirming(true)}>
        Delete deployment
      </button>
    );
  }
  return (
    <div className="danger-zone" role="group" aria-label="Confirm deletion">
      <p>
        Delete <strong>{deployment.name}</strong>? Its model servers stop and scoring requests to it answer 404. The
        registered model versions stay.
      </p>
      <button
        type="button"
        className="button danger"
        disabled={remove.isPending}
        onClick={() => remove.mutate(undefined, { onSuccess: () => navigate(paths.deployments()) })}
      >
        {remove.isPending ? 'Deleting…' : `Delete ${deployment.name}`}
      </button>{' '}
      <button type="button" className="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      <ErrorMessage error={remove.error} />
    </div>
  );
}
