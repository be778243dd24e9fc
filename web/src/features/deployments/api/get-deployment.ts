import { useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Deployment } from '../types';
import { DEPLOYMENT_REFRESH_MS, deploymentKeys } from './keys';

/** `GET /deployments/{id}`: with each served version's model-server status. */
export function getDeployment(id: string) {
  return apiJson<Deployment>(`/deployments/${encodePath(id)}`);
}

/** Refreshes while the page is open: model servers move from PENDING through STARTING to READY on their own. */
export function useDeployment(id: string) {
  return useQuery({
    queryKey: deploymentKeys.detail(id),
    queryFn: () => getDeployment(id),
    enabled: id !== '',
    refetchInterval: (query) => (query.state.status === 'error' ? false : DEPLOYMENT_REFRESH_MS),
  });
}
