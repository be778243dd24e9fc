export { CreateProjectForm } from './components/CreateProjectForm';
export { ProjectHeader, ProjectName } from './components/ProjectHeader';
export { ProjectsList } from './components/ProjectsList';
export { useProjects } from './api/get-projects';
export type { GranteeInputProps } from './components/SharingDialog';
export type { Project } from './types';
