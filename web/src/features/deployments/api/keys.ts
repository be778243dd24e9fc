import type { DeploymentFilter } from '../types';

/** Query keys of the deployments feature; invalidating `deploymentKeys.detail(id)` refreshes everything about one. */
export const deploymentKeys = {
  all: ['deployments'] as const,
  list: (filter: DeploymentFilter) => [...deploymentKeys.all, 'list', filter] as const,
  detail: (id: string) => [...deploymentKeys.all, 'detail', id] as const,
  telemetry: (id: string) => [...deploymentKeys.detail(id), 'telemetry'] as const,
};

/** How often an open deployment page refreshes its status (model servers start in seconds to minutes). */
export const DEPLOYMENT_REFRESH_MS = 3000;
/** How often an open deployment page asks for telemetry. */
export const TELEMETRY_REFRESH_MS = 3000;
