import { useSearchParams } from 'react-router';
import { SearchResults } from '@/features/search';

/** `/search?q=`: the query lives in the URL, so a search can be bookmarked and the back button works. */
export function SearchRoute() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  return <SearchResults q={q} onSearch={(next) => setParams({ q: next })} />;
}
