/** The account feature: the caller's own profile and personal access tokens. */
export { ProfileForm } from './components/ProfileForm';
export { TokensPanel } from './components/TokensPanel';
