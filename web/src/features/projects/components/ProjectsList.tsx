import { useId, useState } from 'react';
import { Link } from 'react-router';
import { formatTime } from '@/shared/lib/format';
import { paths } from '@/shared/paths';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { LoadMoreButton } from '@/shared/ui/LoadMoreButton';
import { useProjects } from '../api/get-projects';
import { ArchiveButton } from './ArchiveButton';
import { Tags } from '@/shared/ui/Tags';

export function ProjectsList() {
  const [includeArchived, setIncludeArchived] = useState(false);
  const projects = useProjects(includeArchived);
  const toggleId = useId();
  const rows = projects.data?.pages.flatMap((page) => page.projects) ?? [];

  return (
    <section aria-labelledby="projects-list-title" className="card">
      <div className="toolbar">
        <h2 id="projects-list-title">Projects</h2>
        <label htmlFor={toggleId} className="checkbox-label">
          <input
            id={toggleId}
            type="checkbox"
            checked={includeArchived}
            onChange={(event) => setIncludeArchived(event.target.checked)}
          />
          Include archived
        </label>
      </div>
      {projects.isPending ? <Loading label="Loading projects…" /> : null}
      {projects.isError ? <ErrorMessage error={projects.error} /> : null}
      {projects.isSuccess && rows.length === 0 ? (
        <EmptyState title={includeArchived ? 'No projects yet' : 'No active projects'}>
          Create one above, or log a run with the API: <code>POST /api/v1/projects</code>.
        </EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Tags</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((project) => (
              <tr key={project.id} className={project.archived ? 'archived' : undefined}>
                <td>
                  <Link to={paths.project(project.id)}>{project.name}</Link>
                  {project.archived ? <span className="badge muted-badge">archived</span> : null}
                </td>
                <td className="wrap">{project.description || <span className="muted">—</span>}</td>
                <td>
                  <Tags tags={project.tags} />
                </td>
                <td className="nowrap">{formatTime(project.creationTime)}</td>
                <td className="row-actions">
                  <ArchiveButton project={project} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <LoadMoreButton list={projects} label="Load more projects" />
    </section>
  );
}
