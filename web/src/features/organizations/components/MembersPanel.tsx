import { useId, useState, type FormEvent } from 'react';
import { formatTime } from '@/shared/lib/format';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useAddMember } from '../api/add-member';
import { useChangeMemberRole } from '../api/change-member-role';
import { useEraseUser } from '../api/erase-user';
import { useMembers } from '../api/get-members';
import { useRemoveMember } from '../api/remove-member';
import { memberName, ORG_ROLES, type Member, type OrgRole } from '../types';

/** Erasing is irreversible: the administrator types the username to confirm. */
function EraseConfirmation({ org, member, onDone }: { org: string; member: Member; onDone: () => void }) {
  const [typed, setTyped] = useState('');
  const erase = useEraseUser(org);
  const id = useId();
  const expected = member.username ?? member.principalId;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    erase.mutate(member.principalId, { onSuccess: onDone });
  };
  return (
    <form className="card danger-zone" onSubmit={submit} aria-label={`Erase ${expected}`}>
      <p>
        Erasing <strong>{expected}</strong> deletes their profile, password, SSO identities and tokens and removes them from
        every organization. Their runs and the audit trail stay, under the pseudonymous id{' '}
        <span className="mono">{member.principalId}</span>. This cannot be undone.
      </p>
      <div className="field">
        <label htmlFor={id}>Type {expected} to confirm</label>
        <input id={id} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
      </div>
      <div className="actions">
        <button type="submit" className="button danger" disabled={typed !== expected || erase.isPending}>
          Erase user
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      <ErrorMessage error={erase.error} />
    </form>
  );
}

function MemberRow({ org, member, canAdminister }: { org: string; member: Member; canAdminister: boolean }) {
  const change = useChangeMemberRole(org);
  const remove = useRemoveMember(org);
  const [erasing, setErasing] = useState(false);
  const roleId = useId();
  const name = member.username ?? member.principalId;
  return (
    <>
      <tr>
        <td>
          {memberName(member)} <span className="muted small mono">{member.principalId}</span>
        </td>
        <td>
          {canAdminister ? (
            <>
              <label htmlFor={roleId} className="visually-hidden">
                Role of {name}
              </label>
              <select
                id={roleId}
                value={member.role}
                disabled={change.isPending}
                onChange={(e) => change.mutate({ principalId: member.principalId, role: e.target.value as OrgRole })}
              >
                {ORG_ROLES.map((role) => (
                  <option key={role}>{role}</option>
                ))}
              </select>
            </>
          ) : (
            member.role
          )}
        </td>
        <td className="nowrap">{formatTime(member.sinceTime)}</td>
        {canAdminister ? (
          <td className="nowrap">
            <button type="button" className="button" disabled={remove.isPending} onClick={() => remove.mutate(member.principalId)} aria-label={`Remove ${name}`}>
              Remove
            </button>{' '}
            <button type="button" className="button danger" onClick={() => setErasing(true)} aria-label={`Erase ${name}`}>
              Erase…
            </button>
            <ErrorMessage error={change.error ?? remove.error} />
          </td>
        ) : null}
      </tr>
      {erasing ? (
        <tr>
          <td colSpan={4}>
            <EraseConfirmation org={org} member={member} onDone={() => setErasing(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function AddMemberForm({ org }: { org: string }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<OrgRole>('MEMBER');
  const add = useAddMember(org);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ username: username.trim(), role }, { onSuccess: () => setUsername('') });
  };
  return (
    <form className="form-grid" onSubmit={submit} aria-label="Add a member">
      <div className="field grow">
        <label htmlFor={`${id}-name`}>Username</label>
        <input id={`${id}-name`} value={username} onChange={(e) => setUsername(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>Role</label>
        <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as OrgRole)}>
          {ORG_ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </div>
      <div className="field actions">
        <button type="submit" className="button primary" disabled={add.isPending || !username.trim()}>
          Add member
        </button>
      </div>
      <div className="form-feedback">
        <ErrorMessage error={add.error} />
      </div>
    </form>
  );
}

/** The organization's members and their roles; owners and admins add, change, remove and erase. */
export function MembersPanel({ org, canAdminister }: { org: string; canAdminister: boolean }) {
  const members = useMembers(org);
  const rows = members.data?.members ?? [];
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      {members.isPending ? <Loading label="Loading members…" /> : null}
      <ErrorMessage error={members.error} />
      {members.isSuccess && rows.length === 0 ? <EmptyState title="No members" /> : null}
      {rows.length > 0 ? (
        <table className="table" aria-label="Members">
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              <th scope="col">Since</th>
              {canAdminister ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((member) => (
              <MemberRow key={member.principalId} org={org} member={member} canAdminister={canAdminister} />
            ))}
          </tbody>
        </table>
      ) : null}
      {canAdminister ? <AddMemberForm org={org} /> : null}
    </section>
  );
}
