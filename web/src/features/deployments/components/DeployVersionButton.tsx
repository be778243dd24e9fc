import { useNavigate } from 'react-router';
import { paths } from '@/shared/paths';
import { ErrorMessage } from '@/shared/ui/feedback';
import { useCreateDeployment } from '../api/create-deployment';

/**
 * "Deploy" on a registered version: creates a deployment of it on the `local` target with one replica and opens
 * its page. The server refuses what it cannot serve (a `generic` flavor, no signature) and the detail shows here.
 */
export function DeployVersionButton({ modelId, version }: { modelId: string; version: number }) {
  const create = useCreateDeployment();
  const navigate = useNavigate();
  return (
    <div className="inline-action">
      <button
        type="button"
        className="button"
        aria-label={`Deploy v${version}`}
        disabled={create.isPending}
        onClick={() => create.mutate({ modelId, version, target: 'local' }, { onSuccess: (d) => navigate(paths.deployment(d.id)) })}
      >
        {create.isPending ? 'Deploying…' : 'Deploy'}
      </button>
      <ErrorMessage error={create.error} />
    </div>
  );
}
