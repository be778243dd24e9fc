/** A project as `GET /api/v1/projects/{id}` answers it. Times are epoch milliseconds. */
export interface Project {
  id: string;
  name: string;
  description?: string;
  tags: Record<string, string>;
  archived: boolean;
  createdBy: string;
  creationTime: number;
  lastUpdateTime: number;
}

export interface ProjectPage {
  projects: Project[];
  nextPageToken?: string;
}

export interface CreateProjectInput {
  name: string;
  description?: string;
  tags?: Record<string, string>;
}

export const PROJECT_ROLES = ['VIEWER', 'EDITOR', 'MANAGER'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];
export type GranteeType = 'USER' | 'GROUP';

export interface Grant {
  granteeType: GranteeType;
  granteeId: string;
  /** The member's username or the group's name. */
  name: string;
  role: ProjectRole;
  grantTime: number;
}

/** `GET /projects/{id}/grants`. */
export interface ProjectGrants {
  projectId: string;
  ownerId: string;
  ownerUsername: string;
  grants: Grant[];
}

export interface GrantTarget {
  granteeType: GranteeType;
  granteeId: string;
}
