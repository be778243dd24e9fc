/**
 * The one HTTP client of the UI: prefixes `/api/v1`, sends the bearer token, and turns every failure into an
 * {@link ApiError} carrying the server's RFC 9457 problem `detail`. Authentication stays outside: the auth
 * feature plugs in how to get a token and what to do on a 401 through {@link configureApiClient}, so OIDC can
 * replace the token sign-in without touching any caller.
 */

export const API_BASE = '/api/v1';

/** RFC 9457 problem details as Cairn sends them (`field` names the offending input, when one is at fault). */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail: string;
  field?: string;
  instance?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly field?: string;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = problem.title ?? '';
    this.detail = problem.detail;
    this.field = problem.field;
  }
}

interface ClientHooks {
  /** The access token to send, or null when signed out. */
  getToken: () => string | null;
  /** The organization to act in (sent as `Cairn-Org`), or null for the credential's own. */
  getOrganization: () => string | null;
  /** Called once per response with status 401 (except for requests that opt out). */
  onUnauthorized: () => void;
}

let hooks: ClientHooks = { getToken: () => null, getOrganization: () => null, onUnauthorized: () => {} };

export function configureApiClient(next: Partial<ClientHooks>): void {
  hooks = { ...hooks, ...next };
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Send this token instead of the signed-in one (the sign-in page verifies a token this way). */
  token?: string;
  /** Act in this organization instead of the chosen one; null acts in the credential's own (no `Cairn-Org`). */
  organization?: string | null;
  /** When false a 401 is only reported to the caller, not treated as the end of the session. */
  redirectOnUnauthorized?: boolean;
}

export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

/** Encodes each segment of a slash-separated key or path (metric keys and artifact paths may hold '/'). */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
  const token = options.token ?? hooks.getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const organization = options.organization === undefined ? hooks.getOrganization() : options.organization;
  if (organization) headers['Cairn-Org'] = organization;
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, title: 'Network error', detail: 'Could not reach the Cairn server; check that it is running and try again' });
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && options.redirectOnUnauthorized !== false) hooks.onUnauthorized();
    throw error;
  }
  return response;
}

async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const problem = (await response.json()) as Partial<Problem>;
      if (problem && typeof problem.detail === 'string') {
        return new ApiError({ ...problem, status: response.status, detail: problem.detail });
      }
    } catch {
      // not JSON after all: fall through to a generic message
    }
  }
  const reason = response.statusText || 'request failed';
  return new ApiError({ status: response.status, title: reason, detail: `The server answered ${response.status} (${reason})` });
}

/** A JSON call; answers the parsed body, or undefined for 204. */
export async function apiJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A JSON call whose response headers matter too (scoring names the version that answered in a header). */
export async function apiJsonWithHeaders<T>(path: string, options: RequestOptions = {}): Promise<{ body: T; headers: Headers }> {
  const response = await send(path, options);
  const body = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  return { body, headers: response.headers };
}

/** A download; the bytes as a Blob (the token is sent like for any other call). */
export async function apiBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  const response = await send(path, { ...options, headers: { Accept: '*/*', ...options.headers } });
  return response.blob();
}
