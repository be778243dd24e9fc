import { useQuery } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import type { Profile } from '../types';
import { accountKeys } from './keys';

/** `GET /me/profile`. */
export function getProfile() {
  return apiJson<Profile>('/me/profile');
}

export function useProfile() {
  return useQuery({ queryKey: accountKeys.profile(), queryFn: getProfile });
}
