import { useEffect, useId, useState, type FormEvent } from 'react';
import { formatTime } from '@/shared/lib/format';
import { ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useRemoveSso } from '../api/remove-sso';
import { useSaveSso } from '../api/save-sso';
import { useSso } from '../api/get-sso';
import type { OrgRole, SsoMapping, SsoSettings, SsoSettingsInput } from '../types';

type AssignableRole = Exclude<OrgRole, 'OWNER'>;
const ASSIGNABLE: AssignableRole[] = ['ADMIN', 'MEMBER', 'AUDITOR'];

interface MappingDraft {
  claim: string;
  value: string;
  kind: 'role' | 'group';
  target: string;
}

function drafts(settings: SsoSettings | null | undefined): MappingDraft[] {
  return (settings?.mappings ?? []).map((m) => ({
    claim: m.claim,
    value: m.value,
    kind: m.groupId ? 'group' : 'role',
    target: m.groupId ?? m.role ?? 'MEMBER',
  }));
}

function toMapping(draft: MappingDraft): SsoMapping {
  const base = { claim: draft.claim.trim(), value: draft.value.trim() };
  return draft.kind === 'group' ? { ...base, groupId: draft.target.trim() } : { ...base, role: draft.target as AssignableRole };
}

function MappingRow({ draft, index, onChange, onRemove }: { draft: MappingDraft; index: number; onChange: (d: MappingDraft) => void; onRemove: () => void }) {
  const id = useId();
  const n = index + 1;
  return (
    <fieldset className="form-grid mapping">
      <legend className="visually-hidden">Rule {n}</legend>
      <div className="field">
        <label htmlFor={`${id}-claim`}>Claim</label>
        <input id={`${id}-claim`} value={draft.claim} onChange={(e) => onChange({ ...draft, claim: e.target.value })} placeholder="groups" required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-value`}>Value</label>
        <input id={`${id}-value`} value={draft.value} onChange={(e) => onChange({ ...draft, value: e.target.value })} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Gives</label>
        <select
          id={`${id}-kind`}
          value={draft.kind}
          onChange={(e) => onChange({ ...draft, kind: e.target.value as MappingDraft['kind'], target: e.target.value === 'role' ? 'MEMBER' : '' })}
        >
          <option value="role">a role</option>
          <option value="group">a group</option>
        </select>
      </div>
      <div className="field grow">
        <label htmlFor={`${id}-target`}>{draft.kind === 'role' ? 'Role' : 'Group id'}</label>
        {draft.kind === 'role' ? (
          <select id={`${id}-target`} value={draft.target} onChange={(e) => onChange({ ...draft, target: e.target.value })}>
            {ASSIGNABLE.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        ) : (
          <input id={`${id}-target`} className="mono" value={draft.target} onChange={(e) => onChange({ ...draft, target: e.target.value })} required />
        )}
      </div>
      <div className="field actions">
        <button type="button" className="button" onClick={onRemove} aria-label={`Remove rule ${n}`}>
          Remove
        </button>
      </div>
    </fieldset>
  );
}

function SsoForm({ org, settings }: { org: string; settings: SsoSettings | null }) {
  const [issuerUri, setIssuerUri] = useState(settings?.issuerUri ?? '');
  const [clientId, setClientId] = useState(settings?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [defaultRole, setDefaultRole] = useState<AssignableRole>(settings?.defaultRole ?? 'MEMBER');
  const [mappings, setMappings] = useState<MappingDraft[]>(() => drafts(settings));
  const save = useSaveSso(org);
  const remove = useRemoveSso(org);
  const id = useId();
  useEffect(() => {
    if (save.isSuccess) setClientSecret('');
  }, [save.isSuccess]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: SsoSettingsInput = { issuerUri: issuerUri.trim(), clientId: clientId.trim(), defaultRole, mappings: mappings.map(toMapping) };
    if (clientSecret) input.clientSecret = clientSecret;
    save.mutate(input);
  };
  return (
    <form onSubmit={submit} aria-label="SSO settings">
      <div className="form-grid">
        <div className="field grow">
          <label htmlFor={`${id}-issuer`}>Issuer URL</label>
          <input id={`${id}-issuer`} value={issuerUri} onChange={(e) => setIssuerUri(e.target.value)} placeholder="https://sso.example.com/realms/acme" required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-client`}>Client id</label>
          <input id={`${id}-client`} value={clientId} onChange={(e) => setClientId(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-secret`}>Client secret</label>
          <input
            id={`${id}-secret`}
            type="password"
            value={clientSecret}
            onChange={(e) => setClientSecret(e.target.value)}
            placeholder={settings?.clientSecretSet ? 'kept unless you type a new one' : ''}
            required={!settings?.clientSecretSet}
            autoComplete="new-password"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Default role</label>
          <select id={`${id}-role`} value={defaultRole} onChange={(e) => setDefaultRole(e.target.value as AssignableRole)}>
            {ASSIGNABLE.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        </div>
      </div>
      <h3>Claim mapping</h3>
      <p className="muted small">A rule matches when the claim equals the value (or, for a list claim, contains it). The strongest matching role wins.</p>
      {mappings.map((draft, i) => (
        <MappingRow
          key={i}
          draft={draft}
          index={i}
          onChange={(next) => setMappings(mappings.map((m, j) => (j === i ? next : m)))}
          onRemove={() => setMappings(mappings.filter((_, j) => j !== i))}
        />
      ))}
      <div className="actions">
        <button type="button" className="button" onClick={() => setMappings([...mappings, { claim: 'groups', value: '', kind: 'role', target: 'MEMBER' }])}>
          Add rule
        </button>
        <button type="submit" className="button primary" disabled={save.isPending}>
          {settings ? 'Save SSO settings' : 'Turn on SSO'}
        </button>
        {settings ? (
          <button type="button" className="button danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
            Turn off SSO
          </button>
        ) : null}
      </div>
      <ErrorMessage error={save.error ?? remove.error} />
      {save.isSuccess ? (
        <p role="status" className="success-message">
          Saved.
        </p>
      ) : null}
    </form>
  );
}

/** The organization's own identity provider: issuer, client, claim → role/group mapping. Owners and admins only. */
export function SsoSettingsPanel({ org }: { org: string }) {
  const sso = useSso(org, true);
  return (
    <section className="card" aria-labelledby="sso-title">
      <h2 id="sso-title">Single sign-on</h2>
      {sso.isPending ? <Loading label="Loading SSO settings…" /> : null}
      <ErrorMessage error={sso.error} />
      {sso.isSuccess ? (
        <>
          {sso.data ? (
            <dl className="facts">
              <dt>Redirect URI to register at the provider</dt>
              <dd className="mono">{sso.data.redirectUri}</dd>
              <dt>Sign-in link for your users</dt>
              <dd className="mono">{sso.data.signInUri}</dd>
              <dt>Last changed</dt>
              <dd>{formatTime(sso.data.updatedTime)}</dd>
            </dl>
          ) : (
            <p>Members sign in with Cairn passwords or tokens. Connect your organization's OpenID provider (Keycloak, Entra ID, Okta, …) to let them sign in through it.</p>
          )}
          <SsoForm key={sso.data?.updatedTime ?? 'none'} org={org} settings={sso.data} />
        </>
      ) : null}
    </section>
  );
}
