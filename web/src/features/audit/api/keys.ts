import type { AuditFilter } from '../types';

/** Query keys of the audit feature. */
export const auditKeys = {
  all: ['audit'] as const,
  events: (org: string, filter: AuditFilter) => [...auditKeys.all, org, 'events', filter] as const,
  verification: (org: string) => [...auditKeys.all, org, 'verify'] as const,
};
