/** The auth feature's public face: the rest of the UI knows a session exists, never how it was obtained. */
export { AuthCallbackPage } from './components/AuthCallbackPage';
export { AuthProvider } from './components/AuthProvider';
export { RequireAuth } from './components/RequireAuth';
export { SignInPage } from './components/SignInPage';
export { useAuth, useCurrentPrincipalId } from './hooks/useAuth';
export { isPersonalAccessToken } from './lib/principal';
