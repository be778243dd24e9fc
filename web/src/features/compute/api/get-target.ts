import { useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { ComputeTarget } from '../types';
import { computeKeys } from './keys';

/** `GET /compute/targets/{id}`. */
export function getTarget(id: string) {
  return apiJson<ComputeTarget>(`/compute/targets/${encodePath(id)}`);
}

export function useTarget(id: string) {
  return useQuery({ queryKey: computeKeys.target(id), queryFn: () => getTarget(id), enabled: id !== '' });
}
