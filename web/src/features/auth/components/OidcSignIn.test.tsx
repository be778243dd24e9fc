import { screen, waitFor } from '@testing-library/react';
import { vi } from 'vitest';
import { createOidcDiscovery, createProject, createTokenResponse } from '@/testing/data-generators';
import { json, mockApi, type MockRequest } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';
import { navigation, resetOidcClient } from '../lib/oidc';

const origin = window.location.origin;

async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return btoa(String.fromCharCode(...new Uint8Array(digest))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The embedded provider's endpoints and the API, recording the token request. */
function provider(tokens = createTokenResponse(origin)) {
  const tokenRequests: MockRequest[] = [];
  const api = mockApi({
    'GET /.well-known/openid-configuration': json(createOidcDiscovery(origin)),
    'POST /oauth2/token': (request) => {
      tokenRequests.push(request);
      return json(tokens);
    },
    'GET /projects': (request) =>
      request.headers.get('Authorization') === `Bearer ${tokens.access_token}`
        ? json({ projects: [createProject({ name: 'churn' })] })
        : { status: 401, problem: { status: 401, detail: 'Authentication required' } },
  });
  return { api, tokens, tokenRequests };
}

/** Captures where the UI sends the browser (jsdom cannot navigate). */
function captureNavigation() {
  const targets: string[] = [];
  vi.spyOn(navigation, 'assign').mockImplementation((url: string) => {
    targets.push(url);
  });
  return targets;
}

describe('sign-in at the embedded OpenID provider (code + PKCE)', () => {
  afterEach(() => resetOidcClient());

  it('redirects with a PKCE challenge, exchanges the code with its verifier and opens the page asked for', async () => {
    const { tokens, tokenRequests } = provider();
    const targets = captureNavigation();
    const { user, router } = renderApp('/projects', { signedIn: false });

    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(targets).toHaveLength(1));
    const authorize = new URL(targets[0]);
    expect(authorize.origin + authorize.pathname).toBe(`${origin}/oauth2/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe('cairn-web');
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${origin}/auth/callback`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toContain('openid');
    const challenge = authorize.searchParams.get('code_challenge')!;
    const state = authorize.searchParams.get('state')!;
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await router.navigate(`/auth/callback?code=the-code&state=${state}`);

    expect(await screen.findByRole('link', { name: 'churn' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/projects');
    expect(tokenRequests).toHaveLength(1);
    const exchange = tokenRequests[0].body as Record<string, string>;
    expect(exchange.grant_type).toBe('authorization_code');
    expect(exchange.code).toBe('the-code');
    expect(exchange.client_id).toBe('cairn-web');
    expect(exchange.client_secret).toBeUndefined();
    expect(await s256(exchange.code_verifier)).toBe(challenge);
    expect(window.sessionStorage.getItem('cairn.accessToken')).toBe(tokens.access_token);
    expect(window.sessionStorage.getItem('cairn.idToken')).toBe(tokens.id_token);
  });

  it('ends the provider session on sign-out, returning to the sign-in page', async () => {
    const { tokens } = provider();
    const targets = captureNavigation();
    window.sessionStorage.setItem('cairn.accessToken', tokens.access_token);
    window.sessionStorage.setItem('cairn.idToken', tokens.id_token);
    const { user } = renderApp('/projects', { signedIn: false });

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(targets).toHaveLength(1));
    const logout = new URL(targets[0]);
    expect(logout.origin + logout.pathname).toBe(`${origin}/connect/logout`);
    expect(logout.searchParams.get('id_token_hint')).toBe(tokens.id_token);
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${origin}/sign-in`);
    expect(window.sessionStorage.getItem('cairn.accessToken')).toBeNull();
    expect(window.sessionStorage.getItem('cairn.idToken')).toBeNull();
  });

  it("shows the provider's refusal and offers to start again", async () => {
    const { tokenRequests } = provider();
    const { router } = renderApp('/auth/callback?error=access_denied&error_description=The+user+refused&state=unknown',
      { signedIn: false });

    expect(await screen.findByRole('alert')).toHaveTextContent(/sign-in failed/i);
    expect(screen.getByRole('link', { name: 'Back to sign-in' })).toHaveAttribute('href', '/sign-in');
    expect(tokenRequests).toHaveLength(0);
    expect(router.state.location.pathname).toBe('/auth/callback');
    expect(window.sessionStorage.getItem('cairn.accessToken')).toBeNull();
  });

  it('refuses a callback whose state it did not issue', async () => {
    const { tokenRequests } = provider();
    renderApp('/auth/callback?code=stolen&state=forged', { signedIn: false });
    expect(await screen.findByRole('alert')).toHaveTextContent(/sign-in failed/i);
    expect(tokenRequests).toHaveLength(0);
  });
});
