export { ModelDetail, ModelName } from './components/ModelDetail';
export { CreateModelForm, ModelsList } from './components/ModelsList';
export { useModels } from './api/get-models';
export { useModelVersions } from './api/get-model-versions';
export type { ModelVersion } from './types';
