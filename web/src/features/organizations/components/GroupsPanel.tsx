import { useId, useState, type FormEvent } from 'react';
import { formatTime } from '@/shared/lib/format';
import { ConfirmDeletion } from '@/shared/ui/ConfirmDeletion';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useAddGroupMember } from '../api/add-group-member';
import { useCreateGroup } from '../api/create-group';
import { useDeleteGroup } from '../api/delete-group';
import { useGroup } from '../api/get-group';
import { useGroups } from '../api/get-groups';
import { useMembers } from '../api/get-members';
import { useRemoveGroupMember } from '../api/remove-group-member';
import { useRenameGroup } from '../api/rename-group';
import { memberName, type Group, type GroupMember } from '../types';

function AddGroupMemberForm({ org, group, members }: { org: string; group: Group; members: GroupMember[] }) {
  const organizationMembers = useMembers(org);
  const add = useAddGroupMember(org, group.id);
  const [principalId, setPrincipalId] = useState('');
  const id = useId();
  const inGroup = new Set(members.map((m) => m.principalId));
  const candidates = (organizationMembers.data?.members ?? []).filter((m) => !inGroup.has(m.principalId));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(principalId, { onSuccess: () => setPrincipalId('') });
  };
  if (organizationMembers.isSuccess && candidates.length === 0) {
    return <p className="muted small">Every member of the organization is in this group; add members to the organization above first.</p>;
  }
  return (
    <form className="form-grid" onSubmit={submit} aria-label={`Add a member to ${group.name}`}>
      <div className="field grow">
        <label htmlFor={id}>Member to add</label>
        <select id={id} value={principalId} onChange={(e) => setPrincipalId(e.target.value)} required>
          <option value="">Choose a member…</option>
          {candidates.map((m) => (
            <option key={m.principalId} value={m.principalId}>
              {memberName(m)}
            </option>
          ))}
        </select>
      </div>
      <div className="field actions">
        <button type="submit" className="button primary" disabled={add.isPending || !principalId}>
          Add to group
        </button>
      </div>
      <div className="form-feedback">
        <ErrorMessage error={organizationMembers.error ?? add.error} />
      </div>
    </form>
  );
}

function RenameGroupForm({ org, group }: { org: string; group: Group }) {
  const [name, setName] = useState(group.name);
  const rename = useRenameGroup(org, group.id);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate(name.trim());
  };
  const unchanged = name.trim() === group.name;
  return (
    <form className="form-grid" onSubmit={submit} aria-label={`Rename ${group.name}`}>
      <div className="field grow">
        <label htmlFor={id}>New name</label>
        <input
          id={id}
          value={name}
          maxLength={256}
          onChange={(e) => setName(e.target.value)}
          required
          aria-invalid={rename.error ? true : undefined}
          aria-describedby={rename.error ? `${id}-error` : undefined}
        />
      </div>
      <div className="field actions">
        <button type="submit" className="button" disabled={rename.isPending || !name.trim() || unchanged}>
          Rename group
        </button>
      </div>
      <div className="form-feedback">
        <ErrorMessage error={rename.error} id={`${id}-error`} />
        {rename.isSuccess && unchanged ? (
          <p role="status" className="success-message">
            Renamed to {group.name}.
          </p>
        ) : null}
      </div>
    </form>
  );
}

function GroupMemberRow({ org, group, member, canAdminister }: { org: string; group: Group; member: GroupMember; canAdminister: boolean }) {
  const remove = useRemoveGroupMember(org, group.id);
  const name = member.username ?? member.principalId;
  return (
    <tr>
      <td>
        {name} <span className="muted small mono">{member.principalId}</span>
      </td>
      <td className="nowrap">{formatTime(member.sinceTime)}</td>
      {canAdminister ? (
        <td className="nowrap">
          <button type="button" className="button" disabled={remove.isPending} onClick={() => remove.mutate(member.principalId)} aria-label={`Remove ${name} from ${group.name}`}>
            Remove
          </button>
          <ErrorMessage error={remove.error} />
        </td>
      ) : null}
    </tr>
  );
}

/**
 * One group's members (loaded when the group is opened); owners and admins add and remove them, rename the group and
 * delete it.
 */
function GroupMembers({ org, group, canAdminister }: { org: string; group: Group; canAdminister: boolean }) {
  const detail = useGroup(org, group.id);
  const remove = useDeleteGroup(org);
  const members = detail.data?.members ?? [];
  return (
    <div className="group-members">
      {detail.isPending ? <Loading label={`Loading members of ${group.name}…`} /> : null}
      <ErrorMessage error={detail.error} />
      {detail.isSuccess && members.length === 0 ? (
        <EmptyState title="No members in this group">
          {canAdminister ? 'Choose a member of the organization below to add them.' : 'An owner or admin of the organization adds members.'}
        </EmptyState>
      ) : null}
      {members.length > 0 ? (
        <table className="table" aria-label={`Members of ${group.name}`}>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Since</th>
              {canAdminister ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <GroupMemberRow key={member.principalId} org={org} group={group} member={member} canAdminister={canAdminister} />
            ))}
          </tbody>
        </table>
      ) : null}
      {canAdminister && detail.isSuccess ? (
        <>
          <AddGroupMemberForm org={org} group={group} members={members} />
          <RenameGroupForm org={org} group={group} />
          <ConfirmDeletion label="Delete group…" name={group.name} pending={remove.isPending} error={remove.error} onConfirm={() => remove.mutate(group.id)}>
            Deleting <strong>{group.name}</strong> drops every project grant to it: its members keep only the roles granted to
            them directly.
          </ConfirmDeletion>
        </>
      ) : null}
    </div>
  );
}

function GroupRow({ org, group, canAdminister }: { org: string; group: Group; canAdminister: boolean }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <li className="group-item">
      <div className="group-summary">
        <button type="button" className="button ghost" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'} {group.name}
        </button>
        <span className="muted small">
          {group.memberCount} {group.memberCount === 1 ? 'member' : 'members'} · created {formatTime(group.creationTime)}
        </span>
      </div>
      <div id={id} hidden={!open}>
        {open ? <GroupMembers org={org} group={group} canAdminister={canAdminister} /> : null}
      </div>
    </li>
  );
}

function CreateGroupForm({ org }: { org: string }) {
  const [name, setName] = useState('');
  const create = useCreateGroup(org);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim(), { onSuccess: () => setName('') });
  };
  return (
    <form className="form-grid" onSubmit={submit} aria-label="Create a group">
      <div className="field grow">
        <label htmlFor={id}>Group name</label>
        <input
          id={id}
          value={name}
          maxLength={256}
          onChange={(e) => setName(e.target.value)}
          placeholder="ml-team"
          required
          aria-invalid={create.error ? true : undefined}
          aria-describedby={create.error ? `${id}-error` : undefined}
        />
      </div>
      <div className="field actions">
        <button type="submit" className="button primary" disabled={create.isPending || !name.trim()}>
          Create group
        </button>
      </div>
      <div className="form-feedback">
        <ErrorMessage error={create.error} id={`${id}-error`} />
        {create.data ? (
          <p role="status" className="success-message">
            Group {create.data.name} created; open it below to add members.
          </p>
        ) : null}
      </div>
    </form>
  );
}

/**
 * The organization's groups: every member sees them and who is in each (opened one at a time); owners and admins
 * create, rename and delete groups and add and remove their members. Projects are shared with a group on the project page.
 */
export function GroupsPanel({ org, canAdminister }: { org: string; canAdminister: boolean }) {
  const groups = useGroups(org);
  const rows = groups.data?.groups ?? [];
  return (
    <section className="card" aria-labelledby="groups-title">
      <h2 id="groups-title">Groups</h2>
      <p className="muted">
        A group collects members so that a project can be shared with all of them at once (<strong>Share</strong> on a
        project).{canAdminister ? '' : ' Owners and admins create groups and change who is in them.'}
      </p>
      {groups.isPending ? <Loading label="Loading groups…" /> : null}
      <ErrorMessage error={groups.error} />
      {groups.isSuccess && rows.length === 0 ? (
        <EmptyState title="No groups yet">
          {canAdminister ? 'Create one below, then add members to it.' : 'Ask an owner or admin of the organization to create one.'}
        </EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <ul className="group-list" aria-label="Groups">
          {rows.map((group) => (
            <GroupRow key={group.id} org={org} group={group} canAdminister={canAdminister} />
          ))}
        </ul>
      ) : null}
      {canAdminister ? <CreateGroupForm org={org} /> : null}
    </section>
  );
}
