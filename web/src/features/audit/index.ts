/** The audit feature: the organization's event history and its hash-chain verification. */
export { AuditLog } from './components/AuditLog';
