import { useId, useState } from 'react';
import { formatTime } from '@/shared/lib/format';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useDecideApproval } from '../api/decide-approval';
import { useApprovals } from '../api/get-approvals';
import type { ApprovalRequest, ApprovalStatus } from '../types';

function describe(request: ApprovalRequest): string {
  if (request.kind === 'ALIAS') return `alias ${request.alias} → v${request.version}`;
  return `v${request.version} → ${request.stage}${request.archiveExistingVersions ? ' (archive existing)' : ''}`;
}

function Decide({ request, currentPrincipalId }: { request: ApprovalRequest; currentPrincipalId?: string }) {
  const [comment, setComment] = useState('');
  const decide = useDecideApproval(request.modelId, request.id);
  const id = useId();
  const own = currentPrincipalId !== undefined && currentPrincipalId === request.requestedBy;
  return (
    <div className="row-actions">
      <label htmlFor={id} className="visually-hidden">
        Decision comment for {describe(request)}
      </label>
      <input id={id} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Comment (optional)" />
      <button
        type="button"
        className="button primary"
        disabled={own || decide.isPending}
        title={own ? 'You requested this change; someone else must approve it' : undefined}
        onClick={() => decide.mutate({ decision: 'approve', comment: comment.trim() || undefined })}
      >
        Approve
      </button>
      <button
        type="button"
        className="button"
        disabled={own || decide.isPending}
        onClick={() => decide.mutate({ decision: 'reject', comment: comment.trim() || undefined })}
      >
        Reject
      </button>
      {own ? <span className="hint">You requested this; another owner or admin decides.</span> : null}
      <ErrorMessage error={decide.error} />
    </div>
  );
}

/** A model's approval requests, newest first; pending ones can be approved or rejected by owners and admins. */
export function ApprovalsList({ modelId, currentPrincipalId }: { modelId: string; currentPrincipalId?: string }) {
  const [status, setStatus] = useState<ApprovalStatus | ''>('PENDING');
  const approvals = useApprovals(modelId, status || undefined);
  const filterId = useId();
  const rows = approvals.data?.approvals ?? [];
  return (
    <section className="card" aria-labelledby="approvals-title">
      <div className="toolbar">
        <h2 id="approvals-title">Approval requests</h2>
        <label htmlFor={filterId}>Show</label>
        <select id={filterId} value={status} onChange={(e) => setStatus(e.target.value as ApprovalStatus | '')}>
          <option value="PENDING">Pending</option>
          <option value="APPROVED">Approved</option>
          <option value="REJECTED">Rejected</option>
          <option value="">All</option>
        </select>
      </div>
      {approvals.isPending ? <Loading label="Loading approval requests…" /> : null}
      {approvals.isError ? <ErrorMessage error={approvals.error} /> : null}
      {approvals.isSuccess && rows.length === 0 ? (
        <EmptyState title={status === 'PENDING' ? 'Nothing waits for approval' : 'No approval requests'}>
          Moving a version to Production or a protected alias asks for an approval.
        </EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <table className="table" aria-label="Approval requests">
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col">Requested by</th>
              <th scope="col">Requested</th>
              <th scope="col">Status</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((request) => (
              <tr key={request.id}>
                <td>
                  {describe(request)}
                  {request.requestComment ? <div className="muted small">“{request.requestComment}”</div> : null}
                </td>
                <td className="mono">{request.requestedBy}</td>
                <td className="nowrap">{formatTime(request.requestTime)}</td>
                <td>
                  <span className={`badge approval-${request.status.toLowerCase()}`}>{request.status}</span>
                </td>
                <td>
                  {request.status === 'PENDING' ? (
                    <Decide request={request} currentPrincipalId={currentPrincipalId} />
                  ) : (
                    <span className="small">
                      by <span className="mono">{request.decidedBy}</span> {formatTime(request.decisionTime)}
                      {request.decisionComment ? ` — “${request.decisionComment}”` : ''}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
