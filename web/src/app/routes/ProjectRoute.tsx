import { useParams } from 'react-router';
import { SubmitRunPanel } from '@/features/compute';
import { DatasetVersionPicker } from '@/features/datasets';
import { GranteeSelect } from '@/features/organizations';
import { ProjectHeader, ProjectName } from '@/features/projects';
import { RunsExplorer } from '@/features/runs';
import { paths } from '@/shared/paths';
import { Breadcrumbs } from '../Breadcrumbs';

export function ProjectRoute() {
  const { projectId = '' } = useParams();
  return (
    <>
      <Breadcrumbs items={[{ label: 'Projects', to: paths.projects() }, { label: <ProjectName projectId={projectId} /> }]} />
      <ProjectHeader projectId={projectId} renderGranteeInput={(props) => <GranteeSelect {...props} />} />
      <SubmitRunPanel
        key={`submit-${projectId}`}
        projectId={projectId}
        renderInputs={(picker) => <DatasetVersionPicker {...picker} />}
      />
      <RunsExplorer key={projectId} projectId={projectId} />
    </>
  );
}
