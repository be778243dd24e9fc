export { AgentsList } from './components/AgentsList';
export { ComputeNav } from './components/ComputeNav';
export { CreateTargetForm } from './components/CreateTargetForm';
export { ExecutionPanel } from './components/ExecutionPanel';
export { TargetDetail } from './components/TargetDetail';
export { TargetsList } from './components/TargetsList';
export { SubmitRunPanel } from './components/SubmitRunPanel';
