import { useId, useState, type FormEvent } from 'react';
import { formatTime } from '@/shared/lib/format';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { LoadMoreButton } from '@/shared/ui/LoadMoreButton';
import { useAuditEvents } from '../api/get-audit-events';
import { useExportAuditEvents } from '../api/export-audit-events';
import { useVerifyChain } from '../api/verify-chain';
import { NO_FILTER, type AuditEvent, type AuditFilter } from '../types';

/** `datetime-local` value (local time) → epoch milliseconds; empty → undefined. */
function toMillis(value: string): number | undefined {
  if (!value) return undefined;
  const millis = new Date(value).getTime();
  return Number.isNaN(millis) ? undefined : millis;
}

function FilterForm({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const [draft, setDraft] = useState({ ...NO_FILTER, from: '', to: '' });
  const id = useId();
  const set = (key: keyof typeof draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...draft, from: toMillis(draft.from), to: toMillis(draft.to) });
  };
  const fields: [keyof AuditFilter, string, string][] = [
    ['eventType', 'Event type', 'cairn.run.RunFinished'],
    ['aggregateType', 'Aggregate type', 'Run'],
    ['aggregateId', 'Aggregate id', ''],
    ['actor', 'Actor (principal id)', ''],
  ];
  return (
    <form className="form-grid" onSubmit={submit} aria-label="Filter events">
      {fields.map(([key, label, placeholder]) => (
        <div className="field" key={key}>
          <label htmlFor={`${id}-${key}`}>{label}</label>
          <input id={`${id}-${key}`} className="mono" value={draft[key] as string} onChange={set(key)} placeholder={placeholder} />
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="datetime-local" value={draft.from} onChange={set('from')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="datetime-local" value={draft.to} onChange={set('to')} />
      </div>
      <div className="field actions">
        <button type="submit" className="button primary">
          Apply filters
        </button>
      </div>
    </form>
  );
}

function EventRow({ event, actorName, marked }: { event: AuditEvent; actorName: (id: string) => string | undefined; marked: boolean }) {
  const [open, setOpen] = useState(marked);
  const name = event.actor ? actorName(event.actor) : undefined;
  return (
    <>
      <tr className={marked ? 'highlighted' : undefined} aria-current={marked ? 'true' : undefined}>
        <td className="nowrap">{formatTime(event.time)}</td>
        <td className="mono">{event.type}</td>
        <td>
          {event.aggregateType} <span className="mono small">{event.aggregateId}</span>
        </td>
        <td>
          {name ? `${name} ` : null}
          <span className="mono small muted">{event.actor ?? '—'}</span>
        </td>
        <td>
          <button
            type="button"
            className="button small"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            aria-label={`${open ? 'Hide' : 'Payload'} of event ${event.globalIndex}`}
          >
            {open ? 'Hide' : 'Payload'}
          </button>
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={5}>
            <pre className="payload">{JSON.stringify(event.payload, null, 2)}</pre>
            <p className="muted small mono">
              event {event.eventId} · #{event.globalIndex} · digest {event.digest}
            </p>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function Verification({ org }: { org: string }) {
  const verify = useVerifyChain(org);
  const result = verify.data;
  return (
    <div className="toolbar">
      <button type="button" className="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? 'Verifying…' : 'Verify chain'}
      </button>
      {result ? (
        <p role="status" className={result.valid ? 'success-message' : 'error-message'}>
          {result.valid
            ? `Intact: ${result.eventsChecked} events checked, head ${result.headDigest?.slice(0, 16)}…`
            : `Broken at event #${result.brokenAt} (${result.brokenEventId}): ${result.reason}`}
        </p>
      ) : null}
      <ErrorMessage error={verify.error} />
    </div>
  );
}

/**
 * The organization's audit trail for auditors, admins and owners: every event with its actor, filters, "load more",
 * export as JSON Lines, and verification of the tamper-evident hash chain. `actorName` turns a principal id into a
 * name where the caller knows one (an erased user stays a bare id). `linked` is one event another page links to
 * (the lineage's edges): the log opens narrowed to its actor and millisecond, with that event marked and open.
 */
export function AuditLog({
  org,
  actorName,
  linked,
}: {
  org: string;
  actorName: (principalId: string) => string | undefined;
  linked?: { eventId: string; actor?: string; time: number };
}) {
  const [filter, setFilter] = useState<AuditFilter>(linked ? { ...NO_FILTER, actor: linked.actor ?? '', from: linked.time, to: linked.time } : NO_FILTER);
  const narrowed = linked !== undefined && filter.from === linked.time && filter.to === linked.time;
  const events = useAuditEvents(org, filter);
  const exporter = useExportAuditEvents(org);
  const rows = events.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Events</h2>
      <Verification org={org} />
      {narrowed ? (
        <p className="notice toolbar">
          Showing event <span className="mono">{linked.eventId}</span> and any other event of {linked.actor ? <span className="mono">{linked.actor}</span> : 'anyone'} at {formatTime(linked.time)}.
          <button type="button" className="button small" onClick={() => setFilter(NO_FILTER)}>
            Show all events
          </button>
        </p>
      ) : null}
      <FilterForm onApply={setFilter} />
      <div className="toolbar">
        <button type="button" className="button" onClick={() => exporter.mutate(filter)} disabled={exporter.isPending}>
          Export JSON Lines
        </button>
        <ErrorMessage error={exporter.error} />
      </div>
      {events.isPending ? <Loading label="Loading events…" /> : null}
      {events.isError && !events.isFetchNextPageError ? <ErrorMessage error={events.error} /> : null}
      {events.isSuccess && rows.length === 0 ? <EmptyState title="No events match">Clear a filter to see more.</EmptyState> : null}
      {rows.length > 0 ? (
        <table className="table" aria-label="Audit events">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Event</th>
              <th scope="col">Aggregate</th>
              <th scope="col">Actor</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((event) => (
              <EventRow key={event.globalIndex} event={event} actorName={actorName} marked={narrowed && event.eventId === linked.eventId} />
            ))}
          </tbody>
        </table>
      ) : null}
      <LoadMoreButton list={events} label="Load more events" />
    </section>
  );
}
