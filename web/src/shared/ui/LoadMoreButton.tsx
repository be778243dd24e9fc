/** The "load more" button under a paged list (a TanStack infinite query), with the failure of the last page. */
import { ErrorMessage } from './feedback';

interface InfiniteList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage: () => unknown;
}

export function LoadMoreButton({ list, label }: { list: InfiniteList; label: string }) {
  return (
    <>
      {list.hasNextPage ? (
        <button type="button" className="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : label}
        </button>
      ) : null}
      {list.isFetchNextPageError ? <ErrorMessage error={list.error} /> : null}
    </>
  );
}
