import { useNavigate } from 'react-router';
import { paths } from '@/shared/paths';
import { ConfirmDeletion } from '@/shared/ui/ConfirmDeletion';
import { useDeleteDeployment } from '../api/delete-deployment';
import type { Deployment } from '../types';

/** Delete with a confirmation; its model servers stop and the UI returns to the list. */
export function DeleteDeployment({ deployment }: { deployment: Deployment }) {
  const remove = useDeleteDeployment(deployment.id);
  const navigate = useNavigate();
  return (
    <ConfirmDeletion
      label="Delete deployment"
      name={deployment.name}
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate(undefined, { onSuccess: () => navigate(paths.deployments()) })}
    >
      Delete <strong>{deployment.name}</strong>? Its model servers stop and scoring requests to it answer 404. The
      registered model versions stay.
    </ConfirmDeletion>
  );
}
