import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { formatTime } from '@/shared/lib/format';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useGrants } from '../api/get-grants';
import { useRevokeGrant } from '../api/revoke-grant';
import { useSetGrant } from '../api/set-grant';
import { PROJECT_ROLES, type Grant, type GranteeType, type ProjectRole } from '../types';

function RoleSelect({ id, value, onChange, disabled }: { id: string; value: ProjectRole; onChange: (role: ProjectRole) => void; disabled?: boolean }) {
  return (
    <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as ProjectRole)}>
      {PROJECT_ROLES.map((role) => (
        <option key={role}>{role}</option>
      ))}
    </select>
  );
}

function GrantRow({ projectId, grant }: { projectId: string; grant: Grant }) {
  const change = useSetGrant(projectId);
  const revoke = useRevokeGrant(projectId);
  const roleId = useId();
  const target = { granteeType: grant.granteeType, granteeId: grant.granteeId };
  const label = `${grant.granteeType === 'USER' ? 'user' : 'group'} ${grant.name}`;
  return (
    <tr>
      <td>
        {grant.name} <span className="muted small mono">{grant.granteeId}</span>
      </td>
      <td>{grant.granteeType === 'USER' ? 'User' : 'Group'}</td>
      <td>
        <label htmlFor={roleId} className="visually-hidden">
          Role of {label}
        </label>
        <RoleSelect id={roleId} value={grant.role} disabled={change.isPending} onChange={(role) => change.mutate({ ...target, role })} />
      </td>
      <td className="nowrap">{formatTime(grant.grantTime)}</td>
      <td>
        <button type="button" className="button" disabled={revoke.isPending} onClick={() => revoke.mutate(target)} aria-label={`Revoke ${label}`}>
          Revoke
        </button>
        <ErrorMessage error={change.error ?? revoke.error} />
      </td>
    </tr>
  );
}

/** What a grantee picker gets: members (`USER`) or groups (`GROUP`), the select's id for its label, the chosen id. */
export interface GranteeInputProps {
  kind: GranteeType;
  id: string;
  value: string;
  onChange: (granteeId: string) => void;
}

/** Picks the grantee from the organization's lists (`renderGranteeInput`), or, without one, takes a typed id. */
function AddGrantForm({ projectId, renderGranteeInput }: { projectId: string; renderGranteeInput?: (props: GranteeInputProps) => ReactNode }) {
  const [granteeType, setGranteeType] = useState<GranteeType>('USER');
  const [granteeId, setGranteeId] = useState('');
  const [role, setRole] = useState<ProjectRole>('VIEWER');
  const grant = useSetGrant(projectId);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    grant.mutate({ granteeType, granteeId: granteeId.trim(), role }, { onSuccess: () => setGranteeId('') });
  };
  return (
    <form className="form-grid" onSubmit={submit} aria-label="Add a grant">
      <div className="field">
        <label htmlFor={`${id}-type`}>Grant to</label>
        <select
          id={`${id}-type`}
          value={granteeType}
          onChange={(e) => {
            setGranteeType(e.target.value as GranteeType);
            setGranteeId('');
          }}
        >
          <option value="USER">User</option>
          <option value="GROUP">Group</option>
        </select>
      </div>
      <div className="field grow">
        {renderGranteeInput ? (
          <>
            <label htmlFor={`${id}-id`}>{granteeType === 'USER' ? 'Member' : 'Group'}</label>
            {renderGranteeInput({ kind: granteeType, id: `${id}-id`, value: granteeId, onChange: setGranteeId })}
          </>
        ) : (
          <>
            <label htmlFor={`${id}-id`}>{granteeType === 'USER' ? 'Principal id' : 'Group id'}</label>
            <input id={`${id}-id`} value={granteeId} onChange={(e) => setGranteeId(e.target.value)} className="mono" required />
          </>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>Role</label>
        <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
      </div>
      <div className="field actions">
        <button type="submit" className="button primary" disabled={grant.isPending || !granteeId.trim()}>
          Grant
        </button>
      </div>
      <div className="form-feedback">
        <ErrorMessage error={grant.error} />
      </div>
    </form>
  );
}

/**
 * Who may see and change a project: its owner, and VIEWER, EDITOR or MANAGER grants to members and groups. Anyone
 * who sees the project sees the grants; only managers change them (the server's refusal shows beside the action).
 * Opening it moves the focus to its heading; Escape or Close closes it and the focus returns to "Share".
 * `renderGranteeInput` picks whom to grant from the organization's members and groups (the page supplies it).
 */
export function SharingDialog({
  projectId,
  onClose,
  renderGranteeInput,
}: {
  projectId: string;
  onClose: () => void;
  renderGranteeInput?: (props: GranteeInputProps) => ReactNode;
}) {
  const grants = useGrants(projectId);
  const rows = grants.data?.grants ?? [];
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card sharing" role="dialog" aria-labelledby="sharing-title" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="toolbar">
        <h2 id="sharing-title" ref={heading} tabIndex={-1}>
          Sharing
        </h2>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      {grants.isPending ? <Loading label="Loading grants…" /> : null}
      {grants.isError ? <ErrorMessage error={grants.error} /> : null}
      {grants.data ? (
        <p>
          Owner: <strong>{grants.data.ownerUsername}</strong> (MANAGER). Organization owners and admins manage every project;
          auditors view every project.
        </p>
      ) : null}
      {grants.isSuccess && rows.length === 0 ? <EmptyState title="Not shared with anyone yet">Grant a member or a group a role below.</EmptyState> : null}
      {rows.length > 0 ? (
        <table className="table" aria-label="Grants">
          <thead>
            <tr>
              <th scope="col">Grantee</th>
              <th scope="col">Type</th>
              <th scope="col">Role</th>
              <th scope="col">Since</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((grant) => (
              <GrantRow key={`${grant.granteeType}:${grant.granteeId}`} projectId={projectId} grant={grant} />
            ))}
          </tbody>
        </table>
      ) : null}
      <AddGrantForm projectId={projectId} renderGranteeInput={renderGranteeInput} />
    </section>
  );
}
