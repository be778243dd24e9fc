import { screen, waitFor } from '@testing-library/react';
import { createProblem, createProject } from '@/testing/data-generators';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';

async function openTokenForm(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Use a personal access token' }));
}

describe('sign-in with a personal access token', () => {
  it('verifies the token with one cheap call, keeps it for the tab and opens the page asked for', async () => {
    const project = createProject({ name: 'churn' });
    const api = mockApi({
      'GET /projects': (request) =>
        request.headers.get('Authorization') === 'Bearer cairn_pat_good'
          ? json({ projects: [project] })
          : problem(createProblem(401, 'Unknown, revoked or expired token')),
      'POST /projects': json(project, 201),
    });
    const { user } = renderApp('/projects', { signedIn: false });

    expect(await screen.findByRole('heading', { name: /sign in to cairn/i })).toBeInTheDocument();
    await openTokenForm(user);
    await user.type(screen.getByLabelText(/personal access token/i), 'cairn_pat_good');
    await user.click(screen.getByRole('button', { name: 'Sign in with token' }));

    expect(await screen.findByRole('link', { name: 'churn' })).toBeInTheDocument();
    expect(window.sessionStorage.getItem('cairn.accessToken')).toBe('cairn_pat_good');
    const verification = api.callsTo('GET', '/projects')[0];
    expect(verification.query.get('maxResults')).toBe('1');
  });

  it("shows the server's reason when the token is refused, beside the form", async () => {
    mockApi({ 'GET /projects': problem(createProblem(401, 'Unknown, revoked or expired token')) });
    const { user } = renderApp('/sign-in', { signedIn: false });

    await openTokenForm(user);
    await user.type(await screen.findByLabelText(/personal access token/i), 'cairn_pat_wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in with token' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Unknown, revoked or expired token');
    expect(screen.getByLabelText(/personal access token/i)).toHaveAttribute('aria-invalid', 'true');
    expect(window.sessionStorage.getItem('cairn.accessToken')).toBeNull();
  });

  it('returns the user to sign-in when any call answers 401, and back to the page after signing in again', async () => {
    let valid = false;
    mockApi({
      'GET /projects': () => (valid ? json({ projects: [] }) : problem(createProblem(401, 'Token expired'))),
    });
    const { user, router } = renderApp('/projects');

    expect(await screen.findByText(/your session ended/i)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(window.sessionStorage.getItem('cairn.accessToken')).toBeNull();

    valid = true;
    await openTokenForm(user);
    await user.type(screen.getByLabelText(/personal access token/i), 'cairn_pat_new');
    await user.click(screen.getByRole('button', { name: 'Sign in with token' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/projects'));
  });

  it('signs out on request', async () => {
    mockApi({ 'GET /projects': json({ projects: [] }) });
    const { user } = renderApp('/projects');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: /sign in to cairn/i })).toBeInTheDocument();
    expect(window.sessionStorage.getItem('cairn.accessToken')).toBeNull();
  });
});
