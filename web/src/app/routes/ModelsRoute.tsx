import { useParams } from 'react-router';
import { useCurrentPrincipalId } from '@/features/auth';
import { DeployVersionButton } from '@/features/deployments';
import { CreateModelForm, ModelDetail, ModelName, ModelsList } from '@/features/models';
import { paths } from '@/shared/paths';
import { Breadcrumbs } from '../Breadcrumbs';

export function ModelsRoute() {
  return (
    <>
      <h1 className="visually-hidden">Models</h1>
      <CreateModelForm />
      <ModelsList />
    </>
  );
}

export function ModelRoute() {
  const { modelId = '' } = useParams();
  const currentPrincipalId = useCurrentPrincipalId();
  return (
    <>
      <Breadcrumbs items={[{ label: 'Models', to: paths.models() }, { label: <ModelName modelId={modelId} /> }]} />
      <ModelDetail
        key={modelId}
        modelId={modelId}
        currentPrincipalId={currentPrincipalId}
        renderVersionActions={(version) => <DeployVersionButton modelId={modelId} version={version.version} aliases={version.aliases} />}
      />
    </>
  );
}
