import { apiJson, ApiError, configureApiClient } from './client';

function respond(body: string, status: number, contentType: string) {
  vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(body, { status, headers: { 'Content-Type': contentType } }));
}

describe('API client', () => {
  it("turns a problem+json answer into an ApiError carrying the problem's detail and field", async () => {
    respond(JSON.stringify({ title: 'Bad Request', status: 400, detail: 'maxResults must be between 1 and 1000', field: 'maxResults' }), 400, 'application/problem+json');
    const error = await apiJson('/projects').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, detail: 'maxResults must be between 1 and 1000', field: 'maxResults' });
  });

  it('describes answers that are not problems, and an unreachable server', async () => {
    respond('<html>Bad gateway</html>', 502, 'text/html');
    await expect(apiJson('/projects')).rejects.toMatchObject({ status: 502, detail: expect.stringContaining('502') });

    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(apiJson('/projects')).rejects.toMatchObject({ status: 0, detail: expect.stringContaining('Could not reach') });
  });

  it('sends the configured token and reports a 401 unless the caller opts out', async () => {
    const onUnauthorized = vi.fn();
    configureApiClient({ getToken: () => 'cairn_pat_x', onUnauthorized });
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      new Response(JSON.stringify({ status: 401, detail: 'Token expired' }), { status: 401, headers: { 'Content-Type': 'application/problem+json' } }),
    );
    await expect(apiJson('/projects', { query: { maxResults: 1, pageToken: undefined } })).rejects.toThrow('Token expired');
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/projects?maxResults=1');
    expect(new Headers(fetchMock.mock.calls[0][1]!.headers).get('Authorization')).toBe('Bearer cairn_pat_x');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);

    await expect(apiJson('/projects', { redirectOnUnauthorized: false })).rejects.toThrow('Token expired');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    configureApiClient({ getToken: () => null, onUnauthorized: () => {} });
  });
});
