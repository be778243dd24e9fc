import { createJwt } from '@/testing/data-generators';
import { principalIdOf } from './principal';

describe('principalIdOf', () => {
  it("reads the provider access token's subject", () => {
    expect(principalIdOf(createJwt({ sub: 'a570470c-adb2-480a', aud: ['cairn-api'] }))).toBe('a570470c-adb2-480a');
  });

  it('knows nobody behind a personal access token, a malformed token or none', () => {
    expect(principalIdOf('cairn_pat_abc')).toBeUndefined();
    expect(principalIdOf('a.%%%.c')).toBeUndefined();
    expect(principalIdOf(null)).toBeUndefined();
  });
});
