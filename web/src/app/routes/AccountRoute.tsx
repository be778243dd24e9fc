import { ProfileForm, TokensPanel } from '@/features/account';

export function AccountRoute() {
  return (
    <>
      <h1>Your account</h1>
      <ProfileForm />
      <TokensPanel />
    </>
  );
}
