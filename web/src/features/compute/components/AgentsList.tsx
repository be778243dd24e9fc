import { useMemo } from 'react';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { LoadMoreButton } from '@/shared/ui/LoadMoreButton';
import { useAgents } from '../api/get-agents';
import { useTargets } from '../api/get-targets';
import { AgentsTable } from './AgentsTable';

/** The organization's agents; refreshed every few seconds. */
export function AgentsList() {
  const agents = useAgents();
  const targets = useTargets();
  const rows = agents.data?.pages.flatMap((page) => page.agents) ?? [];
  const targetNames = useMemo(
    () => new Map((targets.data?.pages.flatMap((page) => page.targets) ?? []).map((target) => [target.id, target.name])),
    [targets.data],
  );
  return (
    <section className="card" aria-labelledby="agents-title">
      <h2 id="agents-title">Agents</h2>
      <p className="muted small">
        Online while heartbeats arrive within the agent's lease TTL; an agent without heartbeats loses its leases and its
        runs are queued again.
      </p>
      {agents.isPending ? <Loading label="Loading agents…" /> : null}
      {agents.isError ? <ErrorMessage error={agents.error} /> : null}
      {agents.isSuccess && rows.length === 0 ? (
        <EmptyState title="No agents registered">
          Start one with a service account's credentials: <code>java -jar cairn-agent.jar --url=… --targets=…</code> (see
          docs/compute.md).
        </EmptyState>
      ) : null}
      {rows.length > 0 ? <AgentsTable agents={rows} caption="Agents" targetNames={targetNames} /> : null}
      <LoadMoreButton list={agents} label="Load more agents" />
    </section>
  );
}
