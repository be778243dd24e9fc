export { DatasetDetail, DatasetName, DatasetVersionLabel } from './components/DatasetDetail';
export { DatasetsList } from './components/DatasetsList';
export { DatasetVersionPicker, type DatasetVersionPickerProps } from './components/DatasetVersionPicker';
