/**
 * The UI's URLs, typed. Features link with these; `app/router.tsx` maps the same patterns to pages. The backend's
 * SpaForwardingController serves index.html for every one of them, so each survives a reload.
 */
const seg = encodeURIComponent;

export const routePatterns = {
  home: '/',
  signIn: '/sign-in',
  authCallback: '/auth/callback',
  projects: '/projects',
  project: '/projects/:projectId',
  run: '/runs/:runId',
  compare: '/compare',
  datasets: '/datasets',
  dataset: '/datasets/:datasetId',
  models: '/models',
  model: '/models/:modelId',
  lineage: '/lineage/:kind/:nodeId',
  account: '/account',
  organization: '/organization',
  audit: '/audit',
  search: '/search',
  computeTargets: '/compute/targets',
  computeTarget: '/compute/targets/:targetId',
  computeAgents: '/compute/agents',
  deployments: '/deployments',
  deployment: '/deployments/:deploymentId',
} as const;

export const paths = {
  home: () => '/',
  signIn: (next?: string) => (next && next !== '/' ? `/sign-in?next=${seg(next)}` : '/sign-in'),
  authCallback: () => '/auth/callback',
  projects: () => '/projects',
  project: (projectId: string) => `/projects/${seg(projectId)}`,
  run: (runId: string) => `/runs/${seg(runId)}`,
  compare: (runIds: string[]) => `/compare?runs=${runIds.map(seg).join(',')}`,
  datasets: () => '/datasets',
  dataset: (datasetId: string) => `/datasets/${seg(datasetId)}`,
  models: () => '/models',
  model: (modelId: string) => `/models/${seg(modelId)}`,
  /** The lineage explorer from a node; `depth` and `direction` only when they differ from its defaults. */
  lineage: (kind: string, nodeId: string, view: { depth?: number; direction?: string } = {}) => {
    const query = new URLSearchParams();
    if (view.depth !== undefined) query.set('depth', String(view.depth));
    if (view.direction) query.set('direction', view.direction);
    const search = query.toString();
    return `/lineage/${seg(kind)}/${seg(nodeId)}${search ? `?${search}` : ''}`;
  },
  account: () => '/account',
  organization: () => '/organization',
  /** The audit log; with an event, narrowed to its actor and millisecond and that event marked. */
  audit: (event?: { eventId: string; actor?: string | null; time: number }) => {
    if (!event) return '/audit';
    const query = new URLSearchParams({ eventId: event.eventId, from: String(event.time), to: String(event.time) });
    if (event.actor) query.set('actor', event.actor);
    return `/audit?${query}`;
  },
  search: (q?: string) => (q ? `/search?q=${seg(q)}` : '/search'),
  computeTargets: () => '/compute/targets',
  computeTarget: (targetId: string) => `/compute/targets/${seg(targetId)}`,
  computeAgents: () => '/compute/agents',
  deployments: () => '/deployments',
  deployment: (deploymentId: string) => `/deployments/${seg(deploymentId)}`,
};
