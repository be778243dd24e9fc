import { Link, NavLink, Outlet } from 'react-router';
import { RequireAuth, useAuth } from '@/features/auth';
import { paths } from '@/shared/paths';
import { ThemeToggle } from '@/shared/ui/theme';

/** The signed-in shell: skip link, top navigation, theme toggle and sign-out around the current page. */
export function Layout() {
  const { signOut } = useAuth();
  return (
    <RequireAuth>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to={paths.projects()} className="brand">
          <img src="/favicon.svg" alt="" width={22} height={22} />
          Cairn
        </Link>
        <nav aria-label="Main">
          <NavLink to={paths.projects()}>Projects</NavLink>
          <NavLink to={paths.datasets()}>Datasets</NavLink>
          <NavLink to={paths.models()}>Models</NavLink>
        </nav>
        <div className="header-actions">
          <ThemeToggle />
          <button type="button" className="button ghost" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </RequireAuth>
  );
}
