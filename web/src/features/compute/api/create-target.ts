import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import type { ComputeTarget, CreateTargetInput } from '../types';
import { computeKeys } from './keys';

/** `POST /compute/targets`: 201 with the new target (owners and admins). */
export function createTarget(input: CreateTargetInput) {
  return apiJson<ComputeTarget>('/compute/targets', { method: 'POST', body: input });
}

export function useCreateTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTarget,
    onSuccess: (target) => {
      queryClient.setQueryData(computeKeys.target(target.id), target);
      return queryClient.invalidateQueries({ queryKey: computeKeys.targets() });
    },
  });
}
