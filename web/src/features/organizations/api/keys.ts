/** Query keys of the organizations feature. */
export const organizationKeys = {
  all: ['organizations'] as const,
  me: () => [...organizationKeys.all, 'me'] as const,
  members: (org: string) => [...organizationKeys.all, org, 'members'] as const,
  sso: (org: string) => [...organizationKeys.all, org, 'sso'] as const,
};
