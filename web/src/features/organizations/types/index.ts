export type OrgRole = 'OWNER' | 'ADMIN' | 'MEMBER' | 'AUDITOR';

export const ORG_ROLES: OrgRole[] = ['OWNER', 'ADMIN', 'MEMBER', 'AUDITOR'];

export interface Membership {
  id: string;
  name: string;
  role: OrgRole;
}

/** `GET /me`: who the credential is and where it may act. */
export interface Me {
  principalId: string;
  username?: string;
  displayName?: string;
  /** The organization this request acted in. */
  organization: string;
  role: OrgRole;
  platformAdmin: boolean;
  organizations: Membership[];
}

export interface Member {
  principalId: string;
  username?: string;
  displayName?: string;
  role: OrgRole;
  sinceTime: number;
}

export interface SsoMapping {
  claim: string;
  value: string;
  role?: Exclude<OrgRole, 'OWNER'>;
  groupId?: string;
}

export interface SsoSettings {
  issuerUri: string;
  clientId: string;
  clientSecretSet: boolean;
  defaultRole: Exclude<OrgRole, 'OWNER'>;
  mappings: SsoMapping[];
  redirectUri: string;
  signInUri: string;
  updatedTime: number;
}

export interface SsoSettingsInput {
  issuerUri: string;
  clientId: string;
  clientSecret?: string;
  defaultRole: Exclude<OrgRole, 'OWNER'>;
  mappings: SsoMapping[];
}

/** Owners and admins administer an organization; the server decides, the UI only hides what would be refused. */
export function administers(role: OrgRole | undefined): boolean {
  return role === 'OWNER' || role === 'ADMIN';
}

/** `GET /orgs/{org}/groups`: a group with its member count. */
export interface Group {
  id: string;
  name: string;
  creationTime: number;
  memberCount: number;
}

export interface GroupMember {
  principalId: string;
  username?: string;
  sinceTime: number;
}

/** `GET /orgs/{org}/groups/{groupId}`: a group with its members. */
export interface GroupDetail extends Group {
  members: GroupMember[];
}

/** A service account's role: any but `OWNER`. */
export type ServiceAccountRole = Exclude<OrgRole, 'OWNER'>;

export const SERVICE_ACCOUNT_ROLES: ServiceAccountRole[] = ['MEMBER', 'ADMIN', 'AUDITOR'];

/** A service account's name: a slug of 1–40 characters (the server's rule, checked before sending). */
export const SERVICE_ACCOUNT_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

export interface ServiceAccount {
  id: string;
  name: string;
  clientId: string;
  role: ServiceAccountRole;
  createdBy: string;
  creationTime: number;
}

/** What `POST /orgs/{org}/service-accounts` answers: the only time `clientSecret` is shown. */
export interface NewServiceAccount extends ServiceAccount {
  clientSecret: string;
}

/** How a member is named in lists and pickers: "Display Name (username)", else the username, else the id. */
export function memberName(member: Pick<Member, 'principalId' | 'username' | 'displayName'>): string {
  return member.displayName ? `${member.displayName} (${member.username})` : (member.username ?? member.principalId);
}
