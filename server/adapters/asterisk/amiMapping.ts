import { OUTCOMES, type Outcome, type SourceEvent } from '../../../shared/events/callEvent';
import type { EpochMs } from '../../../shared/time';
import type { Agent, AgentDirectory } from '../agents';
import type { AmiFields, AmiMessage } from './amiFraming';
import { failedDialOutcome } from './failedDials';

/** The dialplan's disposition event: `UserEvent(FloorboardOutcome,...)`. */
export const OUTCOME_USER_EVENT = 'floorboardoutcome';

/** What one AMI message became: contract events, or why a message the adapter reads could not map. */
export interface MapResult {
  events: SourceEvent[];
  error?: string;
}

interface CallState {
  rep: string;
  dialed: boolean;
  answered: boolean;
  dialStatus?: string;
  causes: number[];
}

/** Finished calls remembered for a late disposition (UserEvent after the hang-up). */
const FINISHED_CALLS = 10_000;
/** Calls in progress kept at most; past this the oldest goes (its rep's Hangup never came: a lost event). */
const OPEN_CALLS = 50_000;

/**
 * Turns AMI events into contract events. Pure but for its memory of calls in progress and of each
 * rep's queues and pause, so the same transcript always yields the same events (ids from Linkedid).
 */
export class AmiMapper {
  private readonly calls = new Map<string, CallState>();
  private readonly finished = new Map<string, string>();
  private readonly queues = new Map<string, Set<string>>();
  private readonly pauses = new Map<string, string>();

  constructor(private readonly agents: AgentDirectory) {}

  map(message: AmiMessage, receivedAt: EpochMs): MapResult {
    if (message.kind !== 'event') return { events: [] };
    const f = message.fields;
    const at = eventTime(f, receivedAt);
    switch (message.name.toLowerCase()) {
      case 'dialbegin':
        return this.dialBegin(f, at);
      case 'dialend':
        return this.dialEnd(f, at);
      case 'bridgeenter':
        return this.bridgeEnter(f, at);
      case 'hangup':
        return this.hangup(f, at);
      case 'queuememberadded':
        return this.queueMember(f, at, true);
      case 'queuememberremoved':
        return this.queueMember(f, at, false);
      case 'queuememberpause':
      case 'queuememberpaused':
        return this.pause(f, at);
      case 'agentlogin':
        return this.agent(f, at, true);
      case 'agentlogoff':
        return this.agent(f, at, false);
      case 'userevent':
        return (f.userevent ?? '').toLowerCase() === OUTCOME_USER_EVENT ? this.outcome(f, at) : { events: [] };
      default:
        return { events: [] };
    }
  }

  private dialBegin(f: AmiFields, at: EpochMs): MapResult {
    const call = callId(f);
    if (!call) return { events: [], error: 'DialBegin without Linkedid or Uniqueid' };
    const known = this.calls.get(call);
    const agent = known ? undefined : (this.channelAgent(f.channel) ?? this.channelAgent(f.destchannel));
    if (!known && !agent) return { events: [] }; // not a rep's call (an internal or unknown extension)
    const state = known ?? { rep: agent!.rep, dialed: false, answered: false, causes: [] };
    this.calls.set(call, state);
    if (this.calls.size > OPEN_CALLS) this.calls.delete(this.calls.keys().next().value!);
    if (state.dialed) return { events: [] }; // a second leg of the same call (forked dial)
    state.dialed = true;
    this.pauses.delete(state.rep); // a call ends what the rep did before: the next unpause counts
    return { events: [{ type: 'call.dial', rep: state.rep, call, at }] };
  }

  private dialEnd(f: AmiFields, at: EpochMs): MapResult {
    const call = callId(f);
    const state = call ? this.calls.get(call) : undefined;
    if (!call || !state) return { events: [] };
    const status = (f.dialstatus ?? '').toUpperCase();
    if (status === 'ANSWER') return this.answer(call, state, at);
    state.dialStatus = status;
    return { events: [] };
  }

  private bridgeEnter(f: AmiFields, at: EpochMs): MapResult {
    const call = callId(f);
    const state = call ? this.calls.get(call) : undefined;
    if (!call || !state) return { events: [] };
    // The first channel enters an empty bridge: nobody talks until the second one joins.
    if (f.bridgenumchannels !== undefined && Number(f.bridgenumchannels) < 2) return { events: [] };
    return this.answer(call, state, at);
  }

  private answer(call: string, state: CallState, at: EpochMs): MapResult {
    if (state.answered) return { events: [] };
    state.answered = true;
    return { events: [{ type: 'call.answer', rep: state.rep, call, at }] };
  }

  private hangup(f: AmiFields, at: EpochMs): MapResult {
    const call = callId(f);
    if (!call) return { events: [], error: 'Hangup without Linkedid or Uniqueid' };
    const cause = Number(f.cause);
    const agent = this.channelAgent(f.channel);
    let state = this.calls.get(call);
    if (!state) {
      // Started before this adapter: the rep's own channel still ends the call (with what its cause says).
      if (!agent) return { events: [] };
      state = { rep: agent.rep, dialed: true, answered: false, causes: [] };
    }
    if (Number.isInteger(cause) && cause > 0) state.causes.push(cause);
    if (agent?.rep !== state.rep) return { events: [] }; // the far end's leg: its cause is kept
    this.calls.delete(call);
    this.remember(call, state.rep);
    this.pauses.delete(state.rep); // wrap-up follows: the unpause that ends it is a rep.ready
    const events: SourceEvent[] = [{ type: 'call.hangup', rep: state.rep, call, at }];
    const outcome = state.answered ? undefined : failedDialOutcome(state.dialStatus, state.causes);
    if (outcome) events.push({ type: 'call.outcome', rep: state.rep, call, outcome, at });
    return { events };
  }

  private queueMember(f: AmiFields, at: EpochMs, added: boolean): MapResult {
    const agent = this.memberAgent(f);
    if (!agent) return { events: [] };
    const queue = f.queue ?? '';
    const queues = this.queues.get(agent.rep) ?? new Set<string>();
    const wasIn = queues.size > 0;
    if (added) queues.add(queue);
    else queues.delete(queue);
    this.queues.set(agent.rep, queues);
    if (added && !wasIn) {
      this.pauses.delete(agent.rep);
      return { events: [login(agent, at)] };
    }
    if (!added && queues.size === 0) {
      this.queues.delete(agent.rep);
      this.pauses.delete(agent.rep);
      return { events: [{ type: 'rep.logout', rep: agent.rep, at }] };
    }
    return { events: [] };
  }

  private pause(f: AmiFields, at: EpochMs): MapResult {
    const agent = this.memberAgent(f);
    if (!agent) return { events: [] };
    const paused = f.paused === '1' || f.paused?.toLowerCase() === 'true';
    const reason = paused ? this.agents.pauseReason(f.pausedreason || f.reason || '') : undefined;
    const state = reason ?? 'ready';
    // Pausing in every queue raises one event per queue: the rep pauses once.
    if (this.pauses.get(agent.rep) === state) return { events: [] };
    this.pauses.set(agent.rep, state);
    return {
      events: [reason ? { type: 'rep.pause', rep: agent.rep, reason, at } : { type: 'rep.ready', rep: agent.rep, at }],
    };
  }

  private agent(f: AmiFields, at: EpochMs, loggedIn: boolean): MapResult {
    const agent = (f.agent ? this.agents.byEndpoint(`Agent/${f.agent}`) : undefined) ?? this.channelAgent(f.channel);
    if (!agent) return { events: [] };
    this.pauses.delete(agent.rep);
    return { events: [loggedIn ? login(agent, at) : { type: 'rep.logout', rep: agent.rep, at }] };
  }

  private outcome(f: AmiFields, at: EpochMs): MapResult {
    const call = f.call || f.linkedid || f.uniqueid;
    if (!call) return { events: [], error: 'FloorboardOutcome without Call or Linkedid' };
    const rep = f.rep || this.calls.get(call)?.rep || this.finished.get(call) || this.channelAgent(f.channel)?.rep;
    if (!rep) return { events: [], error: `FloorboardOutcome for call ${call}: no rep (no Rep field, unknown call)` };
    const outcome = (f.outcome ?? '').trim().toLowerCase();
    if (!(OUTCOMES as readonly string[]).includes(outcome))
      return { events: [], error: `FloorboardOutcome for call ${call}: unknown Outcome "${f.outcome ?? ''}"` };
    const event: Extract<SourceEvent, { type: 'call.outcome' }> = {
      type: 'call.outcome',
      rep,
      call,
      outcome: outcome as Outcome,
      at,
    };
    if (f.amount) event.amount = Number(f.amount);
    if (f.reason) event.reason = f.reason;
    if (f.contact) event.contact = f.contact;
    if (f.followupat) {
      const followUpAt = /^\d+$/.test(f.followupat) ? Number(f.followupat) : Date.parse(f.followupat);
      if (!Number.isFinite(followUpAt))
        return { events: [], error: `FloorboardOutcome for call ${call}: FollowUpAt "${f.followupat}" is not a time` };
      event.followUpAt = followUpAt;
    }
    return { events: [event] };
  }

  /** The rep on a channel (`PJSIP/1001-0000002a`, `Local/1001@agents-00000003;1`), by its endpoint. */
  private channelAgent(channel: string | undefined): Agent | undefined {
    if (!channel) return undefined;
    return this.agents.byEndpoint(channel) ?? this.agents.byEndpoint(channel.replace(/-[0-9a-f]+(;\d)?$/i, ''));
  }

  /** A queue member: by its Interface, then StateInterface, then MemberName. */
  private memberAgent(f: AmiFields): Agent | undefined {
    for (const key of [f.interface, f.stateinterface, f.membername, f.location]) {
      const agent = key ? this.agents.byEndpoint(key) : undefined;
      if (agent) return agent;
    }
    return undefined;
  }

  private remember(call: string, rep: string): void {
    this.finished.set(call, rep);
    if (this.finished.size > FINISHED_CALLS) this.finished.delete(this.finished.keys().next().value!);
  }
}

const callId = (f: AmiFields): string | undefined => f.linkedid || f.uniqueid || undefined;

const login = (agent: Agent, at: EpochMs): SourceEvent => ({
  type: 'rep.login',
  rep: agent.rep,
  ...(agent.name ? { name: agent.name } : {}),
  ...(agent.team ? { team: agent.team } : {}),
  at,
});

/** `Timestamp: 1700000000.123456` (manager.conf `timestampevents = yes`), else when it was read. */
export function eventTime(f: AmiFields, receivedAt: EpochMs): EpochMs {
  const ts = f.timestamp;
  if (ts && /^\d{9,11}(\.\d{1,9})?$/.test(ts)) return Math.round(Number(ts) * 1000);
  return receivedAt;
}
