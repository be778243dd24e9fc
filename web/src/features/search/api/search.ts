import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiJson } from '@/shared/api/client';
import { nextPageToken } from '@/shared/api/paging';
import type { SearchPage } from '../types';
import { searchKeys } from './keys';

/** Hits the search box shows while typing. */
export const PREVIEW_SIZE = 20;
/** Hits per page of the results page. */
export const RESULTS_PAGE_SIZE = 25;

/** `GET /search?q=`: the organization's projects, runs, datasets and models matching every term, best first. */
export function search(params: { q: string; maxResults?: number; pageToken?: string; signal?: AbortSignal }) {
  return apiJson<SearchPage>('/search', {
    query: { q: params.q, maxResults: params.maxResults, pageToken: params.pageToken },
    signal: params.signal,
  });
}

/** The first hits for the search box; the last answer stays while the next one loads, so the list does not flicker. */
export function useSearchPreview(q: string) {
  return useQuery({
    queryKey: searchKeys.preview(q),
    queryFn: ({ signal }) => search({ q, maxResults: PREVIEW_SIZE, signal }),
    enabled: q.trim() !== '',
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

/** The results page: pages of hits, loaded on demand. */
export function useSearchResults(q: string) {
  return useInfiniteQuery({
    queryKey: searchKeys.pages(q),
    queryFn: ({ pageParam, signal }) => search({ q, maxResults: RESULTS_PAGE_SIZE, pageToken: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageToken,
    enabled: q.trim() !== '',
  });
}
