import { ErrorMessage } from '@/shared/ui/feedback';
import { useArchiveProject } from '../api/archive-project';
import { useRestoreProject } from '../api/restore-project';
import type { Project } from '../types';

/** Archive or restore one project; a refusal is shown right beside the button. */
export function ArchiveButton({ project }: { project: Project }) {
  const archive = useArchiveProject();
  const restore = useRestoreProject();
  const pending = archive.isPending || restore.isPending;
  const error = project.archived ? restore.error : archive.error;
  return (
    <span className="inline-action">
      {project.archived ? (
        <button
          type="button"
          className="button small"
          disabled={pending}
          onClick={() => {
            archive.reset();
            restore.mutate(project.id);
          }}
          aria-label={`Restore ${project.name}`}
        >
          Restore
        </button>
      ) : (
        <button
          type="button"
          className="button small"
          disabled={pending}
          onClick={() => {
            restore.reset();
            archive.mutate(project.id);
          }}
          aria-label={`Archive ${project.name}`}
        >
          Archive
        </button>
      )}
      <ErrorMessage error={error} />
    </span>
  );
}
