import { Link, NavLink, Outlet } from 'react-router';
import { isPersonalAccessToken, RequireAuth, useAuth } from '@/features/auth';
import { activeOrganization, OrganizationSwitcher, useMe } from '@/features/organizations';
import { SearchBox } from '@/features/search';
import { paths } from '@/shared/paths';
import { ThemeToggle } from '@/shared/ui/theme';

/** Auditors, admins and owners read the audit log; members do not see the link (the server refuses them anyway). */
function AuditLink() {
  const me = useMe();
  return me.data && me.data.role !== 'MEMBER' ? <NavLink to={paths.audit()}>Audit</NavLink> : null;
}

function AccountLink() {
  const me = useMe();
  const name = me.data?.displayName ?? me.data?.username ?? 'Account';
  return (
    <NavLink to={paths.account()} className="button ghost" title="Your profile and tokens">
      {name}
    </NavLink>
  );
}

/** The signed-in shell: skip link, top navigation, organization, account, theme toggle and sign-out around the page. */
export function Layout() {
  const { signOut, token } = useAuth();
  const signOutHere = () => {
    activeOrganization.set(null);
    signOut();
  };
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
          <NavLink to={paths.deployments()}>Deployments</NavLink>
          <NavLink to={paths.computeTargets()}>Compute</NavLink>
          <NavLink to={paths.organization()}>Organization</NavLink>
          <AuditLink />
        </nav>
        <search className="header-search" aria-label="Global">
          <SearchBox />
        </search>
        <div className="header-actions">
          <OrganizationSwitcher tokenBound={isPersonalAccessToken(token)} />
          <AccountLink />
          <ThemeToggle />
          <button type="button" className="button ghost" onClick={signOutHere}>
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
