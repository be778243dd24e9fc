import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '@/shared/api/client';
import { formatTime } from '@/shared/lib/format';
import { ConfirmDeletion } from '@/shared/ui/ConfirmDeletion';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useCreateServiceAccount } from '../api/create-service-account';
import { useDeleteServiceAccount } from '../api/delete-service-account';
import { useServiceAccounts } from '../api/get-service-accounts';
import { SERVICE_ACCOUNT_NAME, SERVICE_ACCOUNT_ROLES, type NewServiceAccount, type ServiceAccount, type ServiceAccountRole } from '../types';

const NAME_RULE = 'A name is 1–40 lower-case letters, digits and dashes, starting with a letter or digit';

/** The new account's client id and secret, once: the server keeps only a hash of the secret. */
function NewSecret({ account, onDismiss }: { account: NewServiceAccount; onDismiss: () => void }) {
  const [copied, setCopied] = useState('');
  const copy = async () => {
    if (!navigator.clipboard) {
      setCopied('This browser offers no clipboard here: select the secret and copy it.');
      return;
    }
    await navigator.clipboard.writeText(account.clientSecret);
    setCopied('Copied.');
  };
  return (
    <div className="notice" role="region" aria-label={`Client secret of ${account.name}`}>
      <p>
        <strong>Copy the client secret of {account.name} now: you will not see it again.</strong> Cairn keeps only a hash
        of it; if it is lost, delete the account and create a new one.
      </p>
      <p>
        Client id <code className="mono">{account.clientId}</code>
      </p>
      <p>
        Client secret{' '}
        <code className="mono secret">{account.clientSecret}</code>{' '}
        <button type="button" className="button" onClick={copy}>
          Copy secret
        </button>{' '}
        <span role="status" className="small">
          {copied}
        </span>
      </p>
      <p className="muted small">
        Get a token with <span className="mono">curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials {window.location.origin}/oauth2/token</span>{' '}
        and call the API with <span className="mono">Authorization: Bearer …</span>.
      </p>
      <button type="button" className="button" onClick={onDismiss}>
        I have copied it
      </button>
    </div>
  );
}

function CreateServiceAccountForm({ org }: { org: string }) {
  const create = useCreateServiceAccount(org);
  const [name, setName] = useState('');
  const [role, setRole] = useState<ServiceAccountRole>('MEMBER');
  const [shown, setShown] = useState<NewServiceAccount | null>(null);
  const id = useId();
  const trimmed = name.trim();
  const invalidName = trimmed !== '' && !SERVICE_ACCOUNT_NAME.test(trimmed);
  const serverField = create.error instanceof ApiError ? create.error.field : undefined;
  const nameError = invalidName ? new Error(NAME_RULE) : serverField === 'name' ? create.error : null;
  const otherError = serverField === 'name' || serverField === 'role' ? null : create.error;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalidName) return;
    setShown(null);
    create.mutate(
      { name: trimmed, role },
      {
        onSuccess: (account) => {
          setShown(account);
          setName('');
        },
      },
    );
  };
  return (
    <>
      <form className="form-grid" onSubmit={submit} aria-label="Create a service account" noValidate>
        <div className="field grow">
          <label htmlFor={`${id}-name`}>Account name</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="nightly-training"
            required
            maxLength={40}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={`${id}-name-hint${nameError ? ` ${id}-name-error` : ''}`}
          />
          <span className="hint" id={`${id}-name-hint`}>
            Lower-case letters, digits and dashes.
          </span>
          <ErrorMessage error={nameError} id={`${id}-name-error`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as ServiceAccountRole)} aria-describedby={serverField === 'role' ? `${id}-role-error` : undefined}>
            {SERVICE_ACCOUNT_ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
          <ErrorMessage error={serverField === 'role' ? create.error : null} id={`${id}-role-error`} />
        </div>
        <div className="field actions">
          <button type="submit" className="button primary" disabled={create.isPending || !trimmed}>
            Create service account
          </button>
        </div>
        <div className="form-feedback">
          <ErrorMessage error={otherError} />
        </div>
      </form>
      {shown ? <NewSecret account={shown} onDismiss={() => setShown(null)} /> : null}
    </>
  );
}

function ServiceAccountRow({ org, account }: { org: string; account: ServiceAccount }) {
  const remove = useDeleteServiceAccount(org);
  return (
    <tr>
      <td>{account.name}</td>
      <td className="mono small">{account.clientId}</td>
      <td>{account.role}</td>
      <td className="nowrap">
        {formatTime(account.creationTime)} <span className="muted small">by {account.createdBy}</span>
      </td>
      <td>
        <ConfirmDeletion label={`Delete ${account.name}…`} name={account.name} pending={remove.isPending} error={remove.error} onConfirm={() => remove.mutate(account.id)}>
          Deleting <strong>{account.name}</strong> stops it at once: it gets no new tokens and the tokens it holds answer
          401.
        </ConfirmDeletion>
      </td>
    </tr>
  );
}

/**
 * Service accounts, the organization's machines (owners and admins): list, create (the client secret shown once)
 * and delete. The API has no rotation: a lost or leaked secret means a new account. Others see why they cannot.
 */
export function ServiceAccountsPanel({ org, canAdminister }: { org: string; canAdminister: boolean }) {
  return (
    <section className="card" aria-labelledby="service-accounts-title">
      <h2 id="service-accounts-title">Service accounts</h2>
      <p className="muted">
        Machines (pipelines, schedulers, CI) sign in with a client id and secret (OAuth 2.0 client credentials) and act in
        this organization with the account's role.
      </p>
      {canAdminister ? (
        <ServiceAccountsList org={org} />
      ) : (
        <p>Only owners and admins of the organization see and manage service accounts. Ask one of them for an account for your machine.</p>
      )}
    </section>
  );
}

function ServiceAccountsList({ org }: { org: string }) {
  const accounts = useServiceAccounts(org);
  const rows = accounts.data?.serviceAccounts ?? [];
  return (
    <>
      {accounts.isPending ? <Loading label="Loading service accounts…" /> : null}
      <ErrorMessage error={accounts.error} />
      {accounts.isSuccess && rows.length === 0 ? (
        <EmptyState title="No service accounts yet">Create one below for each machine that calls Cairn; its secret is shown once.</EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table className="table" aria-label="Service accounts">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Client id</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((account) => (
                <ServiceAccountRow key={account.id} org={org} account={account} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <CreateServiceAccountForm org={org} />
    </>
  );
}
