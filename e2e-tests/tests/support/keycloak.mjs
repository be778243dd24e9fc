// A real Keycloak for the SSO browser test (scripts/services/keycloak.sh, started by scripts/test.sh before
// `mvn verify`): realms, their client and users are made through Keycloak's admin REST API, with the test server's
// bootstrap administrator of the master realm.
import assert from 'node:assert/strict';

/** Keycloak's base URL: $CAIRN_E2E_KEYCLOAK, else scripts/services/keycloak.sh's default port. */
export const keycloakUrl = (process.env.CAIRN_E2E_KEYCLOAK ?? 'http://127.0.0.1:18180').replace(/\/$/, '');
const adminUsername = process.env.CAIRN_E2E_KEYCLOAK_ADMIN_USERNAME ?? 'admin';
const adminPassword = process.env.CAIRN_E2E_KEYCLOAK_ADMIN_PASSWORD ?? 'admin';

/** Null when Keycloak answers its master realm's discovery document, else why not. */
export async function keycloakUnreachable() {
  try {
    const response = await fetch(`${keycloakUrl}/realms/master/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(3000),
    });
    return response.ok ? null : `Keycloak at ${keycloakUrl} answered ${response.status}`;
  } catch (error) {
    return `Keycloak is not reachable at ${keycloakUrl} (${error.cause?.code ?? error.cause?.errors?.[0]?.code ?? error.message})`;
  }
}

async function adminToken() {
  const response = await fetch(`${keycloakUrl}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: adminUsername,
      password: adminPassword,
    }),
  });
  assert.equal(response.status, 200, `Keycloak admin sign-in: ${await response.clone().text()}`);
  return (await response.json()).access_token;
}

async function admin(method, path, body) {
  const response = await fetch(`${keycloakUrl}/admin${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${await adminToken()}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Keycloak ${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * Creates a realm with one confidential client (`clientId`, `secret`, PKCE S256, a `groups` claim) whose only
 * redirect URI is `redirectUri`, then its groups and users ({username, password, firstName, lastName, groups}).
 * Answers the realm's issuer URL.
 */
export async function createRealm({ realm, clientId, secret, redirectUri, groups = [], users = [] }) {
  await admin('POST', '/realms', {
    realm,
    enabled: true,
    sslRequired: 'none',
    loginWithEmailAllowed: false,
  });
  await admin('POST', `/realms/${realm}/clients`, {
    clientId,
    protocol: 'openid-connect',
    publicClient: false,
    clientAuthenticatorType: 'client-secret',
    secret,
    standardFlowEnabled: true,
    directAccessGrantsEnabled: false,
    redirectUris: [redirectUri],
    attributes: { 'pkce.code.challenge.method': 'S256' },
    protocolMappers: [
      {
        name: 'groups',
        protocol: 'openid-connect',
        protocolMapper: 'oidc-group-membership-mapper',
        config: {
          'claim.name': 'groups',
          'full.path': 'false',
          'id.token.claim': 'true',
          'access.token.claim': 'true',
          'userinfo.token.claim': 'true',
        },
      },
    ],
  });
  for (const name of groups) await admin('POST', `/realms/${realm}/groups`, { name });
  for (const user of users) {
    await admin('POST', `/realms/${realm}/users`, {
      username: user.username,
      enabled: true,
      email: `${user.username}@example.org`,
      emailVerified: true,
      firstName: user.firstName,
      lastName: user.lastName,
      groups: user.groups ?? [],
      credentials: [{ type: 'password', value: user.password, temporary: false }],
    });
  }
  return `${keycloakUrl}/realms/${realm}`;
}

export async function deleteRealm(realm) {
  await admin('DELETE', `/realms/${realm}`);
}

/** Keycloak's first pages after a start, and its code exchange, can be slow on a loaded machine. */
export const KEYCLOAK_TIMEOUT = 60_000;

/** On Keycloak's sign-in page of `issuer`: types the credentials and submits them. */
export async function submitKeycloakSignIn(page, issuer, username, password) {
  await page.waitForURL((url) => url.href.startsWith(`${issuer}/`), { timeout: KEYCLOAK_TIMEOUT });
  await page.locator('#username').waitFor({ timeout: KEYCLOAK_TIMEOUT });
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
}
