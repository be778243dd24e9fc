import { useRef, useState, type ReactNode } from 'react';
import { formatTime } from '@/shared/lib/format';
import { ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useProject } from '../api/get-project';
import { Tags } from '@/shared/ui/Tags';
import { ArchiveButton } from './ArchiveButton';
import { SharingDialog, type GranteeInputProps } from './SharingDialog';

/**
 * The top of a project's page: name, description, tags, state, the archive/restore action and sharing
 * (`renderGranteeInput` picks grantees from the organization's lists).
 */
export function ProjectHeader({ projectId, renderGranteeInput }: { projectId: string; renderGranteeInput?: (props: GranteeInputProps) => ReactNode }) {
  const project = useProject(projectId);
  const [sharing, setSharing] = useState(false);
  const shareButton = useRef<HTMLButtonElement>(null);
  const closeSharing = () => {
    setSharing(false);
    shareButton.current?.focus();
  };
  if (project.isPending) return <Loading label="Loading project…" />;
  if (project.isError) return <ErrorMessage error={project.error} />;
  const p = project.data;
  return (
    <header className="page-header">
      <div>
        <h1>
          {p.name} {p.archived ? <span className="badge muted-badge">archived</span> : null}
        </h1>
        {p.description ? <p className="lead">{p.description}</p> : null}
        <Tags tags={p.tags} />
        <p className="muted small">
          Created {formatTime(p.creationTime)} · updated {formatTime(p.lastUpdateTime)}
        </p>
        {p.archived ? <p className="notice">This project is archived: it accepts no new runs. Restore it to log more.</p> : null}
      </div>
      <div className="header-actions">
        <button ref={shareButton} type="button" className="button" aria-expanded={sharing} onClick={() => setSharing(!sharing)}>
          Share
        </button>
        <ArchiveButton project={p} />
      </div>
      {sharing ? <SharingDialog projectId={projectId} onClose={closeSharing} renderGranteeInput={renderGranteeInput} /> : null}
    </header>
  );
}

/** The project's name for breadcrumbs (falls back to its id while loading or when unknown). */
export function ProjectName({ projectId }: { projectId: string }) {
  const project = useProject(projectId);
  return <>{project.data?.name ?? projectId}</>;
}
