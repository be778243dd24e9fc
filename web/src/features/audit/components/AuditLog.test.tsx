import { screen, waitFor, within } from '@testing-library/react';
import { createMe, createMember, createProblem } from '@/testing/data-generators';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';
import type { AuditEvent } from '../types';

const T = Date.UTC(2026, 10, 27, 9, 0);

function event(n: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    globalIndex: n,
    eventId: `evt-${n}`,
    time: T + n,
    actor: 'usr_grace',
    aggregateType: 'Run',
    aggregateId: 'run-1',
    sequenceNumber: n,
    type: 'cairn.run.ParamsLogged',
    digest: 'ab'.repeat(32),
    payload: { runId: 'run-1', params: { lr: '0.1' } },
    ...overrides,
  };
}

function auditRoutes(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /me': json(createMe({ role: 'AUDITOR' })),
    'GET /orgs/acme/members': json({ members: [createMember({ principalId: 'usr_grace', username: 'grace', displayName: 'Grace Hopper' })] }),
    ...extra,
  });
}

describe('audit log', () => {
  it('lists events with named actors, loads more, filters and shows a payload', async () => {
    const api = auditRoutes({
      'GET /orgs/acme/audit/events': (request) => {
        if (request.query.get('eventType')) return json({ events: [event(9, { type: 'cairn.run.RunFinished', actor: 'usr_erased' })] });
        return request.query.get('pageToken') === 'p2'
          ? json({ events: [event(3)] })
          : json({ events: [event(1), event(2)], nextPageToken: 'p2' });
      },
    });
    const { user } = renderApp('/audit');
    const table = await screen.findByRole('table', { name: 'Audit events' });
    expect(within(table).getAllByText(/Grace Hopper/)).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Load more events' }));
    await waitFor(() => expect(within(table).getAllByText('cairn.run.ParamsLogged')).toHaveLength(3));
    expect(screen.queryByRole('button', { name: 'Load more events' })).not.toBeInTheDocument();

    await user.click(within(table).getByRole('button', { name: 'Payload of event 1' }));
    expect(within(table).getByText(/"lr": "0.1"/)).toBeInTheDocument();

    const filters = screen.getByRole('form', { name: 'Filter events' });
    await user.type(within(filters).getByLabelText('Event type'), 'cairn.run.RunFinished');
    await user.click(within(filters).getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByText('cairn.run.RunFinished')).toBeInTheDocument();
    expect(screen.getByText('usr_erased')).toBeInTheDocument();
    expect(api.calls.at(-1)?.query.get('eventType')).toBe('cairn.run.RunFinished');
  });

  it('opens at the event a lineage edge links to: narrowed to its actor and millisecond, marked and open', async () => {
    const api = auditRoutes({
      'GET /orgs/acme/audit/events': (request) =>
        request.query.get('from') ? json({ events: [event(4, { eventId: 'evt-other' }), event(5, { eventId: 'evt-linked', type: 'cairn.artifact.ArtifactUploaded' })] }) : json({ events: [event(1)] }),
    });
    const { user } = renderApp(`/audit?eventId=evt-linked&from=${T + 5}&to=${T + 5}&actor=usr_grace`);
    const table = await screen.findByRole('table', { name: 'Audit events' });
    const query = api.callsTo('GET', '/orgs/acme/audit/events')[0].query;
    expect([query.get('actor'), query.get('from'), query.get('to')]).toEqual(['usr_grace', String(T + 5), String(T + 5)]);
    expect(screen.getByText(/Showing event/)).toHaveTextContent('evt-linked');
    const marked = within(table).getByText('cairn.artifact.ArtifactUploaded').closest('tr')!;
    expect(marked).toHaveAttribute('aria-current', 'true');
    expect(within(table).getByRole('button', { name: 'Hide of event 5' })).toHaveAttribute('aria-expanded', 'true');
    expect(within(table).getByRole('button', { name: 'Payload of event 4' })).toHaveAttribute('aria-expanded', 'false');

    await user.click(screen.getByRole('button', { name: 'Show all events' }));
    expect(await screen.findByRole('button', { name: 'Payload of event 1' })).toBeInTheDocument();
    expect(api.callsTo('GET', '/orgs/acme/audit/events').at(-1)!.query.get('from')).toBeNull();
    expect(screen.queryByText(/Showing event/)).not.toBeInTheDocument();
  });

  it('verifies the chain and names the first broken event', async () => {
    auditRoutes({
      'GET /orgs/acme/audit/events': json({ events: [event(1)] }),
      'GET /orgs/acme/audit/verify': json({
        organization: 'acme',
        valid: false,
        eventsChecked: 12,
        brokenAt: 7,
        brokenEventId: 'evt-7',
        reason: 'its content does not match its digest',
        headDigest: 'cd'.repeat(32),
      }),
    });
    const { user } = renderApp('/audit');
    await user.click(await screen.findByRole('button', { name: 'Verify chain' }));
    expect(await screen.findByText(/Broken at event #7 \(evt-7\): its content does not match its digest/)).toBeInTheDocument();
  });

  it("shows the server's refusal to a member in place of the events, and no Audit link", async () => {
    auditRoutes({
      'GET /me': json(createMe({ role: 'MEMBER' })),
      'GET /orgs/acme/audit/events': problem(createProblem(403, 'Reading the audit log needs the role AUDITOR, ADMIN or OWNER')),
    });
    renderApp('/audit');
    expect(await screen.findByRole('alert')).toHaveTextContent('needs the role AUDITOR');
    expect(screen.queryByRole('link', { name: 'Audit' })).not.toBeInTheDocument();
  });
});
