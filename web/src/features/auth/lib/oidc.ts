import { OidcClient, WebStorageStateStore } from 'oidc-client-ts';
import { paths } from '@/shared/paths';

/**
 * Sign-in at Cairn's embedded OpenID provider: authorization code with PKCE (S256) for the public client
 * `cairn-web`, the provider found by discovery at `<origin>/.well-known/openid-configuration`. The UI is served by
 * the provider's own server, so the authority is the page's origin. The code verifier and state wait in
 * sessionStorage (prefix `cairn.oidc.`) while the browser is at the sign-in page.
 */
export const OIDC_CLIENT_ID = 'cairn-web';

let client: OidcClient | null = null;

function oidcClient(): OidcClient {
  if (!client) {
    const origin = window.location.origin;
    client = new OidcClient({
      authority: origin,
      client_id: OIDC_CLIENT_ID,
      redirect_uri: `${origin}${paths.authCallback()}`,
      post_logout_redirect_uri: `${origin}${paths.signIn()}`,
      response_type: 'code',
      scope: 'openid profile',
      loadUserInfo: false,
      stateStore: new WebStorageStateStore({ store: window.sessionStorage, prefix: 'cairn.oidc.' }),
    });
  }
  return client;
}

/** Where the browser goes next; tests replace it (jsdom cannot navigate). */
export const navigation = {
  assign(url: string): void {
    window.location.assign(url);
  },
};

/** Forgets the configured client (tests change the origin's answers between runs). */
export function resetOidcClient(): void {
  client = null;
  pending.clear();
}

/** Sends the browser to the provider's sign-in; `next` is where to return afterwards. */
export async function startSignIn(next: string): Promise<void> {
  const request = await oidcClient().createSigninRequest({ state: { next } });
  navigation.assign(request.url);
}

export interface OidcSession {
  accessToken: string;
  idToken?: string;
  /** The page the user asked for before signing in. */
  next?: string;
}

const pending = new Map<string, Promise<OidcSession>>();

/**
 * Completes the sign-in at the redirect URI: checks the state, exchanges the code together with the PKCE
 * verifier for tokens. Once per callback URL (a code is single-use; React may run an effect twice).
 */
export function completeSignIn(callbackUrl: string): Promise<OidcSession> {
  let session = pending.get(callbackUrl);
  if (!session) {
    session = oidcClient()
      .processSigninResponse(callbackUrl)
      .then((response) => ({
        accessToken: response.access_token,
        idToken: response.id_token,
        next: (response.userState as { next?: string } | undefined)?.next,
      }));
    pending.set(callbackUrl, session);
  }
  return session;
}

/** Ends the provider's session too, returning to the sign-in page (needs the ID token of the sign-in). */
export async function signOutAtProvider(idToken: string): Promise<void> {
  const request = await oidcClient().createSignoutRequest({ id_token_hint: idToken });
  navigation.assign(request.url);
}
