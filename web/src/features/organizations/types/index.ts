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
