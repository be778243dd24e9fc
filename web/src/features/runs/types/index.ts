import type { MetricValue } from '@/shared/lib/format';

export type RunStatus = 'QUEUED' | 'RUNNING' | 'FINISHED' | 'FAILED' | 'KILLED';

/** The latest value logged for a metric key (highest step, then latest timestamp). */
export interface LatestMetric {
  value: MetricValue;
  step: number;
  timestamp: number;
}

export interface SourceSnapshot {
  gitRepo?: string;
  gitCommit?: string;
  dirty?: boolean;
  archiveDigest?: string;
}

export interface EnvironmentSpec {
  runtime?: string;
  image?: string;
  dependencies?: string[];
  variables?: Record<string, string>;
  resources?: { cpu?: number; memoryMb?: number; gpu?: number };
}

export interface RunInput {
  datasetId: string;
  datasetVersionId: string;
}

/** A run as `GET /api/v1/runs/{id}` answers it. Times are epoch milliseconds. */
export interface Run {
  id: string;
  projectId: string;
  name: string;
  status: RunStatus;
  createdBy: string;
  startTime: number;
  endTime?: number;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: Record<string, LatestMetric>;
  inputs: RunInput[];
  artifacts: { count: number; totalSize: number };
  source?: SourceSnapshot;
  environment?: EnvironmentSpec;
}

export interface RunPage {
  runs: Run[];
  nextPageToken?: string;
}

export interface SearchRunsRequest {
  projectIds: string[];
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
}

export interface MetricPoint {
  key: string;
  value: MetricValue;
  step: number;
  timestamp: number;
}

/** `GET /runs/{id}/metrics/{key}?maxPoints=N`: the whole series ordered by step, reduced to at most N points. */
export interface DownsampledSeries {
  key: string;
  points: MetricPoint[];
  totalPoints: number;
  downsampled: boolean;
}

export interface Artifact {
  path: string;
  sha256: string;
  size: number;
  contentType: string;
  loggedTime: number;
}

export function isActive(status: RunStatus): boolean {
  return status === 'RUNNING' || status === 'QUEUED';
}

/** One chunk of a run's output, numbered from 1 per run. */
export interface LogChunk {
  seq: number;
  stream: 'stdout' | 'stderr';
  text: string;
  time: number;
}

/** `GET /runs/{id}/logs`: pass `nextSeq` as `after` to read what was appended since. */
export interface LogPage {
  chunks: LogChunk[];
  nextSeq: number;
}
