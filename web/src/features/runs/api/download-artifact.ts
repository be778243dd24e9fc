import { useMutation } from '@tanstack/react-query';
import { apiBlob, encodePath } from '@/shared/api/client';
import { saveFile } from '@/shared/lib/save-file';

/**
 * `GET /runs/{id}/artifacts/{path}` as a Blob. A plain link cannot send the bearer token, so the bytes are
 * fetched with it and handed to the browser as a download.
 */
export function downloadArtifact(runId: string, path: string) {
  return apiBlob(`/runs/${encodePath(runId)}/artifacts/${encodePath(path)}`);
}

export function useDownloadArtifact(runId: string) {
  return useMutation({
    mutationFn: async (path: string) => {
      const blob = await downloadArtifact(runId, path);
      saveFile(blob, path.slice(path.lastIndexOf('/') + 1));
      return blob.size;
    },
  });
}
