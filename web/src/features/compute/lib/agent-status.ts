import type { Agent } from '../types';

export type AgentStatus = 'online' | 'silent' | 'waiting';

/**
 * What an agent's heartbeats say: `online` while its last heartbeat is younger than its lease TTL (its leases are
 * alive), `silent` after that (its leases expire and its runs are requeued), `waiting` before the first heartbeat.
 */
export function agentStatus(agent: Agent, now: number): AgentStatus {
  if (agent.lastHeartbeat == null) return 'waiting';
  return now - agent.lastHeartbeat <= agent.leaseTtlSeconds * 1000 ? 'online' : 'silent';
}

export const AGENT_STATUS_LABELS: Record<AgentStatus, string> = {
  online: 'online',
  silent: 'no heartbeat',
  waiting: 'registered',
};
