export { SearchBox } from './components/SearchBox';
export { SearchResults } from './components/SearchResults';
