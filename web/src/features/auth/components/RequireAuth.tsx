import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { paths } from '@/shared/paths';
import { useAuth } from '../hooks/useAuth';

/** Renders its children only when signed in; otherwise sends the user to sign-in and back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { token } = useAuth();
  const location = useLocation();
  if (!token) return <Navigate to={paths.signIn(location.pathname + location.search)} replace />;
  return <>{children}</>;
}
