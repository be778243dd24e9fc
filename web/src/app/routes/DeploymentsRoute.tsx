import { Link, useParams } from 'react-router';
import { DeploymentDetail, DeploymentsList, useDeployment, type ModelVersionSummary } from '@/features/deployments';
import { ModelName, useModelVersions } from '@/features/models';
import { useMe } from '@/features/organizations';
import { ProjectName } from '@/features/projects';
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

export function DeploymentsRoute() {
  return (
    <>
      <h1 className="visually-hidden">Deployments</h1>
      <DeploymentsList renderModel={modelLink} />
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
