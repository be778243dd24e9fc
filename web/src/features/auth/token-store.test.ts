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
});
