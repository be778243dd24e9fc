import { screen, waitFor, within } from '@testing-library/react';
import { createAccessToken, createProblem, createProfile } from '@/testing/data-generators';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';

describe('account page', () => {
  it('edits the profile and shows the field the server refused', async () => {
    let saves = 0;
    const api = mockApi({
      'GET /me/profile': json(createProfile({ displayName: 'Ada' })),
      'PUT /me/profile': (request) =>
        ++saves === 1
          ? problem(createProblem(400, "'ada@example' is not an e-mail address (expected name@domain.tld)", 'email'))
          : json(createProfile(request.body as object)),
      'GET /tokens': json({ tokens: [] }),
    });
    const { user } = renderApp('/account');
    const form = await screen.findByRole('form', { name: 'Profile' });
    const name = within(form).getByLabelText('Display name');
    expect(name).toHaveValue('Ada');
    await user.clear(name);
    await user.type(name, 'Ada Lovelace');
    // a browser's e-mail check lets "ada@example" through; Cairn asks for a dotted domain
    await user.type(within(form).getByLabelText('E-mail'), 'ada@example');
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('expected name@domain.tld) (email)');

    await user.type(within(form).getByLabelText('E-mail'), '.com');
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));
    expect(await within(form).findByText('Saved.')).toBeInTheDocument();
    expect(api.callsTo('PUT', '/me/profile')[1].body).toEqual({ displayName: 'Ada Lovelace', email: 'ada@example.com' });
  });

  it('creates a token shown once and revokes another', async () => {
    const old = createAccessToken({ id: 'tok_old', name: 'laptop' });
    let list = [old];
    const api = mockApi({
      'GET /me/profile': json(createProfile()),
      'GET /tokens': () => json({ tokens: list }),
      'POST /tokens': (request) => {
        const created = { ...createAccessToken({ name: (request.body as { name: string }).name }), token: 'cairn_pat_secret123' };
        list = [...list, created];
        return json(created, 201);
      },
      'DELETE /tokens/tok_old': () => {
        list = [{ ...old, revokedTime: Date.UTC(2026, 10, 27) }, ...list.slice(1)];
        return { status: 204, json: null };
      },
    });
    const { user } = renderApp('/account');
    const create = await screen.findByRole('form', { name: 'Create a token' });
    await user.type(within(create).getByLabelText('Token name'), 'ci');
    await user.click(within(create).getByRole('button', { name: 'Create token' }));
    expect(await screen.findByLabelText('New token')).toHaveTextContent('cairn_pat_secret123');
    expect(api.callsTo('POST', '/tokens')[0].body).toEqual({ name: 'ci', expiresInDays: 90 });

    const table = screen.getByRole('table', { name: 'Tokens' });
    await user.click(within(table).getByRole('button', { name: 'Revoke laptop' }));
    await waitFor(() => expect(within(table).getByText(/revoked/)).toBeInTheDocument());
  });
});
