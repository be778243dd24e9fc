export type ComputeKind = 'process' | 'dl4j' | 'spark' | 'kubernetes';

export const COMPUTE_KINDS: ComputeKind[] = ['process', 'dl4j', 'spark', 'kubernetes'];

/** Each setting applies to some kinds only; absent means "not set" (maxConcurrentRuns: unlimited). */
export interface TargetSettings {
  sparkMaster?: string | null;
  namespace?: string | null;
  gpus?: number | null;
  maxConcurrentRuns?: number | null;
}

/** A compute target as `GET /compute/targets/{id}` answers it. */
export interface ComputeTarget {
  id: string;
  name: string;
  kind: ComputeKind;
  settings?: TargetSettings | null;
  createdBy: string;
  creationTime: number;
}

export interface TargetPage {
  targets: ComputeTarget[];
  nextPageToken?: string;
}

export interface CreateTargetInput {
  name: string;
  kind: ComputeKind;
  settings?: TargetSettings;
}

/** A registered agent; `lastHeartbeat` is null before its first heartbeat. */
export interface Agent {
  id: string;
  name: string;
  principalId: string;
  kinds: string[];
  targetIds: string[];
  leaseTtlSeconds: number;
  registrationTime: number;
  lastHeartbeat?: number | null;
}

export interface AgentPage {
  agents: Agent[];
  nextPageToken?: string;
}

export type AttemptOutcome = 'RUNNING' | 'LOST' | 'FINISHED' | 'FAILED' | 'KILLED';

export interface Attempt {
  attempt: number;
  agentId: string;
  startTime: number;
  endTime?: number | null;
  outcome: AttemptOutcome;
  exitCode?: number | null;
  reason?: string | null;
}

export interface RunSpec {
  kind?: string;
  entrypoint: string;
  parameters?: Record<string, string>;
  environment?: { variables?: Record<string, string> } & Record<string, unknown>;
  inputs?: string[];
  maxAttempts?: number;
  timeoutSeconds?: number;
}

/** `GET /runs/{id}/execution`: a submitted run's target, spec and attempts. */
export interface Execution {
  runId: string;
  projectId: string;
  targetId: string;
  kind: string;
  status: string;
  attempt: number;
  maxAttempts: number;
  agentId?: string | null;
  leaseExpiresAt?: number | null;
  exitCode?: number | null;
  reason?: string | null;
  submissionTime: number;
  spec: RunSpec;
  attempts: Attempt[];
}

/** `POST /compute/targets/{id}/runs`: the project, an optional run name and tags, and what the agent executes. */
export interface SubmitRunInput {
  projectId: string;
  name?: string;
  tags?: Record<string, string>;
  spec: RunSpec;
}
