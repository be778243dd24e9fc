import { administers, GroupsPanel, MembersPanel, ServiceAccountsPanel, SsoSettingsPanel, useMe } from '@/features/organizations';
import { ErrorMessage, Loading } from '@/shared/ui/feedback';

/**
 * The organization the UI acts in: its members and groups for everyone; member, group, service account and SSO
 * administration for owners and admins (others are told who manages service accounts).
 */
export function OrganizationRoute() {
  const me = useMe();
  if (me.isPending) return <Loading label="Loading organization…" />;
  if (!me.data) return <ErrorMessage error={me.error} />;
  const org = me.data.organization;
  const name = me.data.organizations.find((o) => o.id === org)?.name ?? org;
  const canAdminister = administers(me.data.role);
  return (
    <>
      <h1>
        {name} <span className="muted small mono">{org}</span>
      </h1>
      <p className="muted">Your role here: {me.data.role}</p>
      <MembersPanel org={org} canAdminister={canAdminister} />
      <GroupsPanel org={org} canAdminister={canAdminister} />
      <ServiceAccountsPanel org={org} canAdminister={canAdminister} />
      {canAdminister ? <SsoSettingsPanel org={org} /> : null}
    </>
  );
}
