import { Link } from 'react-router';
import { formatDuration, formatTime } from '@/shared/lib/format';
import { paths } from '@/shared/paths';
import { ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useExecution } from '../api/get-execution';
import { useTarget } from '../api/get-target';

/** A target's name once known (its id until then, or when it cannot be read). */
function TargetName({ targetId }: { targetId: string }) {
  const target = useTarget(targetId);
  return <>{target.data?.name ?? targetId}</>;
}

/**
 * How a submitted run is executed: its target, attempt n of m, the current lease, and every attempt with its agent,
 * outcome, exit code and reason. Runs logged directly through the API have no execution; the panel then stays away.
 */
export function ExecutionPanel({ runId }: { runId: string }) {
  const execution = useExecution(runId);
  if (execution.isPending) return <Loading label="Loading execution…" />;
  if (execution.isError) {
    return (
      <section className="card" aria-labelledby="execution-title" id="execution">
        <h2 id="execution-title">Execution</h2>
        <ErrorMessage error={execution.error} />
      </section>
    );
  }
  const e = execution.data;
  if (!e) return null;
  return (
    <section className="card" aria-labelledby="execution-title" id="execution">
      <h2 id="execution-title">Execution</h2>
      <dl className="overview">
        <div className="overview-row">
          <dt>Target</dt>
          <dd>
            <Link to={paths.computeTarget(e.targetId)}>
              <TargetName targetId={e.targetId} />
            </Link> <span className="badge">{e.kind}</span>
          </dd>
        </div>
        <div className="overview-row">
          <dt>Attempt</dt>
          <dd>{e.attempt === 0 ? `none yet (at most ${e.maxAttempts})` : `${e.attempt} of ${e.maxAttempts}`}</dd>
        </div>
        <div className="overview-row">
          <dt>Submitted</dt>
          <dd>{formatTime(e.submissionTime)}</dd>
        </div>
        <div className="overview-row">
          <dt>Entrypoint</dt>
          <dd>
            <code className="wrap">{e.spec.entrypoint}</code>
          </dd>
        </div>
        {e.agentId ? (
          <div className="overview-row">
            <dt>Leased by</dt>
            <dd>
              <code>{e.agentId}</code>
              {e.leaseExpiresAt ? ` until ${formatTime(e.leaseExpiresAt)}` : null}
            </dd>
          </div>
        ) : null}
        {e.reason ? (
          <div className="overview-row">
            <dt>Reason</dt>
            <dd>{e.reason}</dd>
          </div>
        ) : null}
      </dl>
      {e.attempts.length === 0 ? (
        <p className="muted">Queued: no agent has leased the run yet.</p>
      ) : (
        <table className="table compact">
          <caption className="visually-hidden">Attempts</caption>
          <thead>
            <tr>
              <th scope="col">Attempt</th>
              <th scope="col">Agent</th>
              <th scope="col">Outcome</th>
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
              <th scope="col">Exit code</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {e.attempts.map((attempt) => (
              <tr key={attempt.attempt}>
                <td className="num">{attempt.attempt}</td>
                <td>
                  <code>{attempt.agentId}</code>
                </td>
                <td>
                  <span className={`badge status-${attempt.outcome.toLowerCase()}`}>{attempt.outcome.toLowerCase()}</span>
                </td>
                <td className="nowrap">{formatTime(attempt.startTime)}</td>
                <td className="nowrap">{formatDuration(attempt.startTime, attempt.endTime)}</td>
                <td className="num">{attempt.exitCode ?? '—'}</td>
                <td className="wrap">{attempt.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
