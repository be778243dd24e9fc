import { useCallback, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { configureApiClient } from '@/shared/api/client';
import { paths } from '@/shared/paths';
import { AuthContext, type AuthState } from '../hooks/useAuth';
import { signOutAtProvider } from '../lib/oidc';
import { tokenStore } from '../token-store';

/**
 * Holds the session and plugs it into the API client: every call sends the token, and any 401 ends the session
 * and returns the user to sign-in (remembering where they were). The sign-in method (OpenID Connect code + PKCE
 * at the embedded provider, or a personal access token) is this feature's business alone.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(tokenStore.get);
  const [endedBecause, setEndedBecause] = useState<AuthState['endedBecause']>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const here = location.pathname + location.search;

  const signIn = useCallback((next: string, idToken?: string) => {
    tokenStore.set(next, idToken);
    setEndedBecause(null);
    setToken(next);
  }, []);

  const signOut = useCallback(() => {
    const idToken = tokenStore.idToken();
    tokenStore.clear();
    setToken(null);
    queryClient.clear();
    // The provider's session would sign the next "Sign in" straight back in: end it as well.
    if (idToken) signOutAtProvider(idToken).catch(() => undefined);
  }, [queryClient]);

  useLayoutEffect(() => {
    configureApiClient({
      getToken: tokenStore.get,
      onUnauthorized: () => {
        if (!tokenStore.get()) return;
        tokenStore.clear();
        setToken(null);
        setEndedBecause('expired');
        queryClient.clear();
        navigate(paths.signIn(here), { replace: true });
      },
    });
  }, [navigate, here, queryClient]);

  const value = useMemo(() => ({ token, endedBecause, signIn, signOut }), [token, endedBecause, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
