import { CreateProjectForm, ProjectsList } from '@/features/projects';

export function ProjectsRoute() {
  return (
    <>
      <h1 className="visually-hidden">Projects</h1>
      <CreateProjectForm />
      <ProjectsList />
    </>
  );
}
