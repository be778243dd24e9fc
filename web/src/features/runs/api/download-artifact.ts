import { useMutation } from '@tanstack/react-query';
import { apiBlob, encodePath } from '@/shared/api/client';

/**
 * `GET /runs/{id}/artifacts/{path}` as a Blob. A plain link cannot send the bearer token, so the bytes are
 * fetched with it and handed to the browser as a download.
 */
export function downloadArtifact(runId: string, path: string) {
  return apiBlob(`/runs/${encodePath(runId)}/artifacts/${encodePath(path)}`);
}

function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useDownloadArtifact(runId: string) {
  return useMutation({
    mutationFn: async (path: string) => {
      const blob = await downloadArtifact(runId, path);
      save(blob, path.slice(path.lastIndexOf('/') + 1));
      return blob.size;
    },
  });
}
