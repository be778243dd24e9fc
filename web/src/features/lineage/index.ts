export { LineagePanel } from './components/LineagePanel';
