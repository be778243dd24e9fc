import { Link } from 'react-router';
import { paths } from '@/shared/paths';
import { ErrorMessage } from '@/shared/ui/feedback';
import { useGroups } from '../api/get-groups';
import { useMe } from '../api/get-me';
import { useMembers } from '../api/get-members';
import { memberName } from '../types';

export interface GranteeSelectProps {
  /** Members (`USER`) or groups (`GROUP`) of the organization the UI acts in. */
  kind: 'USER' | 'GROUP';
  /** The id of the select, for the label the caller renders. */
  id: string;
  /** The chosen principal or group id, '' for none. */
  value: string;
  onChange: (id: string) => void;
}

/**
 * A select of the organization's members or groups, by name, for forms that take a principal or group id (the
 * project's sharing dialog). Loads the list only while shown; without groups it links to where they are made.
 */
export function GranteeSelect({ kind, id, value, onChange }: GranteeSelectProps) {
  const org = useMe().data?.organization ?? '';
  const members = useMembers(org, kind === 'USER' && org !== '');
  const groups = useGroups(org, kind === 'GROUP' && org !== '');
  const list = kind === 'USER' ? members : groups;
  const options =
    kind === 'USER'
      ? (members.data?.members ?? []).map((m) => ({ id: m.principalId, name: memberName(m) }))
      : (groups.data?.groups ?? []).map((g) => ({ id: g.id, name: g.name }));
  const noun = kind === 'USER' ? 'member' : 'group';
  return (
    <>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={!list.isSuccess} required>
        <option value="">{list.isSuccess ? `Choose a ${noun}…` : `Loading ${noun}s…`}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <ErrorMessage error={list.error} />
      {kind === 'GROUP' && groups.isSuccess && options.length === 0 ? (
        <span className="hint">
          No groups yet: owners and admins make them on the <Link to={paths.organization()}>Organization</Link> page.
        </span>
      ) : null}
    </>
  );
}
