import { useParams } from 'react-router';
import { LineagePanel } from '@/features/lineage';
import { Breadcrumbs } from '../Breadcrumbs';

/** The lineage explorer: any node's upstream and downstream; each node links here to re-root the graph. */
export function LineageRoute() {
  const { kind = '', nodeId = '' } = useParams();
  return (
    <>
      <Breadcrumbs items={[{ label: 'Lineage' }, { label: nodeId }]} />
      <LineagePanel key={`${kind}:${nodeId}`} kind={kind} id={nodeId} explorer />
    </>
  );
}
