import type { QueryValue } from '@/shared/api/client';
import type { AuditFilter } from '../types';

/** The query parameters both the list and the export take. */
export function filterQuery(filter: AuditFilter): Record<string, QueryValue> {
  return {
    actor: filter.actor.trim(),
    aggregateType: filter.aggregateType.trim(),
    aggregateId: filter.aggregateId.trim(),
    eventType: filter.eventType.trim(),
    from: filter.from,
    to: filter.to,
  };
}
