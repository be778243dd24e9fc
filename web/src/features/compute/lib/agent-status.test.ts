import { createAgent } from '@/testing/data-generators';
import { agentStatus } from './agent-status';

describe('agent status', () => {
  it('is online while the last heartbeat is within the lease TTL, silent after, waiting before the first', () => {
    const now = 1_000_000;
    expect(agentStatus(createAgent({ leaseTtlSeconds: 30, lastHeartbeat: now - 29_000 }), now)).toBe('online');
    expect(agentStatus(createAgent({ leaseTtlSeconds: 30, lastHeartbeat: now - 31_000 }), now)).toBe('silent');
    expect(agentStatus(createAgent({ lastHeartbeat: null }), now)).toBe('waiting');
  });
});
