import { tokenStore } from './token-store';

describe('token store', () => {
  it('keeps the token in sessionStorage only', () => {
    tokenStore.set('cairn_pat_abc');
    expect(tokenStore.get()).toBe('cairn_pat_abc');
    expect(window.sessionStorage.getItem('cairn.accessToken')).toBe('cairn_pat_abc');
    expect(JSON.stringify({ ...window.localStorage })).not.toContain('cairn_pat_abc');
    tokenStore.clear();
    expect(tokenStore.get()).toBeNull();
  });

  it('keeps the ID token of an OpenID sign-in beside it, and drops it with the session', () => {
    tokenStore.set('access.jwt', 'id.jwt');
    expect(tokenStore.idToken()).toBe('id.jwt');
    tokenStore.set('cairn_pat_next');
    expect(tokenStore.idToken()).toBeNull();
    tokenStore.set('access.jwt', 'id.jwt');
    tokenStore.clear();
    expect(tokenStore.get()).toBeNull();
    expect(tokenStore.idToken()).toBeNull();
  });
});
