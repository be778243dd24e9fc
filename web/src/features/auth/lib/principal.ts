/**
 * The principal id a bearer token speaks for, when the UI can tell: an access token of the embedded provider is a
 * JWT whose `sub` is the principal id; a personal access token is opaque (undefined then). Only for display
 * decisions such as greying out "Approve" on one's own request — the server authorizes every call itself.
 */
export function principalIdOf(token: string | null): string | undefined {
  const parts = token?.split('.') ?? [];
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
    return typeof payload.sub === 'string' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the token is a personal access token: those belong to exactly one organization. */
export function isPersonalAccessToken(token: string | null): boolean {
  return token?.startsWith('cairn_pat_') ?? false;
}
