/** One event of the organization's history, as `GET /orgs/{org}/audit/events` answers it. */
export interface AuditEvent {
  globalIndex: number;
  eventId: string;
  time: number;
  actor?: string;
  aggregateType: string;
  aggregateId: string;
  sequenceNumber: number;
  type: string;
  revision?: string;
  correlationId?: string;
  causationId?: string;
  digest?: string;
  payload: unknown;
}

export interface AuditPage {
  events: AuditEvent[];
  nextPageToken?: string;
}

/** Filters of the audit log; empty strings mean "any". `from`/`to` are epoch milliseconds. */
export interface AuditFilter {
  actor: string;
  aggregateType: string;
  aggregateId: string;
  eventType: string;
  from?: number;
  to?: number;
}

export const NO_FILTER: AuditFilter = { actor: '', aggregateType: '', aggregateId: '', eventType: '' };

/** `GET /orgs/{org}/audit/verify`. */
export interface ChainVerification {
  organization: string;
  valid: boolean;
  eventsChecked: number;
  brokenAt?: number;
  brokenEventId?: string;
  reason?: string;
  headDigest?: string;
}
