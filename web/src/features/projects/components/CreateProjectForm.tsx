import { Link } from 'react-router';
import { paths } from '@/shared/paths';
import { CreateNamedForm } from '@/shared/ui/CreateNamedForm';
import { useCreateProject } from '../api/create-project';

export function CreateProjectForm() {
  return (
    <CreateNamedForm
      title="New project"
      nameLabel="Name"
      descriptionLabel="Description (optional)"
      placeholder="churn-model"
      submitLabel="Create project"
      create={useCreateProject()}
      created={(project) => (
        <>
          Created <Link to={paths.project(project.id)}>{project.name}</Link>.
        </>
      )}
    />
  );
}
