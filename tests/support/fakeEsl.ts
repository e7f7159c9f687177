import type { SourceEvent } from '../../shared/events/callEvent';
import type { AdapterContext } from '../../server/adapters/types';
import { eventPlain } from '../../server/dev/fakePbx/eslServer';

// The fake event socket itself lives with the demo's fake PBXs, so tests and demo speak the same ESL.
export { eventPlain, startFakeEsl, type FakeEsl } from '../../server/dev/fakePbx/eslServer';

/** A recording adapter context: the in-memory sink and health log the tests read. */
export function recordingContext() {
  const events: SourceEvent[] = [];
  const health: string[] = [];
  const logs: string[] = [];
  const controller = new AbortController();
  const context: AdapterContext = {
    sink: {
      write: async (batch) => {
        events.push(...batch);
      },
    },
    health: {
      connected: () => health.push('connected'),
      disconnected: (reason) => health.push(`disconnected: ${reason}`),
      received: (n) => health.push(`received ${n}`),
      error: (reason) => health.push(`error: ${reason}`),
    },
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(m) },
    signal: controller.signal,
  };
  return { events, health, logs, context, stop: () => controller.abort() };
}

/** Waits (polling every 5 ms, up to 5 s) until the condition holds. */
export async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const TEST_AGENTS = {
  agents: [
    { match: '1001', rep: 'rep-a1', team: 'team-a', name: 'Ann Lee' },
    { match: '1002', rep: 'rep-a2', team: 'team-a', name: 'Amy Chen' },
  ],
};

/** A channel event of a customer leg dialled for agent 1001, at `ms`. */
export function channelEvent(name: string, uuid: string, ms: number, extra: Record<string, string> = {}) {
  return eventPlain({
    'Event-Name': name,
    'Core-UUID': '2130a7d1-c1f7-44cd-8fae-8ed5946f3cec',
    'Event-Date-Timestamp': String(ms * 1000),
    'Event-Date-Local': '2026-01-05 09:00:00',
    'Unique-ID': uuid,
    'Call-Direction': 'outbound',
    'Channel-Name': 'sofia/gateway/carrier/+15551230001',
    'Caller-Caller-ID-Number': '1001',
    ...extra,
  });
}

export function agentStatus(agent: string, status: string, ms: number) {
  return eventPlain({
    'Event-Name': 'CUSTOM',
    'Event-Subclass': 'callcenter::info',
    'Event-Date-Timestamp': String(ms * 1000),
    'CC-Action': 'agent-status-change',
    'CC-Agent': agent,
    'CC-Agent-Status': status,
  });
}

/**
 * A morning for agent 1001: log-in, a 90 s sale, a no-answer, an unallocated number, a busy line,
 * a 30 s refusal, a break. The floor it implies: 5 dials, 2 connects, 1 effective call (>= 60 s),
 * 1 lead, 1 deal, revenue 120.5.
 */
export function scriptedMorning(t0: number): Buffer[] {
  const hangup = (uuid: string, ms: number, cause: string, extra: Record<string, string> = {}) =>
    channelEvent('CHANNEL_HANGUP_COMPLETE', uuid, ms, { 'Hangup-Cause': cause, ...extra });
  const a = '5b7a0c1e-0000-4000-8000-00000000000a';
  const e = '5b7a0c1e-0000-4000-8000-00000000000e';
  return [
    agentStatus('1001@default', 'Available', t0),
    channelEvent('CHANNEL_CREATE', a, t0 + 1_000),
    channelEvent('CHANNEL_ANSWER', a, t0 + 5_000),
    hangup(a, t0 + 95_000, 'NORMAL_CLEARING', {
      'Caller-Channel-Answered-Time': String((t0 + 5_000) * 1000),
      variable_floorboard_outcome: 'sale',
      variable_floorboard_amount: '120.50',
    }),
    channelEvent('CHANNEL_CREATE', 'uuid-b', t0 + 100_000),
    hangup('uuid-b', t0 + 125_000, 'NO_ANSWER'),
    channelEvent('CHANNEL_CREATE', 'uuid-c', t0 + 130_000),
    hangup('uuid-c', t0 + 132_000, 'UNALLOCATED_NUMBER'),
    channelEvent('CHANNEL_CREATE', 'uuid-d', t0 + 140_000),
    hangup('uuid-d', t0 + 145_000, 'USER_BUSY'),
    channelEvent('CHANNEL_CREATE', e, t0 + 150_000),
    channelEvent('CHANNEL_ANSWER', e, t0 + 155_000),
    hangup(e, t0 + 185_000, 'NORMAL_CLEARING', {
      'Caller-Channel-Answered-Time': String((t0 + 155_000) * 1000),
      variable_floorboard_outcome: 'refused',
      variable_floorboard_reason: 'too expensive',
    }),
    agentStatus('1001@default', 'On Break', t0 + 200_000),
  ];
}
