import { useMutation } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import { useAuth } from '../hooks/useAuth';

/**
 * Checks a personal access token with the cheapest authenticated call there is (one project, at most). A 401
 * here is the answer to show, not the end of a session, so it does not redirect.
 */
export async function verifyToken(token: string): Promise<void> {
  await apiJson('/projects', { query: { maxResults: 1 }, token, redirectOnUnauthorized: false });
}

/** Verifies the token, then keeps it for this tab. */
export function useSignIn() {
  const { signIn } = useAuth();
  return useMutation({
    mutationFn: async (token: string) => {
      await verifyToken(token);
      return token;
    },
    onSuccess: (token) => signIn(token),
  });
}
