/** Query keys of the organizations feature. */
export const organizationKeys = {
  all: ['organizations'] as const,
  me: () => [...organizationKeys.all, 'me'] as const,
  members: (org: string) => [...organizationKeys.all, org, 'members'] as const,
  sso: (org: string) => [...organizationKeys.all, org, 'sso'] as const,
  groups: (org: string) => [...organizationKeys.all, org, 'groups'] as const,
  group: (org: string, groupId: string) => [...organizationKeys.groups(org), groupId] as const,
  serviceAccounts: (org: string) => [...organizationKeys.all, org, 'service-accounts'] as const,
};
