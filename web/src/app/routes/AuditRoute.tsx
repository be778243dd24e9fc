import { AuditLog } from '@/features/audit';
import { useMe, useMembers } from '@/features/organizations';
import { ErrorMessage, Loading } from '@/shared/ui/feedback';

/** The audit log of the organization the UI acts in; actors are named from its member list where possible. */
export function AuditRoute() {
  const me = useMe();
  const org = me.data?.organization ?? '';
  const members = useMembers(org, Boolean(org));
  if (me.isPending) return <Loading label="Loading organization…" />;
  if (!me.data) return <ErrorMessage error={me.error} />;
  const names = new Map((members.data?.members ?? []).map((m) => [m.principalId, m.displayName ?? m.username ?? m.principalId]));
  return (
    <>
      <h1>Audit log</h1>
      <AuditLog org={org} actorName={(id) => names.get(id)} />
    </>
  );
}
