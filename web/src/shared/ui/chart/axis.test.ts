import { formatElapsed } from './axis';

describe('formatElapsed', () => {
  it('names elapsed seconds in the largest units that fit', () => {
    expect(formatElapsed(0)).toBe('0s');
    expect(formatElapsed(0.25)).toBe('250ms');
    expect(formatElapsed(1.5)).toBe('1.5s');
    expect(formatElapsed(42)).toBe('42s');
    expect(formatElapsed(60)).toBe('1m');
    expect(formatElapsed(303)).toBe('5m 3s');
    expect(formatElapsed(7500)).toBe('2h 5m');
    expect(formatElapsed(3 * 86400 + 4 * 3600)).toBe('3d 4h');
  });
});
