import { useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Model } from '../types';
import { modelKeys } from './keys';

/** `GET /models/{id}`: the model with its aliases (also a deleted one). */
export function getModel(id: string) {
  return apiJson<Model>(`/models/${encodePath(id)}`);
}

export function useModel(id: string) {
  return useQuery({ queryKey: modelKeys.detail(id), queryFn: () => getModel(id) });
}
