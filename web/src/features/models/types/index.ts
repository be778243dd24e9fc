/** A registered model (`GET /models/{id}`). Times are epoch milliseconds. */
export interface Model {
  id: string;
  name: string;
  description?: string;
  tags: Record<string, string>;
  /** alias → version number */
  aliases: Record<string, number>;
  protectedAliases: string[];
  latestVersion: number;
  deleted: boolean;
  createdBy: string;
  creationTime: number;
  lastUpdateTime: number;
}

export interface ModelPage {
  models: Model[];
  nextPageToken?: string;
}

export const STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type Stage = (typeof STAGES)[number];

export const FLAVORS = ['generic', 'dl4j', 'spark-ml'] as const;
export const SIGNATURE_TYPES = ['boolean', 'integer', 'long', 'float', 'double', 'string', 'binary', 'datetime'] as const;

export interface SignatureField {
  name: string;
  type: string;
}

export interface Signature {
  inputs: SignatureField[];
  outputs?: SignatureField[];
}

export interface ModelVersion {
  id: string;
  modelId: string;
  version: number;
  runId: string;
  projectId: string;
  artifactPath: string;
  artifactSha256: string;
  artifactSize: number;
  flavor: string;
  signature?: Signature;
  description?: string;
  tags: Record<string, string>;
  stage: Stage;
  aliases: string[];
  createdBy: string;
  creationTime: number;
  lastUpdateTime: number;
}

export interface ModelVersionPage {
  versions: ModelVersion[];
  nextPageToken?: string;
}

export type ApprovalStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

export interface ApprovalRequest {
  id: string;
  modelId: string;
  version: number;
  kind: 'STAGE' | 'ALIAS';
  stage?: Stage;
  archiveExistingVersions: boolean;
  alias?: string;
  status: ApprovalStatus;
  requestedBy: string;
  requestComment?: string;
  requestTime: number;
  decidedBy?: string;
  decisionComment?: string;
  decisionTime?: number;
}

export interface ApprovalPage {
  approvals: ApprovalRequest[];
  nextPageToken?: string;
}

export interface CreateModelInput {
  name: string;
  description?: string;
}

export interface RegisterVersionInput {
  runId: string;
  artifactPath: string;
  flavor: string;
  signature?: Signature;
  description?: string;
}

export interface StageChangeInput {
  stage: Stage;
  archiveExistingVersions?: boolean;
  comment?: string;
}

/** What a stage change or protected alias move answers: the change itself (200) or an approval request (202). */
export type ChangeOutcome<T> = { applied: true; result: T } | { applied: false; approval: ApprovalRequest };
