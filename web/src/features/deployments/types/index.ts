/** Status of a deployment or of one served version (docs/api.md, Deployments). */
export type DeploymentStatus = 'PENDING' | 'STARTING' | 'READY' | 'FAILED' | 'STOPPED';

/** One version a deployment serves: `stable`, or during a canary also `canary`, each with its share of the traffic. */
export interface ServedVersion {
  role: 'stable' | 'canary';
  version: number;
  alias?: string | null;
  artifactSha256: string;
  trafficPercent: number;
  status: DeploymentStatus;
  reason?: string | null;
  restarts: number;
}

/** A deployment as `GET /deployments/{id}` answers it. Times are epoch milliseconds. */
export interface Deployment {
  id: string;
  name: string;
  target: string;
  projectId: string;
  modelId: string;
  replicas: number;
  status: DeploymentStatus;
  versions: ServedVersion[];
  createdBy: string;
  creationTime: number;
  lastUpdateTime: number;
}

export interface DeploymentPage {
  deployments: Deployment[];
  nextPageToken?: string;
}

/** What `GET /deployments` is narrowed to; absent means any. */
export interface DeploymentFilter {
  projectId?: string;
  modelId?: string;
}

/** A project or model the list's filters offer. */
export interface FilterOption {
  id: string;
  name: string;
}

/** Where a deployment's model servers run; `kubernetes` only where the operator enabled it. */
export const DEPLOYMENT_TARGETS = ['local', 'kubernetes'] as const;
export type DeploymentTarget = (typeof DEPLOYMENT_TARGETS)[number];

export interface CreateDeploymentInput {
  modelId: string;
  version?: number;
  alias?: string;
  name?: string;
  target?: DeploymentTarget;
  replicas?: number;
}

/** Without `canaryPercent` the version replaces the stable one at once; with 1–99 it becomes the canary. */
export interface UpdateDeploymentInput {
  version: number;
  canaryPercent?: number;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  window: number;
}

/** Scoring counts of one version (or of all, in `total`) since the backend started. */
export interface VersionTelemetry {
  version: number;
  requests: number;
  invalid: number;
  errors: number;
  latencyMs: Latency;
}

export interface Telemetry {
  deploymentId: string;
  total: VersionTelemetry;
  versions: VersionTelemetry[];
}

/** A column of a model version's signature (the registry's `signature.inputs`). */
export interface SignatureColumn {
  name: string;
  type: string;
}

/** What the deployment pages need of a registered version: its number and input signature. */
export interface ModelVersionSummary {
  version: number;
  stage?: string;
  signature?: { inputs: SignatureColumn[]; outputs?: SignatureColumn[] } | null;
}

export type ScoreValue = string | number | boolean;

/** The model server's answer to `POST /deployments/{id}/score`, and the version that answered (`Cairn-Model-Version`). */
export interface ScoreResult {
  predictions: Record<string, unknown>[];
  model?: Record<string, unknown>;
  answeredBy?: number;
}
