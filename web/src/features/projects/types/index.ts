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
