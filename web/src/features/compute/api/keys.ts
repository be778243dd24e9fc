export const computeKeys = {
  all: ['compute'] as const,
  targets: () => [...computeKeys.all, 'targets'] as const,
  target: (id: string) => [...computeKeys.all, 'target', id] as const,
  agents: () => [...computeKeys.all, 'agents'] as const,
  execution: (runId: string) => [...computeKeys.all, 'execution', runId] as const,
};

/** How often the agents list and an active execution refresh, in milliseconds. */
export const COMPUTE_REFRESH_MS = 5000;
