export { DatasetDetail, DatasetVersionLabel } from './components/DatasetDetail';
export { DatasetsList } from './components/DatasetsList';
