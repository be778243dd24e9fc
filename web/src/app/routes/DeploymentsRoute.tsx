import { Link, useParams, useSearchParams } from 'react-router';
import { DeploymentDetail, DeploymentsList, useDeployment, type DeploymentFilter, type ModelVersionSummary } from '@/features/deployments';
import { ModelName, useModels, useModelVersions } from '@/features/models';
import { useMe } from '@/features/organizations';
import { ProjectName, useProjects } from '@/features/projects';
import { paths } from '@/shared/paths';
import { Breadcrumbs } from '../Breadcrumbs';

const modelLink = (modelId: string) => (
  <Link to={paths.model(modelId)}>
    <ModelName modelId={modelId} />
  </Link>
);

const projectLink = (projectId: string) => (
  <Link to={paths.project(projectId)}>
    <ProjectName projectId={projectId} />
  </Link>
);

/**
 * The deployments list, narrowed by project and model (kept in the URL: `?projectId=&modelId=`); the filters offer
 * the organization's projects and registered models (their first pages).
 */
export function DeploymentsRoute() {
  const [params, setParams] = useSearchParams();
  const filter: DeploymentFilter = { projectId: params.get('projectId') ?? undefined, modelId: params.get('modelId') ?? undefined };
  const projects = useProjects(false).data?.pages.flatMap((page) => page.projects) ?? [];
  const models = useModels(false).data?.pages.flatMap((page) => page.models) ?? [];
  const changeFilter = (next: DeploymentFilter) => {
    const search = new URLSearchParams();
    if (next.projectId) search.set('projectId', next.projectId);
    if (next.modelId) search.set('modelId', next.modelId);
    setParams(search, { replace: true });
  };
  return (
    <>
      <h1 className="visually-hidden">Deployments</h1>
      <DeploymentsList renderModel={modelLink} filter={filter} onFilterChange={changeFilter} projects={projects} models={models} />
    </>
  );
}

/** A deployment's page, with its model's versions from the registry (signatures for "try it", numbers to roll out). */
export function DeploymentRoute() {
  const { deploymentId = '' } = useParams();
  const deployment = useDeployment(deploymentId);
  const modelId = deployment.data?.modelId ?? '';
  const modelVersions = useModelVersions(modelId, { enabled: modelId !== '' });
  const versions: ModelVersionSummary[] | undefined = modelVersions.data?.pages.flatMap((page) => page.versions);
  const auditor = useMe().data?.role === 'AUDITOR';
  return (
    <>
      <Breadcrumbs items={[{ label: 'Deployments', to: paths.deployments() }, { label: deployment.data?.name ?? 'Deployment' }]} />
      <DeploymentDetail key={deploymentId} deploymentId={deploymentId} versions={versions} renderModel={modelLink} renderProject={projectLink} canChange={!auditor} />
    </>
  );
}
