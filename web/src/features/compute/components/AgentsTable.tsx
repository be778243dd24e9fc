import { Link } from 'react-router';
import { formatTime } from '@/shared/lib/format';
import { paths } from '@/shared/paths';
import { AGENT_STATUS_LABELS, agentStatus } from '../lib/agent-status';
import type { Agent } from '../types';

/** Agents with their status (from heartbeats), what they execute and serve, and when they were last heard of. */
export function AgentsTable({ agents, caption, targetNames }: { agents: Agent[]; caption: string; targetNames: Map<string, string> }) {
  const now = Date.now();
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Agent</th>
          <th scope="col">Status</th>
          <th scope="col">Kinds</th>
          <th scope="col">Targets</th>
          <th scope="col">Lease TTL</th>
          <th scope="col">Last heartbeat</th>
          <th scope="col">Registered</th>
        </tr>
      </thead>
      <tbody>
        {agents.map((agent) => {
          const status = agentStatus(agent, now);
          return (
            <tr key={agent.id}>
              <td>
                {agent.name}
                <div className="muted small mono">{agent.id}</div>
              </td>
              <td>
                <span className={`badge agent-${status}`}>{AGENT_STATUS_LABELS[status]}</span>
              </td>
              <td>{agent.kinds.length ? agent.kinds.join(', ') : <span className="muted">—</span>}</td>
              <td className="wrap">
                {agent.targetIds.map((targetId, i) => (
                  <span key={targetId}>
                    {i > 0 ? ', ' : null}
                    <Link to={paths.computeTarget(targetId)}>{targetNames.get(targetId) ?? targetId}</Link>
                  </span>
                ))}
              </td>
              <td className="num">{agent.leaseTtlSeconds} s</td>
              <td className="nowrap">{agent.lastHeartbeat ? formatTime(agent.lastHeartbeat) : 'never'}</td>
              <td className="nowrap">{formatTime(agent.registrationTime)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
