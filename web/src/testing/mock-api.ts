import { vi } from 'vitest';
import type { Problem } from '@/shared/api/client';
import { createMe } from './data-generators';

/**
 * A stand-in for the Cairn API in unit tests: routes are `METHOD /path` patterns under /api/v1 (`:name` matches one
 * segment, a trailing `*` the rest), or other paths of the server such as `/oauth2/token`; each answers JSON, a
 * problem, or a function of the request (form bodies arrive as an object). Every call is recorded for assertions.
 * Unmatched calls fail the test loudly.
 */
export interface MockRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: Headers;
  body: unknown;
}

export type MockAnswer =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status: number; problem: Problem }
  | { status?: number; blob: Blob };

type Handler = MockAnswer | ((request: MockRequest) => MockAnswer | Promise<MockAnswer>);

export function json(body: unknown, status = 200): MockAnswer {
  return { status, json: body };
}

export function problem(p: Problem): MockAnswer {
  return { status: p.status, problem: p };
}

function compile(pattern: string) {
  const [method, path] = pattern.split(' ');
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (segment === '*') {
        names.push('rest');
        return '(.+)';
      }
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { method, regex: new RegExp(`^${source}$`), names };
}

/**
 * Answered unless a test routes them itself (a test's routes are tried first): every signed-in page asks who the
 * caller is (header, org switcher); a run page reads its log and its execution (a run logged through the API has
 * none: 404).
 */
const DEFAULT_ROUTES: Record<string, Handler> = {
  'GET /me': json(createMe()),
  'GET /runs/:id/logs': json({ chunks: [], nextSeq: 0 }),
  'GET /runs/:id/execution': problem({ status: 404, title: 'Not Found', detail: 'Run execution not found' }),
};

export function mockApi(routes: Record<string, Handler>) {
  const defaults = Object.entries(DEFAULT_ROUTES).filter(([pattern]) => !(pattern in routes));
  const compiled = [...Object.entries(routes), ...defaults].map(([pattern, handler]) => ({ ...compile(pattern), handler, pattern }));
  const calls: MockRequest[] = [];
  const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const headers = new Headers(init?.headers);
    const body =
      typeof init?.body === 'string'
        ? JSON.parse(init.body)
        : init?.body instanceof URLSearchParams
          ? Object.fromEntries(init.body)
          : undefined;
    for (const route of compiled) {
      const match = route.method === method ? route.regex.exec(path) : null;
      if (!match) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1])));
      const request: MockRequest = { method, path, query: url.searchParams, params, headers, body };
      calls.push(request);
      const answer = typeof route.handler === 'function' ? await route.handler(request) : route.handler;
      if ('problem' in answer) {
        return new Response(JSON.stringify(answer.problem), {
          status: answer.status,
          headers: { 'Content-Type': 'application/problem+json' },
        });
      }
      if ('blob' in answer) return new Response(answer.blob, { status: answer.status ?? 200 });
      if (answer.status === 204) return new Response(null, { status: 204 });
      return new Response(JSON.stringify(answer.json), {
        status: answer.status ?? 200,
        headers: { 'Content-Type': 'application/json', ...answer.headers },
      });
    }
    throw new Error(`Unexpected API call in test: ${method} ${url.pathname}${url.search}`);
  });
  return {
    calls,
    fetchMock,
    callsTo: (method: string, path: string) => calls.filter((call) => call.method === method && call.path === path),
  };
}
