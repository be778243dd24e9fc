import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { ErrorMessage } from '@/shared/ui/feedback';
import { useSignIn } from '../api/verify-token';
import { useAuth } from '../hooks/useAuth';
import { safeNext } from '../lib/next';
import { startSignIn } from '../lib/oidc';

/**
 * Sign-in: "Sign in" goes to the embedded OpenID provider's sign-in page (authorization code + PKCE) and comes back
 * at /auth/callback; that page also offers the organization's SSO (the organization id, then its own provider); a personal access token is the alternative, for users without a password.
 */
export function SignInPage() {
  const { token, endedBecause } = useAuth();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [useToken, setUseToken] = useState(false);
  const [value, setValue] = useState('');
  const signInWithToken = useSignIn();
  const redirect = useMutation({ mutationFn: () => startSignIn(next) });
  const inputId = useId();
  const errorId = useId();
  const tokenFormId = useId();
  const input = useRef<HTMLInputElement>(null);
  const primary = useRef<HTMLButtonElement>(null);

  useEffect(() => (useToken ? input.current : primary.current)?.focus(), [useToken]);

  if (token) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (trimmed) signInWithToken.mutate(trimmed);
  };

  return (
    <main className="sign-in" id="main">
      <section className="card sign-in-card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title" className="brand-title">
          <img src="/favicon.svg" alt="" width={28} height={28} /> Sign in to Cairn
        </h1>
        {endedBecause === 'expired' ? (
          <p className="notice" role="status">
            Your session ended (the token was refused). Sign in again to continue.
          </p>
        ) : null}
        <button
          ref={primary}
          type="button"
          className="button primary"
          onClick={() => redirect.mutate()}
          disabled={redirect.isPending}
        >
          {redirect.isPending ? 'Opening sign-in…' : 'Sign in'}
        </button>
        <ErrorMessage error={redirect.error} />
        <p className="hint">
          With your Cairn username and password, or with your organization&apos;s single sign-on (SSO), at Cairn&apos;s
          sign-in page.
        </p>
        <button
          type="button"
          className="button ghost"
          aria-expanded={useToken}
          aria-controls={tokenFormId}
          onClick={() => setUseToken((shown) => !shown)}
        >
          Use a personal access token
        </button>
        {useToken ? (
          <form id={tokenFormId} className="sign-in-token" onSubmit={submit} aria-label="Token sign-in">
            <label htmlFor={inputId}>Personal access token</label>
            <input
              ref={input}
              id={inputId}
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder="cairn_pat_…"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              aria-describedby={signInWithToken.error ? errorId : undefined}
              aria-invalid={signInWithToken.error ? true : undefined}
              required
            />
            <p className="hint">
              On its first start Cairn writes the administrator&apos;s token to <code>data/bootstrap-token</code>. The
              token is kept in this browser tab only.
            </p>
            <ErrorMessage error={signInWithToken.error} id={errorId} />
            <button type="submit" className="button" disabled={signInWithToken.isPending || !value.trim()}>
              {signInWithToken.isPending ? 'Checking…' : 'Sign in with token'}
            </button>
          </form>
        ) : null}
      </section>
    </main>
  );
}
