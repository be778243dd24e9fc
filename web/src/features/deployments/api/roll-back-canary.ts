import { apiJson, encodePath } from '@/shared/api/client';
import type { Deployment } from '../types';
import { useDeploymentChange } from './change';

/** `POST /deployments/{id}/rollback`: the canary is dropped; the stable version takes all the traffic again. */
export function rollBackCanary(id: string) {
  return apiJson<Deployment>(`/deployments/${encodePath(id)}/rollback`, { method: 'POST' });
}

export function useRollBackCanary(id: string) {
  return useDeploymentChange(id, () => rollBackCanary(id));
}
