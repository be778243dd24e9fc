import { useMutation } from '@tanstack/react-query';
import { apiBlob, encodePath } from '@/shared/api/client';
import { saveFile } from '@/shared/lib/save-file';
import type { AuditFilter } from '../types';
import { filterQuery } from './query';

/** `GET /orgs/{org}/audit/events/export`: every matching event as JSON Lines. */
export function exportAuditEvents(org: string, filter: AuditFilter) {
  return apiBlob(`/orgs/${encodePath(org)}/audit/events/export`, { query: filterQuery(filter) });
}

export function useExportAuditEvents(org: string) {
  return useMutation({
    mutationFn: async (filter: AuditFilter) => {
      const blob = await exportAuditEvents(org, filter);
      saveFile(blob, `audit-${org}.jsonl`);
      return blob.size;
    },
  });
}
