import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import type { CreateModelInput, Model } from '../types';
import { modelKeys } from './keys';

/** `POST /models`: 201 with the new model. */
export function createModel(input: CreateModelInput) {
  return apiJson<Model>('/models', { method: 'POST', body: input });
}

export function useCreateModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createModel,
    onSuccess: (model) => {
      queryClient.setQueryData(modelKeys.detail(model.id), model);
      return queryClient.invalidateQueries({ queryKey: [...modelKeys.all, 'list'] });
    },
  });
}
