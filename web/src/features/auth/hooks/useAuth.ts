import { createContext, useContext } from 'react';
import { principalIdOf } from '../lib/principal';

export interface AuthState {
  /** The bearer token in use, or null when signed out. */
  token: string | null;
  /** Why the last session ended, to tell the user on the sign-in page. */
  endedBecause: 'expired' | null;
  /** Starts a session with an access token (and, after OpenID sign-in, its ID token). */
  signIn: (token: string, idToken?: string) => void;
  /** Ends the session here and, after OpenID sign-in, at the provider too. */
  signOut: () => void;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth must be used inside <AuthProvider>');
  return state;
}

/** The signed-in principal's id when the token carries it (see `principalIdOf`). */
export function useCurrentPrincipalId(): string | undefined {
  return principalIdOf(useAuth().token);
}
