import type { SourceEvent } from '../../../shared/events/callEvent';
import { eventPlain } from './eslServer';

/** How a failed dial ends on FreeSWITCH: the customer leg's Hangup-Cause. */
const FAILED_CAUSE: Record<string, string> = {
  no_answer: 'NO_ANSWER',
  busy: 'USER_BUSY',
  invalid: 'UNALLOCATED_NUMBER',
};
const CORE_UUID = '2130a7d1-c1f7-44cd-8fae-8ed5946f3cec';

interface Legs {
  agentUuid: string;
  customerUuid: string;
  agent: string;
  answeredAt?: number;
  hangupAt?: number;
}

/**
 * Plays contract events (the simulator's floor, a test's script) as the ESL events a FreeSWITCH
 * with mod_callcenter would raise for them: `callcenter::info` agent-status-change (Available,
 * On Break, Logged Out), and per call the rep's phone leg and the customer leg (CHANNEL_CREATE,
 * CHANNEL_ANSWER, CHANNEL_HANGUP_COMPLETE with its Hangup-Cause). An answered call's disposition
 * arrives as `floorboard_*` variables on the rep's leg hanging up after wrap-up. Each rep is the
 * SIP user `agentOf(rep)`; `stamp(at)` gives Event-Date-Timestamp's time (ms).
 */
export function createEslScript(agentOf: (rep: string) => string, stamp: (at: number) => number = (at) => at) {
  const calls = new Map<string, Legs>();
  let seq = 0;
  const uuid = () => {
    const n = (++seq).toString(16).padStart(12, '0');
    return `5b7a0c1e-0000-4000-8000-${n}`;
  };
  const base = (name: string, at: number): Record<string, string> => ({
    'Event-Name': name,
    'Core-UUID': CORE_UUID,
    'Event-Date-Timestamp': String(stamp(at) * 1000),
  });
  const status = (rep: string, at: number, value: string) =>
    eventPlain({
      ...base('CUSTOM', at),
      'Event-Subclass': 'callcenter::info',
      'CC-Action': 'agent-status-change',
      'CC-Agent': `${agentOf(rep)}@default`,
      'CC-Agent-Status': value,
    });
  const agentLeg = (legs: Legs) => ({
    'Unique-ID': legs.agentUuid,
    'Call-Direction': 'outbound',
    'Channel-Name': `sofia/internal/${legs.agent}@10.0.0.5:5060`,
  });
  const customerLeg = (legs: Legs) => ({
    'Unique-ID': legs.customerUuid,
    'Call-Direction': 'outbound',
    'Channel-Name': `sofia/gateway/carrier/+1555${legs.customerUuid.slice(-7)}`,
    'Other-Leg-Unique-ID': legs.agentUuid,
  });
  const hangup = (legs: Legs, side: 'agent' | 'customer', at: number, cause: string, vars = {}) =>
    eventPlain({
      ...base('CHANNEL_HANGUP_COMPLETE', at),
      ...(side === 'agent' ? agentLeg(legs) : customerLeg(legs)),
      'Hangup-Cause': cause,
      ...(legs.answeredAt !== undefined
        ? { 'Caller-Channel-Answered-Time': String(stamp(legs.answeredAt) * 1000) }
        : {}),
      ...vars,
    });

  /** The ESL messages for one contract event (none for an event that only completes later). */
  return function play(e: SourceEvent): Buffer[] {
    switch (e.type) {
      case 'list.loaded': // the dialer's list, not the PBX's business
        return [];
      case 'rep.login':
      case 'rep.ready':
        return [status(e.rep, e.at, 'Available')];
      case 'rep.pause':
        return [status(e.rep, e.at, 'On Break')];
      case 'rep.logout':
        return [status(e.rep, e.at, 'Logged Out')];
      case 'call.dial': {
        const legs: Legs = { agentUuid: uuid(), customerUuid: uuid(), agent: agentOf(e.rep) };
        calls.set(e.call, legs);
        return [
          eventPlain({ ...base('CHANNEL_CREATE', e.at), ...agentLeg(legs) }),
          eventPlain({ ...base('CHANNEL_CREATE', e.at), ...customerLeg(legs) }),
        ];
      }
      case 'call.answer': {
        const legs = calls.get(e.call);
        if (!legs) return [];
        legs.answeredAt = e.at;
        return [eventPlain({ ...base('CHANNEL_ANSWER', e.at), ...customerLeg(legs) })];
      }
      case 'call.hangup': {
        const legs = calls.get(e.call);
        if (!legs) return [];
        // An unanswered call's hang-up waits for its outcome, which says how the dial failed.
        if (legs.answeredAt === undefined) return (void (legs.hangupAt = e.at), []);
        return [hangup(legs, 'customer', e.at, 'NORMAL_CLEARING')];
      }
      case 'lead.handoff':
      case 'lead.accepted':
      case 'lead.rejected':
      case 'lead.closed':
        return []; // a PBX knows no lead handoffs
      case 'call.outcome': {
        const legs = calls.get(e.call);
        calls.delete(e.call);
        if (!legs) return [];
        const cause = FAILED_CAUSE[e.outcome];
        if (legs.answeredAt === undefined) {
          const at = legs.hangupAt ?? e.at;
          const vars = cause ? {} : { variable_floorboard_outcome: e.outcome };
          return [
            hangup(legs, 'customer', at, cause ?? 'NORMAL_CLEARING', vars),
            hangup(legs, 'agent', at, 'NORMAL_CLEARING'),
          ];
        }
        const vars: Record<string, string> = { variable_floorboard_outcome: e.outcome };
        if (e.amount !== undefined) vars.variable_floorboard_amount = e.amount.toFixed(2);
        if (e.reason !== undefined) vars.variable_floorboard_reason = e.reason;
        if (e.followUpAt !== undefined) vars.variable_floorboard_followup = new Date(e.followUpAt).toISOString();
        if (e.contact !== undefined) vars.variable_floorboard_contact = e.contact;
        // The rep's leg stays up through wrap-up and hangs up with the disposition set on it.
        return [hangup(legs, 'agent', e.at, 'NORMAL_CLEARING', vars)];
      }
    }
  };
}
