import { Navigate, Outlet, type RouteObject } from 'react-router';
import { AuthCallbackPage, AuthProvider, SignInPage } from '@/features/auth';
import { activeOrganization } from '@/features/organizations';
import { configureApiClient } from '@/shared/api/client';
import { paths, routePatterns } from '@/shared/paths';
import { Layout } from './Layout';
import { AccountRoute } from './routes/AccountRoute';
import { AuditRoute } from './routes/AuditRoute';
import { CompareRoute } from './routes/CompareRoute';
import { ComputeAgentsRoute, ComputeTargetRoute, ComputeTargetsRoute } from './routes/ComputeRoute';
import { DatasetRoute, DatasetsRoute } from './routes/DatasetsRoute';
import { DeploymentRoute, DeploymentsRoute } from './routes/DeploymentsRoute';
import { LineageRoute } from './routes/LineageRoute';
import { ModelRoute, ModelsRoute } from './routes/ModelsRoute';
import { NotFoundRoute } from './routes/NotFoundRoute';
import { OrganizationRoute } from './routes/OrganizationRoute';
import { ProjectRoute } from './routes/ProjectRoute';
import { ProjectsRoute } from './routes/ProjectsRoute';
import { RunRoute } from './routes/RunRoute';
import { SearchRoute } from './routes/SearchRoute';

// every call acts in the organization chosen in the header (none chosen: the credential's own)
configureApiClient({ getOrganization: activeOrganization.get });

function Root() {
  return (
    <AuthProvider>
      <Outlet />
    </AuthProvider>
  );
}

/** Every page of the UI. The URL patterns come from `shared/paths`, which features use to link. */
export const routes: RouteObject[] = [
  {
    element: <Root />,
    children: [
      { path: routePatterns.signIn, element: <SignInPage /> },
      { path: routePatterns.authCallback, element: <AuthCallbackPage /> },
      {
        element: <Layout />,
        children: [
          { path: routePatterns.home, element: <Navigate to={paths.projects()} replace /> },
          { path: routePatterns.projects, element: <ProjectsRoute /> },
          { path: routePatterns.project, element: <ProjectRoute /> },
          { path: routePatterns.run, element: <RunRoute /> },
          { path: routePatterns.compare, element: <CompareRoute /> },
          { path: routePatterns.datasets, element: <DatasetsRoute /> },
          { path: routePatterns.dataset, element: <DatasetRoute /> },
          { path: routePatterns.models, element: <ModelsRoute /> },
          { path: routePatterns.model, element: <ModelRoute /> },
          { path: routePatterns.deployments, element: <DeploymentsRoute /> },
          { path: routePatterns.deployment, element: <DeploymentRoute /> },
          { path: routePatterns.lineage, element: <LineageRoute /> },
          { path: routePatterns.account, element: <AccountRoute /> },
          { path: routePatterns.organization, element: <OrganizationRoute /> },
          { path: routePatterns.audit, element: <AuditRoute /> },
          { path: routePatterns.search, element: <SearchRoute /> },
          { path: '/compute', element: <Navigate to={paths.computeTargets()} replace /> },
          { path: routePatterns.computeTargets, element: <ComputeTargetsRoute /> },
          { path: routePatterns.computeTarget, element: <ComputeTargetRoute /> },
          { path: routePatterns.computeAgents, element: <ComputeAgentsRoute /> },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];
