import { createContext, useContext } from 'react';

export interface AuthState {
  /** The bearer token in use, or null when signed out. */
  token: string | null;
  /** Why the last session ended, to tell the user on the sign-in page. */
  endedBecause: 'expired' | null;
  signIn: (token: string) => void;
  signOut: () => void;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth must be used inside <AuthProvider>');
  return state;
}
