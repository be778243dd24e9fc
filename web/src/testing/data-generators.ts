/**
 * The one test-data factory of the UI: objects shaped exactly like docs/api.md's answers, with overridable
 * fields. Ids are unique per call.
 */
import type { Dataset, DatasetVersion } from '@/features/datasets/types';
import type { Project } from '@/features/projects/types';
import type { Artifact, DownsampledSeries, Run } from '@/features/runs/types';
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
