import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '@/shared/ui/feedback';
import { paths } from '@/shared/paths';
import { useSignIn } from '../api/verify-token';
import { useAuth } from '../hooks/useAuth';

/** Only same-origin paths may be a destination after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : paths.projects();
}

export function SignInPage() {
  const { token, endedBecause } = useAuth();
  const [params] = useSearchParams();
  const [value, setValue] = useState('');
  const signIn = useSignIn();
  const inputId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  if (token) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (trimmed) signIn.mutate(trimmed);
  };

  return (
    <main className="sign-in" id="main">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title" className="brand-title">
          <img src="/favicon.svg" alt="" width={28} height={28} /> Sign in to Cairn
        </h1>
        {endedBecause === 'expired' ? (
          <p className="notice" role="status">
            Your session ended (the token was refused). Sign in again to continue.
          </p>
        ) : null}
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
          aria-describedby={signIn.error ? errorId : undefined}
          aria-invalid={signIn.error ? true : undefined}
          required
        />
        <p className="hint">
          On its first start Cairn writes the administrator&apos;s token to <code>data/bootstrap-token</code>. The
          token is kept in this browser tab only.
        </p>
        <ErrorMessage error={signIn.error} id={errorId} />
        <button type="submit" className="button primary" disabled={signIn.isPending || !value.trim()}>
          {signIn.isPending ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
