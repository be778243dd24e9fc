import { useSearchParams } from 'react-router';
import { CompareRuns, useRun } from '@/features/runs';
import { ProjectName } from '@/features/projects';
import { paths } from '@/shared/paths';
import { Breadcrumbs } from '../Breadcrumbs';

export function CompareRoute() {
  const [params] = useSearchParams();
  const runIds = (params.get('runs') ?? '').split(',').filter(Boolean);
  const first = useRun(runIds[0] ?? '');
  const projectId = runIds.length > 0 ? first.data?.projectId : undefined;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Projects', to: paths.projects() },
          ...(projectId ? [{ label: <ProjectName projectId={projectId} />, to: paths.project(projectId) }] : []),
          { label: `Compare ${runIds.length} runs` },
        ]}
      />
      <h1>Compare runs</h1>
      <CompareRuns runIds={runIds} />
    </>
  );
}
