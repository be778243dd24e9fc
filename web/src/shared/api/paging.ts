/** Every list answer of the API: a page of items under a resource-named key, plus a token while more follow. */
export interface PageOf {
  nextPageToken?: string;
}

/** `getNextPageParam` for TanStack's infinite queries over Cairn's token paging. */
export function nextPageToken(page: PageOf): string | undefined {
  return page.nextPageToken || undefined;
}
