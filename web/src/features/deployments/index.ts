export { DeploymentDetail } from './components/DeploymentDetail';
export { DeploymentsList } from './components/DeploymentsList';
export { DeployVersionButton } from './components/DeployVersionButton';
export { useDeployment } from './api/get-deployment';
export type { DeploymentFilter, ModelVersionSummary } from './types';
