import { apiJson, encodePath } from '@/shared/api/client';
import type { Deployment, UpdateDeploymentInput } from '../types';
import { useDeploymentChange } from './change';

/** `POST /deployments/{id}/update`: a new version at once, or as a canary with 1–99 % of the traffic. */
export function updateDeployment(id: string, input: UpdateDeploymentInput) {
  return apiJson<Deployment>(`/deployments/${encodePath(id)}/update`, { method: 'POST', body: input });
}

export function useUpdateDeployment(id: string) {
  return useDeploymentChange(id, (input: UpdateDeploymentInput) => updateDeployment(id, input));
}
