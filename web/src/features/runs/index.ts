export { CompareRuns } from './components/CompareRuns';
export { RunDetail } from './components/RunDetail';
export { RunsExplorer } from './components/RunsExplorer';
export { useRun } from './api/get-run';
export type { Run, RunInput } from './types';
