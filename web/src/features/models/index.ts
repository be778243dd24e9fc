export { ModelDetail, ModelName } from './components/ModelDetail';
export { CreateModelForm, ModelsList } from './components/ModelsList';
