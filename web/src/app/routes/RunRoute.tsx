import { Link, useParams } from 'react-router';
import { ExecutionPanel } from '@/features/compute';
import { DatasetVersionLabel } from '@/features/datasets';
import { LineagePanel } from '@/features/lineage';
import { ProjectName } from '@/features/projects';
import { RunDetail, useRun } from '@/features/runs';
import { paths } from '@/shared/paths';
import { Breadcrumbs } from '../Breadcrumbs';

export function RunRoute() {
  const { runId = '' } = useParams();
  const run = useRun(runId);
  const projectId = run.data?.projectId;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Projects', to: paths.projects() },
          ...(projectId ? [{ label: <ProjectName projectId={projectId} />, to: paths.project(projectId) }] : []),
          { label: run.data?.name ?? 'Run' },
        ]}
      />
      <RunDetail
        runId={runId}
        afterOverview={<ExecutionPanel runId={runId} />}
        renderInput={(input) => (
          <Link to={paths.dataset(input.datasetId)}>
            <DatasetVersionLabel datasetId={input.datasetId} datasetVersionId={input.datasetVersionId} />
          </Link>
        )}
      />
      {run.data ? <LineagePanel kind="run" id={runId} /> : null}
    </>
  );
}
