import { useParams } from 'react-router';
import { DatasetDetail, DatasetName, DatasetsList } from '@/features/datasets';
import { paths } from '@/shared/paths';
import { Breadcrumbs } from '../Breadcrumbs';

export function DatasetsRoute() {
  return (
    <>
      <h1 className="visually-hidden">Datasets</h1>
      <DatasetsList />
    </>
  );
}

export function DatasetRoute() {
  const { datasetId = '' } = useParams();
  return (
    <>
      <Breadcrumbs items={[{ label: 'Datasets', to: paths.datasets() }, { label: <DatasetName datasetId={datasetId} /> }]} />
      <DatasetDetail datasetId={datasetId} />
    </>
  );
}
