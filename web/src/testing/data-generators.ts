/**
 * The one test-data factory of the UI: objects shaped exactly like docs/api.md's answers, with overridable
 * fields. Ids are unique per call.
 */
import type { AccessToken, Profile } from '@/features/account/types';
import type { Dataset, DatasetVersion } from '@/features/datasets/types';
import type { Deployment, ServedVersion, Telemetry, VersionTelemetry } from '@/features/deployments/types';
import type { ApprovalRequest, Model, ModelVersion } from '@/features/models/types';
import type { Group, GroupDetail, Me, Member, NewServiceAccount, ServiceAccount, SsoSettings } from '@/features/organizations/types';
import type { Project } from '@/features/projects/types';
import type { Artifact, DownsampledSeries, LogChunk, Run } from '@/features/runs/types';
import type { Agent, Attempt, ComputeTarget, Execution } from '@/features/compute/types';
import type { SearchResult } from '@/features/search/types';
import type { Problem } from '@/shared/api/client';

let sequence = 0;
const next = () => (sequence += 1);
const hex = (n: number, length = 32) => n.toString(16).padStart(length, '0');
const T0 = Date.UTC(2026, 10, 3, 9, 30);

export function createProject(overrides: Partial<Project> = {}): Project {
  const n = next();
  return {
    id: `0b6f1c1e-0000-4000-8000-${hex(n, 12)}`,
    name: `project-${n}`,
    description: `Project number ${n}`,
    tags: {},
    archived: false,
    createdBy: 'usr_admin',
    creationTime: T0 + n * 60_000,
    lastUpdateTime: T0 + n * 60_000,
    ...overrides,
  };
}

export function createRun(overrides: Partial<Run> = {}): Run {
  const n = next();
  return {
    id: hex(n),
    projectId: 'project-id',
    name: `brave-otter-${n}`,
    status: 'FINISHED',
    createdBy: 'usr_admin',
    startTime: T0 + n * 1000,
    endTime: T0 + n * 1000 + 90_000,
    params: { lr: '0.01', epochs: '10' },
    tags: { team: 'risk' },
    metrics: {
      loss: { value: 0.25, step: 9, timestamp: T0 + n * 1000 + 80_000 },
      acc: { value: 0.93, step: 9, timestamp: T0 + n * 1000 + 80_000 },
    },
    inputs: [],
    artifacts: { count: 0, totalSize: 0 },
    ...overrides,
  };
}

export function createMetricSeries(key: string, values: (number | 'NaN')[], overrides: Partial<DownsampledSeries> = {}): DownsampledSeries {
  return {
    key,
    points: values.map((value, step) => ({ key, value, step, timestamp: T0 + step * 1000 })),
    totalPoints: values.length,
    downsampled: false,
    ...overrides,
  };
}

export function createArtifact(overrides: Partial<Artifact> = {}): Artifact {
  const n = next();
  return {
    path: `model/model-${n}.zip`,
    sha256: hex(n, 64),
    size: 2048 * n,
    contentType: 'application/zip',
    loggedTime: T0 + n * 1000,
    ...overrides,
  };
}

export function createDatasetVersion(overrides: Partial<DatasetVersion> = {}): DatasetVersion {
  const n = next();
  return {
    id: `dsv-${hex(n, 8)}`,
    datasetId: 'dataset-id',
    version: 1,
    uri: `s3://data/churn/v${n}.parquet`,
    digest: `sha256:${hex(n, 64)}`,
    size: 1_048_576,
    schema: [
      { name: 'customer_id', type: 'string', nullable: false },
      { name: 'churned', type: 'boolean' },
    ],
    createdBy: 'usr_admin',
    creationTime: T0 + n * 1000,
    ...overrides,
  };
}

export function createDataset(overrides: Partial<Dataset> = {}): Dataset {
  const n = next();
  return {
    id: `5d0c2f7a-0000-4000-8000-${hex(n, 12)}`,
    name: `dataset-${n}`,
    description: `Dataset number ${n}`,
    deprecated: false,
    latestVersion: 0,
    createdBy: 'usr_admin',
    creationTime: T0 + n * 1000,
    ...overrides,
  };
}

/** An RFC 9457 problem as the API sends it. */
export function createProblem(status: number, detail: string, field?: string): Problem {
  const titles: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 409: 'Conflict' };
  return {
    type: `https://cairn.dev/problems/${(titles[status] ?? 'error').toLowerCase().replace(/ /g, '-')}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    ...(field ? { field } : {}),
  };
}

/** The discovery document of Cairn's embedded OpenID provider at `issuer`, as Spring Authorization Server serves it. */
export function createOidcDiscovery(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth2/authorize`,
    token_endpoint: `${issuer}/oauth2/token`,
    jwks_uri: `${issuer}/oauth2/jwks`,
    userinfo_endpoint: `${issuer}/userinfo`,
    end_session_endpoint: `${issuer}/connect/logout`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid'],
  };
}

/** An unsigned JWT with these claims (the UI reads ID tokens; it never verifies signatures itself). */
export function createJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'RS256', kid: 'test' })}.${part(claims)}.c2lnbmF0dXJl`;
}

/** The token endpoint's answer to the web UI's code exchange. */
export function createTokenResponse(issuer: string, overrides: Record<string, unknown> = {}) {
  const n = next();
  const now = Math.floor(T0 / 1000);
  return {
    access_token: createJwt({ sub: `principal-${n}`, iss: issuer, aud: ['cairn-api'], exp: now + 3600 }),
    id_token: createJwt({ sub: `principal-${n}`, iss: issuer, aud: ['cairn-web'], preferred_username: `user-${n}`,
      iat: now, exp: now + 1800 }),
    token_type: 'Bearer',
    expires_in: 3599,
    scope: 'openid profile',
    ...overrides,
  };
}

export function createModel(overrides: Partial<Model> = {}): Model {
  const n = next();
  return {
    id: `mdl_${hex(n, 12)}`,
    name: `model-${n}`,
    description: `Model number ${n}`,
    tags: {},
    aliases: {},
    protectedAliases: ['champion'],
    latestVersion: 0,
    deleted: false,
    createdBy: 'usr_admin',
    creationTime: T0 + n * 60_000,
    lastUpdateTime: T0 + n * 60_000,
    ...overrides,
  };
}

export function createModelVersion(overrides: Partial<ModelVersion> = {}): ModelVersion {
  const n = next();
  const modelId = overrides.modelId ?? 'mdl_1';
  const version = overrides.version ?? 1;
  return {
    id: `${modelId}.v${version}`,
    modelId,
    version,
    runId: hex(n),
    projectId: 'project-id',
    artifactPath: 'model/model.zip',
    artifactSha256: hex(n, 64),
    artifactSize: 2048,
    flavor: 'generic',
    description: '',
    tags: {},
    stage: 'None',
    aliases: [],
    createdBy: 'usr_admin',
    creationTime: T0 + n * 60_000,
    lastUpdateTime: T0 + n * 60_000,
    ...overrides,
  };
}

export function createApprovalRequest(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  const n = next();
  return {
    id: `apr_${hex(n, 12)}`,
    modelId: 'mdl_1',
    version: 1,
    kind: 'STAGE',
    stage: 'Production',
    archiveExistingVersions: false,
    status: 'PENDING',
    requestedBy: 'usr_alice',
    requestTime: T0 + n * 60_000,
    ...overrides,
  };
}

export function createMe(overrides: Partial<Me> = {}): Me {
  return {
    principalId: 'usr_me',
    username: 'ada',
    organization: 'acme',
    role: 'OWNER',
    platformAdmin: false,
    organizations: [{ id: 'acme', name: 'Acme', role: 'OWNER' }],
    ...overrides,
  };
}

export function createMember(overrides: Partial<Member> = {}): Member {
  const n = next();
  return { principalId: `usr_${hex(n, 8)}`, username: `user-${n}`, role: 'MEMBER', sinceTime: T0 + n, ...overrides };
}

export function createProfile(overrides: Partial<Profile> = {}): Profile {
  return { principalId: 'usr_me', username: 'ada', erased: false, ...overrides };
}

export function createAccessToken(overrides: Partial<AccessToken> = {}): AccessToken {
  const n = next();
  return { id: `tok_${hex(n, 8)}`, name: `token-${n}`, creationTime: T0 + n, ...overrides };
}

export function createGroup(overrides: Partial<Group> = {}): Group {
  const n = next();
  return { id: `grp_${hex(n, 8)}`, name: `group-${n}`, creationTime: T0 + n, memberCount: 0, ...overrides };
}

/** A group with its members; `memberCount` follows them unless given. */
export function createGroupDetail(overrides: Partial<GroupDetail> = {}): GroupDetail {
  const members = overrides.members ?? [];
  return { ...createGroup({ memberCount: members.length }), members, ...overrides };
}

export function createServiceAccount(overrides: Partial<ServiceAccount> = {}): ServiceAccount {
  const n = next();
  return {
    id: `sa_${hex(n, 8)}`,
    name: `robot-${n}`,
    clientId: `cairn-sa-${hex(n, 8)}`,
    role: 'MEMBER',
    createdBy: 'usr_me',
    creationTime: T0 + n,
    ...overrides,
  };
}

/** What creating a service account answers: the account with its secret. */
export function createNewServiceAccount(overrides: Partial<NewServiceAccount> = {}): NewServiceAccount {
  return { ...createServiceAccount(overrides), clientSecret: `cs_${hex(next(), 40)}`, ...overrides };
}

export function createSsoSettings(overrides: Partial<SsoSettings> = {}): SsoSettings {
  return {
    issuerUri: 'https://sso.example.com/realms/acme',
    clientId: 'cairn',
    clientSecretSet: true,
    defaultRole: 'MEMBER',
    mappings: [{ claim: 'groups', value: 'cairn-admins', role: 'ADMIN' }],
    redirectUri: 'http://localhost:8080/login/sso/acme/callback',
    signInUri: 'http://localhost:8080/login/sso/acme',
    updatedTime: T0,
    ...overrides,
  };
}

export function createSearchResult(overrides: Partial<SearchResult> = {}): SearchResult {
  const n = next();
  return {
    kind: 'run',
    id: hex(n),
    projectId: 'project-id',
    name: `result-${n}`,
    description: null,
    status: 'FINISHED',
    tags: {},
    params: {},
    metrics: {},
    updateTime: T0 + n * 1000,
    highlights: [],
    ...overrides,
  };
}

export function createTarget(overrides: Partial<ComputeTarget> = {}): ComputeTarget {
  const n = next();
  return {
    id: `tgt-${hex(n, 8)}`,
    name: `target-${n}`,
    kind: 'process',
    settings: { sparkMaster: null, namespace: null, gpus: null, maxConcurrentRuns: null },
    createdBy: 'usr_admin',
    creationTime: T0 + n * 1000,
    ...overrides,
  };
}

export function createAgent(overrides: Partial<Agent> = {}): Agent {
  const n = next();
  return {
    id: `agt-${hex(n, 8)}`,
    name: `agent-${n}`,
    principalId: 'sa_agent',
    kinds: ['process'],
    targetIds: [],
    leaseTtlSeconds: 30,
    registrationTime: T0 + n * 1000,
    lastHeartbeat: Date.now(),
    ...overrides,
  };
}

export function createAttempt(overrides: Partial<Attempt> = {}): Attempt {
  return { attempt: 1, agentId: 'agt-1', startTime: T0, endTime: T0 + 5000, outcome: 'FINISHED', exitCode: 0, reason: null, ...overrides };
}

export function createExecution(overrides: Partial<Execution> = {}): Execution {
  return {
    runId: 'run-id',
    projectId: 'project-id',
    targetId: 'tgt-1',
    kind: 'process',
    status: 'FINISHED',
    attempt: 1,
    maxAttempts: 3,
    agentId: null,
    leaseExpiresAt: null,
    exitCode: 0,
    reason: null,
    submissionTime: T0,
    spec: { kind: 'process', entrypoint: 'python train.py', maxAttempts: 3 },
    attempts: [createAttempt()],
    ...overrides,
  };
}

export function createLogChunk(overrides: Partial<LogChunk> = {}): LogChunk {
  const n = next();
  return { seq: n, stream: 'stdout', text: `line ${n}\n`, time: T0 + n * 1000, ...overrides };
}

export function createServedVersion(overrides: Partial<ServedVersion> = {}): ServedVersion {
  const n = next();
  return { role: 'stable', version: 1, alias: null, artifactSha256: hex(n, 64), trafficPercent: 100, status: 'READY', reason: null, restarts: 0, ...overrides };
}

export function createDeployment(overrides: Partial<Deployment> = {}): Deployment {
  const n = next();
  return {
    id: `dep-${hex(n, 8)}`,
    name: `deployment-${n}`,
    target: 'local',
    projectId: 'project-id',
    modelId: 'mdl_1',
    replicas: 1,
    status: 'READY',
    versions: [createServedVersion()],
    createdBy: 'usr_admin',
    creationTime: T0 + n * 1000,
    lastUpdateTime: T0 + n * 1000,
    ...overrides,
  };
}

export function createVersionTelemetry(overrides: Partial<VersionTelemetry> = {}): VersionTelemetry {
  return { version: 1, requests: 0, invalid: 0, errors: 0, latencyMs: { p50: 0, p95: 0, p99: 0, max: 0, window: 0 }, ...overrides };
}

export function createTelemetry(deploymentId: string, versions: VersionTelemetry[] = []): Telemetry {
  const sum = (pick: (v: VersionTelemetry) => number) => versions.reduce((total, v) => total + pick(v), 0);
  return {
    deploymentId,
    total: createVersionTelemetry({
      version: 0,
      requests: sum((v) => v.requests),
      invalid: sum((v) => v.invalid),
      errors: sum((v) => v.errors),
      latencyMs: versions[0]?.latencyMs ?? { p50: 0, p95: 0, p99: 0, max: 0, window: 0 },
    }),
    versions,
  };
}
