import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import type { Profile } from '../types';
import { accountKeys } from './keys';

/** `PUT /me/profile`: sets display name and e-mail address (blank clears one). */
export function updateProfile(displayName: string, email: string) {
  return apiJson<Profile>('/me/profile', { method: 'PUT', body: { displayName, email } });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ displayName, email }: { displayName: string; email: string }) => updateProfile(displayName, email),
    onSuccess: (profile) => {
      queryClient.setQueryData(accountKeys.profile(), profile);
      // the greeting in the header comes from /me
      return queryClient.invalidateQueries({ queryKey: ['organizations', 'me'] });
    },
  });
}
