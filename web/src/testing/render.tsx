import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { routes } from '@/app/router';
import { ThemeProvider } from '@/shared/ui/theme';

export const TEST_TOKEN = 'cairn_pat_test';

/**
 * Renders the whole UI (real routes, providers and auth) at `path`, signed in unless `signedIn` is false. The API
 * is whatever `mockApi` answers.
 */
export function renderApp(path: string, { signedIn = true }: { signedIn?: boolean } = {}) {
  if (signedIn) window.sessionStorage.setItem('cairn.accessToken', TEST_TOKEN);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <ThemeProvider>
        <RouterProvider router={router} />
      </ThemeProvider>
    </QueryClientProvider>,
  );
  return { ...view, user, router, queryClient };
}
