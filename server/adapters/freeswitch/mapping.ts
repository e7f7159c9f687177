import { OUTCOMES, idSchema, type Outcome, type SourceEvent } from '../../../shared/events/callEvent';
import type { Agent, AgentDirectory } from './agents';
import { outcomeEvent, parseFollowUp } from './contract';
import type { EslEvent } from './eslFraming';

/** The events the adapter subscribes to (`event plain ...`). */
export const ESL_EVENTS = ['CHANNEL_CREATE', 'CHANNEL_ANSWER', 'CHANNEL_HANGUP_COMPLETE', 'CUSTOM callcenter::info'];

/**
 * A failed dial's outcome from its `Hangup-Cause` (Q.850 names as FreeSWITCH prints them). A cause
 * not listed gives no outcome: the dial counts, its result stays unknown rather than guessed.
 */
export const HANGUP_CAUSE_OUTCOMES: Readonly<Record<string, Outcome>> = {
  UNALLOCATED_NUMBER: 'invalid',
  NO_ROUTE_DESTINATION: 'invalid',
  NO_ROUTE_TRANSIT_NET: 'invalid',
  INVALID_NUMBER_FORMAT: 'invalid',
  NUMBER_CHANGED: 'invalid',
  INCOMPATIBLE_DESTINATION: 'invalid',
  USER_BUSY: 'busy',
  CALL_REJECTED: 'busy',
  NORMAL_CIRCUIT_CONGESTION: 'busy',
  SWITCH_CONGESTION: 'busy',
  NO_ANSWER: 'no_answer',
  NO_USER_RESPONSE: 'no_answer',
  SUBSCRIBER_ABSENT: 'no_answer',
  ORIGINATOR_CANCEL: 'no_answer',
  NORMAL_CLEARING: 'no_answer',
  RECOVERY_ON_TIMER_EXPIRE: 'no_answer',
  ALLOTTED_TIMEOUT: 'no_answer',
};

/** mod_callcenter agent statuses (`CC-Agent-Status` of `agent-status-change`). */
const AVAILABLE = new Set(['Available', 'Available (On Demand)']);
const ON_BREAK = 'On Break';
const LOGGED_OUT = 'Logged Out';

/** What one ESL event gave: contract events, problems to report, an identity no agent matched. */
export interface MapResult {
  events: SourceEvent[];
  problems: string[];
  unmatched?: string;
}

interface CallLeg {
  call: string;
  rep: string;
  answered: boolean;
}

/** Bound on remembered legs, so a source that never sends hang-ups cannot grow the adapter. */
const MAX_LEGS = 20_000;

/** `sofia/internal/1001@10.0.0.5:5060` → [`sofia/internal/1001`, `1001`]. */
function channelKeys(channelName: string | undefined): string[] {
  if (!channelName) return [];
  const noHost = channelName.split('@')[0] ?? channelName;
  const user = noHost.slice(noHost.lastIndexOf('/') + 1);
  return [noHost, user];
}

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.set(key, value);
  if (map.size > MAX_LEGS) map.delete(map.keys().next().value as K);
}

/** Turns ESL events into contract events; keeps the little state a call's legs need. */
export function createEslMapper(agents: AgentDirectory) {
  const agentLegs = new Map<string, Agent>();
  const calls = new Map<string, CallLeg>();
  /** agent leg uuid → the customer call it was bridged to (for a disposition set on the agent's leg). */
  const callOfAgentLeg = new Map<string, CallLeg>();
  const loggedIn = new Set<string>();

  function callRep(h: Record<string, string>, out: MapResult): Agent | undefined {
    const named = h.variable_floorboard_rep;
    if (named && idSchema.safeParse(named).success) return agents.byRep(named) ?? { rep: named };
    if (named) out.problems.push(`floorboard_rep "${named.slice(0, 40)}" is not a rep id (A-Za-z0-9._-)`);
    for (const other of [h['Other-Leg-Unique-ID'], h.variable_originating_leg_uuid, h.variable_call_uuid]) {
      const agent = other ? agentLegs.get(other) : undefined;
      if (agent) return agent;
    }
    return agents.find([
      h.variable_cc_agent,
      h.variable_sip_from_user,
      h['Caller-Username'],
      h.variable_user_name,
      h['Caller-Caller-ID-Number'],
    ]);
  }

  /** The customer leg of this event: known, or adopted now (the adapter started mid-call). */
  function customerLeg(h: Record<string, string>, at: number, out: MapResult): CallLeg | undefined {
    const uuid = h['Unique-ID'] ?? h.variable_call_uuid;
    if (!uuid) {
      out.problems.push(`${h['Event-Name']}: no Unique-ID`);
      return undefined;
    }
    const known = calls.get(uuid);
    if (known) return known;
    if (agentLegs.has(uuid) || (h['Call-Direction'] ?? 'outbound') !== 'outbound') return undefined;
    const agentOfLeg = agents.find(channelKeys(h['Channel-Name']));
    if (agentOfLeg) {
      remember(agentLegs, uuid, agentOfLeg); // the rep's own phone being rung: not a customer call
      return undefined;
    }
    const agent = callRep(h, out);
    if (!agent) {
      out.unmatched = h['Channel-Name'] ?? uuid;
      return undefined;
    }
    const leg: CallLeg = { call: `fs-${uuid}`, rep: agent.rep, answered: false };
    remember(calls, uuid, leg);
    for (const other of [h['Other-Leg-Unique-ID'], h.variable_originating_leg_uuid]) {
      if (other && agentLegs.has(other)) remember(callOfAgentLeg, other, leg);
    }
    out.events.push({ type: 'call.dial', rep: leg.rep, call: leg.call, at });
    return leg;
  }

  function disposition(h: Record<string, string>, leg: CallLeg, at: number, out: MapResult): boolean {
    const raw = h.variable_floorboard_outcome?.trim().toLowerCase();
    if (!raw) return false;
    if (!(OUTCOMES as readonly string[]).includes(raw)) {
      out.problems.push(`floorboard_outcome "${raw.slice(0, 40)}" is not one of ${OUTCOMES.join(', ')}`);
      return false;
    }
    const outcome = raw as Outcome;
    const event: Extract<SourceEvent, { type: 'call.outcome' }> = { type: 'call.outcome', ...pick(leg), at, outcome };
    const amount = h.variable_floorboard_amount;
    if (outcome === 'sale' && amount) event.amount = /^\d{1,9}(\.\d{1,2})?$/.test(amount) ? Number(amount) : NaN;
    if (outcome === 'refused' && h.variable_floorboard_reason) event.reason = h.variable_floorboard_reason;
    if (outcome === 'callback') {
      const followUp = h.variable_floorboard_followup;
      if (followUp) event.followUpAt = parseFollowUp(followUp) ?? NaN;
      if (h.variable_floorboard_contact) event.contact = h.variable_floorboard_contact;
    }
    const checked = outcomeEvent(event);
    if (checked.problem) out.problems.push(`floorboard_outcome on ${leg.call}: ${checked.problem}`);
    out.events.push(checked.event);
    return true;
  }

  function hangup(h: Record<string, string>, at: number, out: MapResult): void {
    const uuid = h['Unique-ID'] ?? '';
    const agentLeg = agentLegs.get(uuid);
    if (agentLeg) {
      agentLegs.delete(uuid);
      const bridged = callOfAgentLeg.get(uuid);
      callOfAgentLeg.delete(uuid);
      if (bridged) disposition(h, bridged, at, out);
      return;
    }
    const leg = customerLeg(h, at, out);
    if (!leg) return;
    calls.delete(uuid);
    const answeredUs = Number(h['Caller-Channel-Answered-Time'] ?? 0);
    if (!leg.answered && answeredUs > 0) {
      leg.answered = true;
      out.events.push({ type: 'call.answer', ...pick(leg), at: Math.floor(answeredUs / 1000) });
    }
    out.events.push({ type: 'call.hangup', ...pick(leg), at });
    if (disposition(h, leg, at, out) || leg.answered) return;
    const cause = h['Hangup-Cause'] ?? '';
    const outcome = HANGUP_CAUSE_OUTCOMES[cause];
    if (outcome) out.events.push({ type: 'call.outcome', ...pick(leg), at, outcome });
  }

  function agentStatus(h: Record<string, string>, at: number, out: MapResult): void {
    const name = h['CC-Agent'] ?? '';
    const agent = agents.find([name, name.split('@')[0]]);
    if (!agent) {
      out.unmatched = `callcenter agent ${name}`;
      return;
    }
    const status = h['CC-Agent-Status'] ?? '';
    const rep = agent.rep;
    const login = () => {
      if (loggedIn.has(rep)) return false;
      loggedIn.add(rep);
      const event: SourceEvent = { type: 'rep.login', rep, at };
      if (agent.name) event.name = agent.name;
      if (agent.team) event.team = agent.team;
      out.events.push(event);
      return true;
    };
    if (AVAILABLE.has(status)) {
      if (!login()) out.events.push({ type: 'rep.ready', rep, at });
    } else if (status === ON_BREAK) {
      login();
      out.events.push({ type: 'rep.pause', rep, at, reason: 'break' });
    } else if (status === LOGGED_OUT) {
      loggedIn.delete(rep);
      out.events.push({ type: 'rep.logout', rep, at });
    } else {
      out.problems.push(`callcenter agent ${name}: unknown status "${status.slice(0, 40)}"`);
    }
  }

  return {
    map(event: EslEvent): MapResult {
      const out: MapResult = { events: [], problems: [] };
      const h = event.headers;
      const name = h['Event-Name'];
      const us = h['Event-Date-Timestamp'];
      const relevant =
        name === 'CHANNEL_CREATE' ||
        name === 'CHANNEL_ANSWER' ||
        name === 'CHANNEL_HANGUP_COMPLETE' ||
        (name === 'CUSTOM' && h['Event-Subclass'] === 'callcenter::info');
      if (!relevant) return out;
      if (!us || !/^\d{1,19}$/.test(us)) {
        out.problems.push(`${name}: no Event-Date-Timestamp`);
        return out;
      }
      const at = Math.floor(Number(us) / 1000);
      if (name === 'CHANNEL_CREATE') customerLeg(h, at, out);
      else if (name === 'CHANNEL_ANSWER') {
        const leg = customerLeg(h, at, out);
        if (leg && !leg.answered) {
          leg.answered = true;
          out.events.push({ type: 'call.answer', ...pick(leg), at });
        }
      } else if (name === 'CHANNEL_HANGUP_COMPLETE') hangup(h, at, out);
      else if (h['CC-Action'] === 'agent-status-change') agentStatus(h, at, out);
      return out;
    },
  };
}

function pick(leg: CallLeg): { rep: string; call: string } {
  return { rep: leg.rep, call: leg.call };
}
