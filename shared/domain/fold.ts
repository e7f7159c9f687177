import type { CallEvent, Outcome } from '../events/callEvent';
import { compareStreamIds } from '../streamId';
import { ChunkedMap, type ChunkedMapDraft } from './chunkedMap';
import { startOfDay } from './day';
import type { DayKey, EpochMs } from '../time';
import {
  allCalls,
  getCall,
  newRep,
  type CallBook,
  zeroStatusMs,
  type CallRecord,
  type FloorState,
  type RepCounters,
  type RepState,
  type RepStatus,
} from './repState';

/** What the fold needs to know about the floor; no clock, no I/O. */
export interface FoldRules {
  /** A call is effective when answered-to-hangup lasts at least this long. */
  effectiveCallMs: number;
  /** Local date of an instant in the floor's time zone (day boundary). */
  dayOf: (at: EpochMs) => DayKey;
}

/** Outcomes that mean somebody answered, even if the answer event was lost. */
const CONVERSATION_OUTCOMES: ReadonlySet<Outcome> = new Set(['refused', 'callback', 'lead', 'sale']);

/** Applies one event: `(state, event) -> state`. */
export function foldCallEvent(state: FloorState, event: CallEvent, rules: FoldRules): FloorState {
  return foldCallEvents(state, [event], rules);
}

/**
 * Applies events in stream order and returns the next state; the input is never mutated.
 * Reps touched by the batch are copied once and edited in place as drafts, so a batch costs
 * O(reps touched), not O(events x reps).
 *
 * Guarantees: an entry at or before `lastId` is skipped (re-reads are harmless); each call's
 * dial, answer, hangup and outcome count once however often delivered; totals depend only on
 * the set of events of a call, not their order; the funnel dials >= connects >= effective >=
 * leads >= deals holds per call and so per rep; events of a past local day are skipped and
 * the first event of a new day resets the counters.
 */
export function foldCallEvents(state: FloorState, events: readonly CallEvent[], rules: FoldRules): FloorState {
  let { day, lastId, applied } = state;
  let reps: ChunkedMapDraft<string, RepState> | null = null;
  const drafts = new Set<string>();
  const draftCalls = new Set<string>();

  for (const event of events) {
    if (lastId !== null && compareStreamIds(event.id, lastId) <= 0) continue;
    lastId = event.id;
    applied++;
    const eventDay = rules.dayOf(event.at);
    if (day !== null && eventDay < day) continue;
    reps ??= state.reps.edit();
    if (day !== null && eventDay > day) {
      const rolled = rollOver(reps.done(), startOfDay(event.at, rules.dayOf));
      for (const id of rolled.keys()) {
        drafts.add(id);
        draftCalls.add(id);
      }
      reps = rolled.edit();
    }
    day = eventDay;

    let rep = reps.get(event.rep);
    if (!rep) {
      rep = newRep(event.rep, event.at);
      reps.set(rep.id, rep);
      drafts.add(rep.id);
      draftCalls.add(rep.id);
    } else if (!drafts.has(rep.id)) {
      rep = { ...rep, statusMs: { ...rep.statusMs } };
      reps.set(rep.id, rep);
      drafts.add(rep.id);
    }
    if (event.type.startsWith('call.') && !draftCalls.has(rep.id)) {
      rep.calls = draftBook(rep.calls);
      draftCalls.add(rep.id);
    }
    if (applyToRep(rep, event, rules)) rep.version++;
  }
  return { day, lastId, applied, reps: reps?.done() ?? state.reps };
}

/** New day: counters start from zero; reps still logged in carry their status over from midnight. */
function rollOver(reps: ChunkedMap<string, RepState>, midnight: EpochMs): ChunkedMap<string, RepState> {
  const next = ChunkedMap.empty<string, RepState>().edit();
  for (const rep of reps.values()) {
    if (rep.status === 'offline') continue;
    next.set(rep.id, {
      ...newRep(rep.id, midnight),
      name: rep.name,
      team: rep.team,
      status: rep.status,
      pauseReason: rep.pauseReason,
      statusSince: Math.max(rep.statusSince, midnight),
      currentCall: rep.currentCall,
      callAnsweredAt: rep.callAnsweredAt,
      statusMs: zeroStatusMs(),
      version: rep.version + 1,
    });
  }
  return next.done();
}

/** Edits a draft rep; returns whether anything changed. */
function applyToRep(rep: RepState, event: CallEvent, rules: FoldRules): boolean {
  switch (event.type) {
    case 'rep.login': {
      let changed = false;
      if (event.name !== undefined && event.name !== rep.name) [rep.name, changed] = [event.name, true];
      if (event.team !== undefined && event.team !== rep.team) [rep.team, changed] = [event.team, true];
      // A repeated login leaves a logged-in rep as is (keeps the pause reason, the current call).
      return (rep.status === 'offline' && moveTo(rep, 'available', event.at)) || changed;
    }
    case 'rep.logout':
      return moveTo(rep, 'offline', event.at);
    case 'rep.pause':
      return moveTo(rep, 'paused', event.at, null, event.reason);
    case 'rep.ready':
      return moveTo(rep, 'available', event.at);
    case 'call.dial':
    case 'call.answer':
    case 'call.hangup':
    case 'call.outcome':
      return applyCallEvent(rep, event, rules);
    default:
      return assertNever(event);
  }
}

/** At this many recent calls they move into a new base (amortised copying). */
const RECENT_LIMIT = 16;

/** A book this batch may edit: its own copy of the small `recent` tier; `base` is shared. */
function draftBook(book: CallBook): CallBook {
  return { base: book.base, recent: new Map(book.recent) };
}

/**
 * Merges a full `recent` tier into a new base. It happens at the same call whatever the batch
 * sizes, so states stay equal however the stream was read.
 */
function settleBook(book: CallBook): CallBook {
  if (book.recent.size < RECENT_LIMIT) return book;
  return { base: allCalls(book), recent: new Map() };
}

function applyCallEvent(rep: RepState, event: Extract<CallEvent, { call: string }>, rules: FoldRules): boolean {
  const calls = rep.calls.recent as Map<string, CallRecord>;
  const before = getCall(rep.calls, event.call);
  const call: CallRecord = { ...before };
  switch (event.type) {
    case 'call.dial':
      if (call.dialAt !== undefined) return false;
      call.dialAt = event.at;
      break;
    case 'call.answer':
      if (call.answerAt !== undefined) return false;
      call.answerAt = event.at;
      break;
    case 'call.hangup':
      if (call.hangupAt !== undefined) return false;
      call.hangupAt = event.at;
      break;
    case 'call.outcome':
      if (call.outcome !== undefined) return false;
      call.outcome = event.outcome;
      if (event.outcome === 'sale') call.amount = event.amount ?? 0;
      if (event.outcome === 'refused' && event.reason !== undefined) {
        call.reason = event.reason;
        rep.refusals = { ...rep.refusals, [event.reason]: (rep.refusals[event.reason] ?? 0) + 1 };
      }
      if (event.outcome === 'callback' && event.followUpAt !== undefined) {
        call.followUpAt = event.followUpAt;
        rep.callbacks = [...rep.callbacks, { call: event.call, followUpAt: event.followUpAt }].sort(
          (a, b) => a.followUpAt - b.followUpAt,
        );
      }
      break;
  }
  calls.set(event.call, call);
  rep.calls = settleBook(rep.calls);
  addCounters(rep, contribution(call, rules), before ? contribution(before, rules) : null);

  if (event.type === 'call.dial' && rep.currentCall !== event.call) moveTo(rep, 'dialing', event.at, event.call);
  if (event.type === 'call.answer') moveTo(rep, 'on_call', event.at, event.call, null, event.at);
  // A hangup of another call (or after a log-out) must not pull the rep into wrap-up.
  if (event.type === 'call.hangup' && rep.currentCall === event.call) moveTo(rep, 'wrapup', event.at);
  return true;
}

/** What one call adds to a rep's counters; a pure function of the call's merged record. */
export function contribution(call: CallRecord, rules: FoldRules): RepCounters {
  const answered =
    call.answerAt !== undefined || (call.outcome !== undefined && CONVERSATION_OUTCOMES.has(call.outcome));
  const talkMs =
    call.answerAt !== undefined && call.hangupAt !== undefined ? Math.max(0, call.hangupAt - call.answerAt) : 0;
  const lead = call.outcome === 'lead' || call.outcome === 'sale';
  const deal = call.outcome === 'sale';
  return {
    dials: 1,
    connects: answered ? 1 : 0,
    // A lead or sale is a real conversation whatever its length: keeps effective >= leads.
    effectiveCalls: answered && (talkMs >= rules.effectiveCallMs || lead) ? 1 : 0,
    talkMs,
    leads: lead ? 1 : 0,
    deals: deal ? 1 : 0,
    revenue: deal ? (call.amount ?? 0) : 0,
  };
}

function addCounters(rep: RepState, after: RepCounters, before: RepCounters | null): void {
  rep.dials += after.dials - (before?.dials ?? 0);
  rep.connects += after.connects - (before?.connects ?? 0);
  rep.effectiveCalls += after.effectiveCalls - (before?.effectiveCalls ?? 0);
  rep.talkMs += after.talkMs - (before?.talkMs ?? 0);
  rep.leads += after.leads - (before?.leads ?? 0);
  rep.deals += after.deals - (before?.deals ?? 0);
  // Cents avoid float drift over thousands of sales.
  rep.revenue = Math.round((rep.revenue + after.revenue - (before?.revenue ?? 0)) * 100) / 100;
}

/**
 * Moves a rep to a status if the event is not older than the current status (out-of-order
 * events still count, but never drag the status back in time).
 */
function moveTo(
  rep: RepState,
  status: RepStatus,
  at: EpochMs,
  call: string | null = null,
  pauseReason: RepState['pauseReason'] = null,
  answeredAt: EpochMs | null = null,
): boolean {
  if (at < rep.statusSince) return false;
  if (status === rep.status && call === rep.currentCall && pauseReason === rep.pauseReason) return false;
  rep.statusMs[rep.status] += at - rep.statusSince;
  rep.status = status;
  rep.statusSince = at;
  rep.currentCall = call;
  rep.pauseReason = pauseReason;
  rep.callAnsweredAt = answeredAt;
  return true;
}

function assertNever(value: never): never {
  throw new Error(`unhandled event ${JSON.stringify(value)}`);
}
