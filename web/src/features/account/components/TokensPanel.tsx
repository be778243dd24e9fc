import { useId, useState, type FormEvent } from 'react';
import { formatTime } from '@/shared/lib/format';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useCreateToken } from '../api/create-token';
import { useRevokeToken } from '../api/revoke-token';
import { useTokens } from '../api/get-tokens';
import type { AccessToken } from '../types';

function status(token: AccessToken): string {
  if (token.revokedTime) return `revoked ${formatTime(token.revokedTime)}`;
  if (token.expiryTime && token.expiryTime <= Date.now()) return `expired ${formatTime(token.expiryTime)}`;
  return token.expiryTime ? `valid until ${formatTime(token.expiryTime)}` : 'valid, no expiry';
}

function CreateTokenForm() {
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const create = useCreateToken();
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), expiresInDays: days ? Number(days) : undefined }, { onSuccess: () => setName('') });
  };
  return (
    <>
      <form className="form-grid" onSubmit={submit} aria-label="Create a token">
        <div className="field grow">
          <label htmlFor={`${id}-name`}>Token name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder="laptop, CI, MLflow…" required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-days`}>Expires after (days)</label>
          <input id={`${id}-days`} type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} placeholder="never" />
        </div>
        <div className="field actions">
          <button type="submit" className="button primary" disabled={create.isPending || !name.trim()}>
            Create token
          </button>
        </div>
        <div className="form-feedback">
          <ErrorMessage error={create.error} />
        </div>
      </form>
      {create.data ? (
        <div className="notice" role="status">
          <p>
            Token <strong>{create.data.name}</strong> — copy it now, it is not shown again:
          </p>
          <p>
            <code className="mono secret" aria-label="New token">
              {create.data.token}
            </code>{' '}
            <button type="button" className="button" onClick={() => navigator.clipboard?.writeText(create.data.token)}>
              Copy
            </button>
          </p>
          <p className="muted small">
            Use it as <span className="mono">Authorization: Bearer …</span>, or as <span className="mono">MLFLOW_TRACKING_TOKEN</span>.
          </p>
        </div>
      ) : null}
    </>
  );
}

/** The caller's personal access tokens in this organization: create (shown once), list, revoke. */
export function TokensPanel() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const rows = tokens.data?.tokens ?? [];
  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">Personal access tokens</h2>
      {tokens.isPending ? <Loading label="Loading tokens…" /> : null}
      <ErrorMessage error={tokens.error} />
      {tokens.isSuccess && rows.length === 0 ? <EmptyState title="No tokens yet">Create one for scripts, CI or MLflow clients.</EmptyState> : null}
      {rows.length > 0 ? (
        <table className="table" aria-label="Tokens">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td className="nowrap">{formatTime(token.creationTime)}</td>
                <td>{status(token)}</td>
                <td>
                  {token.revokedTime ? null : (
                    <button type="button" className="button" disabled={revoke.isPending} onClick={() => revoke.mutate(token.id)} aria-label={`Revoke ${token.name}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ErrorMessage error={revoke.error} />
      <CreateTokenForm />
    </section>
  );
}
