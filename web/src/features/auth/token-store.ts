/**
 * Where the signed-in session lives: sessionStorage, so it ends with the browser tab and is never written to disk
 * by the UI. The access token is sent with every API call; the ID token (OpenID sign-in only) is kept to end the
 * provider's session on sign-out. Only this module reads or writes them.
 */
const KEY = 'cairn.accessToken';
const ID_TOKEN_KEY = 'cairn.idToken';

function read(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export const tokenStore = {
  get(): string | null {
    return read(KEY);
  },
  idToken(): string | null {
    return read(ID_TOKEN_KEY);
  },
  set(token: string, idToken?: string): void {
    window.sessionStorage.setItem(KEY, token);
    if (idToken) window.sessionStorage.setItem(ID_TOKEN_KEY, idToken);
    else window.sessionStorage.removeItem(ID_TOKEN_KEY);
  },
  clear(): void {
    try {
      window.sessionStorage.removeItem(KEY);
      window.sessionStorage.removeItem(ID_TOKEN_KEY);
    } catch {
      // storage unavailable: nothing was stored
    }
  },
};
