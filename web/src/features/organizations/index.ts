/** The organizations feature: who the caller is, where they act, and administering the organization. */
export { useMe } from './api/get-me';
export { useMembers } from './api/get-members';
export { useGroups } from './api/get-groups';
export { GranteeSelect } from './components/GranteeSelect';
export { GroupsPanel } from './components/GroupsPanel';
export { MembersPanel } from './components/MembersPanel';
export { OrganizationSwitcher } from './components/OrganizationSwitcher';
export { ServiceAccountsPanel } from './components/ServiceAccountsPanel';
export { SsoSettingsPanel } from './components/SsoSettingsPanel';
export { activeOrganization } from './lib/active-organization';
export { administers } from './types';
export type { GranteeSelectProps } from './components/GranteeSelect';
export type { Me, OrgRole } from './types';
