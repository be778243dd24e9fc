import { apiJson, encodePath } from '@/shared/api/client';
import type { Deployment } from '../types';
import { useDeploymentChange } from './change';

/** `POST /deployments/{id}/scale`: 0–16 replicas; 0 keeps the deployment but serves nothing. */
export function scaleDeployment(id: string, replicas: number) {
  return apiJson<Deployment>(`/deployments/${encodePath(id)}/scale`, { method: 'POST', body: { replicas } });
}

export function useScaleDeployment(id: string) {
  return useDeploymentChange(id, (replicas: number) => scaleDeployment(id, replicas));
}
