import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { formatTime } from '@/shared/lib/format';
import { paths } from '@/shared/paths';
import { ConfirmDeletion } from '@/shared/ui/ConfirmDeletion';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useDeleteTarget } from '../api/delete-target';
import { useAgents } from '../api/get-agents';
import { useTarget } from '../api/get-target';
import { AgentsTable } from './AgentsTable';
import { settingsSummary } from './TargetSettingsText';

function DeleteTarget({ targetId, name }: { targetId: string; name: string }) {
  const remove = useDeleteTarget();
  const navigate = useNavigate();
  return (
    <ConfirmDeletion
      label="Delete target"
      name={name}
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate(targetId, { onSuccess: () => navigate(paths.computeTargets()) })}
    >
      Delete <strong>{name}</strong>? No new runs can be submitted to it and agents lease nothing more from it; runs
      already executing finish, queued runs stay queued until killed.
    </ConfirmDeletion>
  );
}

/** One compute target: kind, settings, who created it, the agents leasing from it; owners and admins delete it. */
export function TargetDetail({ targetId, canAdminister }: { targetId: string; canAdminister: boolean }) {
  const target = useTarget(targetId);
  const agents = useAgents();
  const serving = useMemo(
    () => (agents.data?.pages.flatMap((page) => page.agents) ?? []).filter((agent) => agent.targetIds.includes(targetId)),
    [agents.data, targetId],
  );
  if (target.isPending) return <Loading label="Loading compute target…" />;
  if (target.isError) return <ErrorMessage error={target.error} />;
  const t = target.data;
  return (
    <>
      <header className="page-header">
        <h1>
          {t.name} <span className="badge">{t.kind}</span>
        </h1>
      </header>
      <section className="card" aria-labelledby="target-overview">
        <h2 id="target-overview">Overview</h2>
        <dl className="overview">
          <div className="overview-row">
            <dt>Target id</dt>
            <dd>
              <code>{t.id}</code>
            </dd>
          </div>
          <div className="overview-row">
            <dt>Settings</dt>
            <dd>{settingsSummary(t)}</dd>
          </div>
          <div className="overview-row">
            <dt>Created</dt>
            <dd>
              {formatTime(t.creationTime)} by <code>{t.createdBy}</code>
            </dd>
          </div>
        </dl>
        <p className="muted small">
          Submit a run with <code>POST /api/v1/compute/targets/{t.id}/runs</code>; its page shows the attempts and the
          log. The API does not list a target's queued runs yet.
        </p>
        {canAdminister ? <DeleteTarget targetId={t.id} name={t.name} /> : null}
      </section>
      <section className="card" aria-labelledby="target-agents">
        <h2 id="target-agents">Agents leasing from this target</h2>
        {agents.isPending ? <Loading label="Loading agents…" /> : null}
        {agents.isError ? <ErrorMessage error={agents.error} /> : null}
        {agents.isSuccess && serving.length === 0 ? (
          <EmptyState title="No agent serves this target">
            Start an agent with <code>--targets={t.id}</code>; until then its runs stay queued.
          </EmptyState>
        ) : null}
        {serving.length > 0 ? (
          <AgentsTable agents={serving} caption="Agents of this target" targetNames={new Map([[t.id, t.name]])} />
        ) : null}
      </section>
    </>
  );
}
