import { useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Dataset } from '../types';
import { datasetKeys } from './keys';

/** `GET /datasets/{id}`: the dataset with its versions, newest first. */
export function getDataset(id: string) {
  return apiJson<Dataset>(`/datasets/${encodePath(id)}`);
}

export function useDataset(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: datasetKeys.detail(id), queryFn: () => getDataset(id), enabled });
}
