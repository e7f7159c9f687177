import { describe, expect, it } from 'vitest';
import { createAgentDirectory } from '../../../../server/adapters/agents';
import type { AmiMessage } from '../../../../server/adapters/asterisk/amiFraming';
import { AmiMapper, eventTime } from '../../../../server/adapters/asterisk/amiMapping';
import { failedDialOutcome } from '../../../../server/adapters/asterisk/failedDials';

const agents = createAgentDirectory({
  agents: [
    { rep: 'rep-001', name: 'Li Na', team: 'team-a', endpoints: ['PJSIP/1001', 'Agent/1001'] },
    { rep: 'rep-002', endpoints: ['Local/1002@agents'] },
  ],
  pauseReasons: { smoke: 'break' },
});
const T = 1_764_748_800;
const ev = (name: string, fields: Record<string, string | number>, ts?: number): AmiMessage => ({
  kind: 'event',
  name,
  fields: Object.fromEntries(
    Object.entries({ event: name, ...(ts === undefined ? {} : { timestamp: `${T + ts}.000000` }), ...fields }).map(
      ([k, v]) => [k.toLowerCase(), String(v)],
    ),
  ),
});
const rep = { Channel: 'PJSIP/1001-00000011', Uniqueid: '9.11', Linkedid: '9.11' };
const far = { Channel: 'PJSIP/trunk-00000012', Uniqueid: '9.12', Linkedid: '9.11' };
const dialBegin = ev('DialBegin', { ...rep, DestChannel: far.Channel, DestLinkedid: '9.11' }, 0);

function run(messages: AmiMessage[], mapper = new AmiMapper(agents)) {
  return messages.flatMap((m) => mapper.map(m, 42).events);
}

describe('AMI mapping', () => {
  it('maps an answered call from the Linkedid: dial, answer once (DialEnd and the bridge), hangup', () => {
    const events = run([
      dialBegin,
      ev('DialEnd', { ...rep, DialStatus: 'ANSWER' }, 10),
      ev('BridgeEnter', { ...rep, BridgeNumChannels: 1 }, 10),
      ev('BridgeEnter', { ...far, BridgeNumChannels: 2 }, 11),
      ev('Hangup', { ...far, Cause: 16 }, 100),
      ev('Hangup', { ...rep, Cause: 16 }, 100),
    ]);
    expect(events).toEqual([
      { type: 'call.dial', rep: 'rep-001', call: '9.11', at: T * 1000 },
      { type: 'call.answer', rep: 'rep-001', call: '9.11', at: (T + 10) * 1000 },
      { type: 'call.hangup', rep: 'rep-001', call: '9.11', at: (T + 100) * 1000 },
    ]);
  });

  it('answers on the bridge when the dial status never came (an originated call)', () => {
    const events = run([dialBegin, ev('BridgeEnter', { ...far, BridgeNumChannels: 2 }, 5)]);
    expect(events.map((e) => e.type)).toEqual(['call.dial', 'call.answer']);
  });

  it.each([
    ['BUSY', [17], 'busy'],
    ['NOANSWER', [19], 'no_answer'],
    ['CANCEL', [16], 'no_answer'],
    ['CHANUNAVAIL', [1], 'invalid'],
    ['CONGESTION', [28], 'invalid'],
    ['CHANUNAVAIL', [17], 'busy'],
    ['CONGESTION', [34], undefined],
  ])('classifies a failed dial: DialStatus %s with causes %j gives %s', (status, causes, outcome) => {
    expect(failedDialOutcome(status, causes)).toBe(outcome);
    const events = run([
      dialBegin,
      ...causes.map((cause) => ev('Hangup', { ...far, Cause: cause }, 3)),
      ev('DialEnd', { ...rep, DialStatus: status }, 3),
      ev('Hangup', { ...rep, Cause: 16 }, 4),
    ]);
    expect(events.map((e) => (e.type === 'call.outcome' ? e.outcome : e.type))).toEqual(
      outcome ? ['call.dial', 'call.hangup', outcome] : ['call.dial', 'call.hangup'],
    );
  });

  it("ends a call that began before the adapter when the rep's own channel hangs up", () => {
    const events = run([ev('Hangup', { ...far, Cause: 1 }), ev('Hangup', { ...rep, Cause: 1 })]);
    expect(events.map((e) => (e.type === 'call.outcome' ? e.outcome : e.type))).toEqual(['call.hangup', 'invalid']);
  });

  it('leaves calls of unknown extensions alone, and says why when a call event has no id', () => {
    const mapper = new AmiMapper(agents);
    const other = ev('DialBegin', { Channel: 'PJSIP/2999-00000001', Linkedid: '7.1', DestChannel: 'PJSIP/x-1' });
    expect(mapper.map(other, 1)).toEqual({ events: [] });
    expect(mapper.map(ev('Hangup', { Channel: 'PJSIP/1001-00000001' }), 1).error).toMatch(/without Linkedid/);
    expect(mapper.map(ev('NewUnknownThing', { Channel: 'PJSIP/1001-1' }), 1)).toEqual({ events: [] });
  });

  it('maps queue membership to log-in and log-out once across several queues, by interface', () => {
    const member = { MemberName: 'Li Na', Interface: 'PJSIP/1001' };
    const events = run([
      ev('QueueMemberAdded', { ...member, Queue: 'sales' }, 0),
      ev('QueueMemberAdded', { ...member, Queue: 'renewals' }, 1),
      ev('QueueMemberRemoved', { ...member, Queue: 'sales' }, 2),
      ev('QueueMemberRemoved', { ...member, Queue: 'renewals' }, 3),
    ]);
    expect(events).toEqual([
      { type: 'rep.login', rep: 'rep-001', name: 'Li Na', team: 'team-a', at: T * 1000 },
      { type: 'rep.logout', rep: 'rep-001', at: (T + 3) * 1000 },
    ]);
  });

  it('maps pauses with their reason (file table, built-in words, else other) and unpause to ready, once per change', () => {
    const member = { Interface: 'Local/1002@agents', Queue: 'sales' };
    const events = run([
      ev('QueueMemberPause', { ...member, Paused: 1, PausedReason: 'Lunch' }),
      ev('QueueMemberPause', { ...member, Queue: 'renewals', Paused: 1, PausedReason: 'Lunch' }),
      ev('QueueMemberPause', { ...member, Paused: 0 }),
      ev('QueueMemberPause', { ...member, Paused: 1, PausedReason: 'smoke' }),
      ev('QueueMemberPause', { ...member, Paused: 0 }),
      ev('QueueMemberPause', { ...member, Paused: 1, PausedReason: 'dentist' }),
    ]);
    expect(events.map((e) => (e.type === 'rep.pause' ? e.reason : e.type))).toEqual([
      'lunch',
      'rep.ready',
      'break',
      'rep.ready',
      'other',
    ]);
  });

  it('maps agent log-in and log-off by Agent/<id>', () => {
    const events = run([
      ev('AgentLogin', { Agent: '1001', Channel: 'PJSIP/1001-1' }),
      ev('Agentlogoff', { Agent: '1001' }),
    ]);
    expect(events.map((e) => `${e.type} ${e.rep}`)).toEqual(['rep.login rep-001', 'rep.logout rep-001']);
  });

  it('maps the FloorboardOutcome user event, before or after the hang-up, and reports a bad one', () => {
    const mapper = new AmiMapper(agents);
    run([dialBegin, ev('Hangup', { ...rep, Cause: 16 })], mapper);
    const outcome = (fields: Record<string, string>) =>
      mapper.map(ev('UserEvent', { UserEvent: 'FloorboardOutcome', ...fields }, 50), 1);
    expect(outcome({ Linkedid: '9.11', Outcome: 'Sale', Amount: '1200.50' }).events).toEqual([
      { type: 'call.outcome', rep: 'rep-001', call: '9.11', outcome: 'sale', amount: 1200.5, at: (T + 50) * 1000 },
    ]);
    expect(
      outcome({
        Call: 'crm-77',
        Rep: 'rep-002',
        Outcome: 'callback',
        FollowUpAt: '2025-12-04T10:00:00Z',
        Contact: 'Mr Zhao',
      }).events,
    ).toEqual([
      {
        type: 'call.outcome',
        rep: 'rep-002',
        call: 'crm-77',
        outcome: 'callback',
        followUpAt: Date.parse('2025-12-04T10:00:00Z'),
        contact: 'Mr Zhao',
        at: (T + 50) * 1000,
      },
    ]);
    expect(outcome({ Linkedid: '9.11', Outcome: 'maybe' }).error).toMatch(/unknown Outcome "maybe"/);
    expect(outcome({ Linkedid: '5.5', Outcome: 'lead' }).error).toMatch(/no rep/);
    expect(outcome({ Linkedid: '9.11', Outcome: 'callback', FollowUpAt: 'soon' }).error).toMatch(/not a time/);
    expect(mapper.map(ev('UserEvent', { UserEvent: 'SomethingElse' }), 1)).toEqual({ events: [] });
  });

  it('takes the time from Timestamp when timestampevents is on, else the time it was read', () => {
    expect(eventTime({ timestamp: '1764748800.123456' }, 5)).toBe(1_764_748_800_123);
    expect(eventTime({}, 5)).toBe(5);
    expect(eventTime({ timestamp: 'yesterday' }, 5)).toBe(5);
  });

  it('refuses an agents file that gives one endpoint to two reps', () => {
    expect(() =>
      createAgentDirectory({
        agents: [
          { rep: 'a', endpoints: ['PJSIP/1'] },
          { rep: 'b', endpoints: ['pjsip/1'] },
        ],
      }),
    ).toThrow(/given to both a and b/);
  });
});
