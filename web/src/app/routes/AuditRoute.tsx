import { useSearchParams } from 'react-router';
import { AuditLog } from '@/features/audit';
import { useMe, useMembers } from '@/features/organizations';
import { ErrorMessage, Loading } from '@/shared/ui/feedback';

/**
 * The audit log of the organization the UI acts in; actors are named from its member list where possible.
 * `?eventId=&actor=&from=&to=` (`paths.audit(event)`, from the lineage) opens it at one event.
 */
export function AuditRoute() {
  const [params] = useSearchParams();
  const eventId = params.get('eventId');
  const from = params.get('from');
  const time = Number(from);
  const linked = eventId && from && Number.isFinite(time) && params.get('to') === from ? { eventId, actor: params.get('actor') ?? undefined, time } : undefined;
  const me = useMe();
  const org = me.data?.organization ?? '';
  const members = useMembers(org, Boolean(org));
  if (me.isPending) return <Loading label="Loading organization…" />;
  if (!me.data) return <ErrorMessage error={me.error} />;
  const names = new Map((members.data?.members ?? []).map((m) => [m.principalId, m.displayName ?? m.username ?? m.principalId]));
  return (
    <>
      <h1>Audit log</h1>
      <AuditLog org={org} actorName={(id) => names.get(id)} linked={linked} />
    </>
  );
}
