/**
 * Where the signed-in token lives: sessionStorage, so it ends with the browser tab and is never written to disk
 * by the UI. Only this module reads or writes it.
 */
const KEY = 'cairn.accessToken';

export const tokenStore = {
  get(): string | null {
    try {
      return window.sessionStorage.getItem(KEY);
    } catch {
      return null;
    }
  },
  set(token: string): void {
    window.sessionStorage.setItem(KEY, token);
  },
  clear(): void {
    try {
      window.sessionStorage.removeItem(KEY);
    } catch {
      // storage unavailable: nothing was stored
    }
  },
};
