import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { paths } from '@/shared/paths';
import { useAuth } from '../hooks/useAuth';
import { safeNext } from '../lib/next';
import { completeSignIn } from '../lib/oidc';

function describe(error: unknown): string {
  if (error && typeof error === 'object') {
    const { error_description: description, message } = error as { error_description?: string; message?: string };
    if (description) return description;
    if (message) return message;
  }
  return 'The sign-in could not be completed';
}

/** The OpenID provider returns here with a code: exchange it, start the session, open the page asked for. */
export function AuthCallbackPage() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [failure, setFailure] = useState<string | null>(null);
  const callbackUrl = window.location.origin + location.pathname + location.search;

  useEffect(() => {
    let active = true;
    completeSignIn(callbackUrl).then(
      (session) => {
        if (!active) return;
        signIn(session.accessToken, session.idToken);
        navigate(safeNext(session.next), { replace: true });
      },
      (error: unknown) => active && setFailure(describe(error)),
    );
    return () => {
      active = false;
    };
  }, [callbackUrl, navigate, signIn]);

  return (
    <main className="sign-in" id="main">
      <section className="card sign-in-card" aria-labelledby="callback-title">
        <h1 id="callback-title" className="brand-title">
          <img src="/favicon.svg" alt="" width={28} height={28} /> Signing in…
        </h1>
        {failure ? (
          <>
            <p className="error-message" role="alert">
              Sign-in failed: {failure}
            </p>
            <Link className="button primary" to={paths.signIn()}>
              Back to sign-in
            </Link>
          </>
        ) : (
          <p role="status">Completing the sign-in.</p>
        )}
      </section>
    </main>
  );
}
