import { useParams } from 'react-router';
import { AgentsList, ComputeNav, CreateTargetForm, TargetDetail, TargetsList } from '@/features/compute';
import { administers, useMe } from '@/features/organizations';
import { paths } from '@/shared/paths';
import { Breadcrumbs } from '../Breadcrumbs';

function useCanAdminister() {
  return administers(useMe().data?.role);
}

/** Compute targets: every member lists them; owners and admins create them. */
export function ComputeTargetsRoute() {
  const canAdminister = useCanAdminister();
  return (
    <>
      <h1>Compute</h1>
      <ComputeNav />
      {canAdminister ? <CreateTargetForm /> : null}
      <TargetsList canAdminister={canAdminister} />
    </>
  );
}

export function ComputeTargetRoute() {
  const { targetId = '' } = useParams();
  const canAdminister = useCanAdminister();
  return (
    <>
      <Breadcrumbs items={[{ label: 'Compute targets', to: paths.computeTargets() }, { label: 'Target' }]} />
      <TargetDetail targetId={targetId} canAdminister={canAdminister} />
    </>
  );
}

export function ComputeAgentsRoute() {
  return (
    <>
      <h1>Compute</h1>
      <ComputeNav />
      <AgentsList />
    </>
  );
}
