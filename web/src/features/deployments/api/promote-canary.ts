import { apiJson, encodePath } from '@/shared/api/client';
import type { Deployment } from '../types';
import { useDeploymentChange } from './change';

/** `POST /deployments/{id}/promote`: the canary becomes the stable version with all the traffic. */
export function promoteCanary(id: string) {
  return apiJson<Deployment>(`/deployments/${encodePath(id)}/promote`, { method: 'POST' });
}

export function usePromoteCanary(id: string) {
  return useDeploymentChange(id, () => promoteCanary(id));
}
