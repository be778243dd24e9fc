import { useQuery } from '@tanstack/react-query';
import { apiJson, encodePath } from '@/shared/api/client';
import type { Direction, LineageGraph } from '../types';

export const lineageKeys = {
  all: ['lineage'] as const,
  graph: (kind: string, id: string, direction: Direction, depth: number) => [...lineageKeys.all, kind, id, direction, depth] as const,
};

/**
 * `GET /lineage/{kind}/{id}?direction=&depth=`: the nodes and edges within `depth` edges, one way from the node. An
 * artifact's id holds slashes, which the API takes as they are (an encoded slash is refused).
 */
export function getLineage(kind: string, id: string, direction: Direction, depth: number) {
  return apiJson<LineageGraph>(`/lineage/${encodeURIComponent(kind)}/${encodePath(id)}`, { query: { direction, depth } });
}

export function useLineage(kind: string, id: string, direction: Direction, depth: number, enabled = true) {
  return useQuery({ queryKey: lineageKeys.graph(kind, id, direction, depth), queryFn: () => getLineage(kind, id, direction, depth), enabled });
}
