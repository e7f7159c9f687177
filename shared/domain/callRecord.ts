import type { CallEvent, Outcome } from '../events/callEvent';
import { compareStreamIds, type StreamId } from '../streamId';
import type { DayKey, EpochMs } from '../time';
import { SortedMap, type Owner } from './sortedMap';
import { CallBook, type CallRecord } from './callBook';
import { UNKNOWN_REASON, type Callback, type RepCounters, type RepState } from './repState';

/** What the fold needs to know about the floor; no clock, no I/O. */
export interface FoldRules {
  /** A call is effective when answered-to-hangup lasts at least this long. */
  effectiveCallMs: number;
  /** Local date of an instant in the floor's time zone (day boundary). */
  dayOf: (at: EpochMs) => DayKey;
}

export type CallEventOf = Extract<CallEvent, { call: string }>;

/** Outcomes that mean somebody answered, even if the answer event was lost. */
const CONVERSATION_OUTCOMES: ReadonlySet<Outcome> = new Set(['refused', 'callback', 'lead', 'sale']);

/** Whether an event at (`at`, `id`) beats the one kept: the earliest `ts` wins, ties to the smaller entry ID. */
function wins(at: EpochMs, id: StreamId, keptAt: EpochMs | undefined, keptId: StreamId | undefined): boolean {
  if (keptAt === undefined) return true;
  if (at !== keptAt) return at < keptAt;
  return keptId !== undefined && compareStreamIds(id, keptId) < 0;
}

/**
 * The call's record with the event merged in, or null when the event loses to the one kept (a
 * re-delivery, or a later duplicate). The winner of each of dial, answer, hangup and outcome is
 * the event with the earliest `ts` (then the smaller entry ID), so the record, and everything
 * counted from it, is the same whatever order the events arrive in.
 */
export function mergeCallEvent(before: CallRecord | undefined, event: CallEventOf): CallRecord | null {
  const call = before ?? EMPTY;
  let next = mergeStep(call, event);
  // The call's campaign, list and caller ID: each from the earliest event that carried it; at the
  // same `ts` the smaller value wins (not the entry ID: two events of one instant that disagree
  // would then count by arrival order).
  for (const field of DIMENSION_FIELDS) {
    const value = event[field];
    const [keptAt, kept] = [call[`${field}At`], call[field]];
    if (value === undefined) continue;
    if (keptAt !== undefined && (event.at > keptAt || (event.at === keptAt && value >= kept!))) continue;
    next ??= copy(call);
    next[field] = value;
    next[`${field}At`] = event.at;
    next[`${field}Id`] = event.id;
  }
  return next;
}

/** The fields of a call event that say which campaign, list and line the call belongs to. */
export const DIMENSION_FIELDS = ['campaign', 'list', 'callerId'] as const;

function mergeStep(call: CallRecord, event: CallEventOf): CallRecord | null {
  let next: CallRecord;
  switch (event.type) {
    case 'call.dial':
      if (!wins(event.at, event.id, call.dialAt, call.dialId)) return null;
      next = copy(call);
      [next.dialAt, next.dialId] = [event.at, event.id];
      return next;
    case 'call.answer':
      if (!wins(event.at, event.id, call.answerAt, call.answerId)) return null;
      next = copy(call);
      [next.answerAt, next.answerId] = [event.at, event.id];
      return next;
    case 'call.hangup':
      if (!wins(event.at, event.id, call.hangupAt, call.hangupId)) return null;
      next = copy(call);
      [next.hangupAt, next.hangupId, next.cause] = [event.at, event.id, event.cause];
      return next;
    case 'call.outcome':
      if (!wins(event.at, event.id, call.outcomeAt, call.outcomeId)) return null;
      next = copy(call);
      [next.outcome, next.outcomeAt, next.outcomeId] = [event.outcome, event.at, event.id];
      // The winning outcome replaces the other's details wholesale.
      next.amount = event.outcome === 'sale' ? event.amount : undefined;
      next.reason = event.outcome === 'refused' ? event.reason : undefined;
      next.followUpAt = event.outcome === 'callback' ? event.followUpAt : undefined;
      next.contact = event.outcome === 'callback' ? event.contact : undefined;
      return next;
  }
}

const EMPTY: CallRecord = {};

/** A copy with every field present (absent ones undefined): one object shape, cheap to copy and read. */
function copy(c: CallRecord): CallRecord {
  return {
    dialAt: c.dialAt,
    dialId: c.dialId,
    answerAt: c.answerAt,
    answerId: c.answerId,
    hangupAt: c.hangupAt,
    hangupId: c.hangupId,
    outcome: c.outcome,
    outcomeAt: c.outcomeAt,
    outcomeId: c.outcomeId,
    amount: c.amount,
    reason: c.reason,
    followUpAt: c.followUpAt,
    contact: c.contact,
    carriedFrom: c.carriedFrom,
    campaign: c.campaign,
    campaignAt: c.campaignAt,
    campaignId: c.campaignId,
    list: c.list,
    listAt: c.listAt,
    listId: c.listId,
    callerId: c.callerId,
    callerIdAt: c.callerIdAt,
    callerIdId: c.callerIdId,
    cause: c.cause,
  };
}

const NOTHING: RepCounters = { dials: 0, connects: 0, effectiveCalls: 0, talkMs: 0, leads: 0, deals: 0, revenue: 0 };

/** What one call adds to a rep's counters; a pure function of the call's merged record. */
export function contribution(call: CallRecord, rules: FoldRules): RepCounters {
  const talkFrom = call.carriedFrom === undefined ? call.answerAt : Math.max(call.answerAt ?? 0, call.carriedFrom);
  const talkMs =
    call.answerAt !== undefined && call.hangupAt !== undefined ? Math.max(0, call.hangupAt - talkFrom!) : 0;
  // A call carried over midnight was dialled, connected and decided on the day it was dialled.
  if (call.carriedFrom !== undefined) return { ...NOTHING, talkMs };
  const answered =
    call.answerAt !== undefined || (call.outcome !== undefined && CONVERSATION_OUTCOMES.has(call.outcome));
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

export function addCounters(rep: RepState, after: RepCounters, before: RepCounters | null): void {
  rep.dials += after.dials - (before?.dials ?? 0);
  rep.connects += after.connects - (before?.connects ?? 0);
  rep.effectiveCalls += after.effectiveCalls - (before?.effectiveCalls ?? 0);
  rep.talkMs += after.talkMs - (before?.talkMs ?? 0);
  rep.leads += after.leads - (before?.leads ?? 0);
  rep.deals += after.deals - (before?.deals ?? 0);
  // Cents avoid float drift over thousands of sales.
  rep.revenue = Math.round((rep.revenue + after.revenue - (before?.revenue ?? 0)) * 100) / 100;
}

/** The refusal reason a call counts under, or null when it is not a refusal of today. */
function refusalOf(call: CallRecord | undefined): string | null {
  if (!call || call.carriedFrom !== undefined || call.outcome !== 'refused') return null;
  return call.reason ?? UNKNOWN_REASON;
}

/** Whether the call's outcome counted with a detail the source left out. */
function missingDetail(call: CallRecord | undefined): number {
  if (!call || call.carriedFrom !== undefined) return 0;
  const { outcome } = call;
  const missing =
    (outcome === 'sale' && call.amount === undefined) ||
    (outcome === 'refused' && call.reason === undefined) ||
    (outcome === 'callback' && call.followUpAt === undefined);
  return missing ? 1 : 0;
}

/** Order key of a call-back: soonest first, unknown times last, ties by call id. */
function callbackKey(id: string, call: CallRecord | undefined): string | null {
  if (!call || call.carriedFrom !== undefined || call.outcome !== 'callback') return null;
  if (call.followUpAt === undefined) return `~${id}`; // '~' sorts after every digit
  return `${String(Math.max(0, call.followUpAt)).padStart(16, '0')}\u0000${id}`;
}

/** Order key of a reason's count: most frequent first, ties by reason (code-unit order). */
function rankKey(count: number, reason: string): string {
  return `${String(Number.MAX_SAFE_INTEGER - count).padStart(16, '0')}\u0000${reason}`;
}

function countRefusal(rep: RepState, reason: string, delta: 1 | -1, owner: Owner): void {
  const count = rep.refusals.get(reason) ?? 0;
  const next = count + delta;
  if (count > 0) rep.refusalRanking = rep.refusalRanking.delete(rankKey(count, reason), owner);
  if (next > 0) {
    rep.refusals = rep.refusals.set(reason, next, owner);
    rep.refusalRanking = rep.refusalRanking.set(rankKey(next, reason), { reason, count: next }, owner);
  } else {
    rep.refusals = rep.refusals.delete(reason, owner);
  }
}

/**
 * Changes a draft rep by the difference a call's new record makes over its old one: counters,
 * refusal reasons, call-backs and missing details. O(log n) in what the rep has; nothing is copied
 * whole and nothing re-sorted.
 */
export function applyCallChange(
  rep: RepState,
  id: string,
  before: CallRecord | undefined,
  after: CallRecord,
  rules: FoldRules,
  owner: Owner,
): void {
  rep.calls = rep.calls.set(id, after, owner);
  addCounters(rep, contribution(after, rules), before ? contribution(before, rules) : null);
  indexCallChange(rep, id, before, after, owner);
}

function indexCallChange(
  rep: RepState,
  id: string,
  before: CallRecord | undefined,
  after: CallRecord,
  owner: Owner,
): void {
  const [oldReason, newReason] = [refusalOf(before), refusalOf(after)];
  if (oldReason !== newReason) {
    if (oldReason !== null) countRefusal(rep, oldReason, -1, owner);
    if (newReason !== null) countRefusal(rep, newReason, 1, owner);
  }
  const [oldDue, newDue] = [callbackKey(id, before), callbackKey(id, after)];
  // Same time, another contact (an earlier outcome won): the entry is replaced all the same.
  if (oldDue !== newDue || (newDue !== null && before?.contact !== after.contact)) {
    if (oldDue !== null) rep.callbacks = rep.callbacks.delete(oldDue, owner);
    const callback: Callback = { call: id, followUpAt: after.followUpAt ?? null };
    if (after.contact !== undefined) callback.contact = after.contact;
    if (newDue !== null) rep.callbacks = rep.callbacks.set(newDue, callback, owner);
  }
  rep.missingDetails += missingDetail(after) - missingDetail(before);
}

/**
 * A rep with its refusal counts, ranking, call-backs and missing details rebuilt from `calls` (a
 * checkpoint stores the calls only); the counters are kept as given.
 */
export function withCalls(rep: RepState, calls: Iterable<readonly [string, CallRecord]>): RepState {
  const owner = {};
  const next: RepState = {
    ...rep,
    calls: CallBook.empty(),
    refusals: SortedMap.empty(),
    refusalRanking: SortedMap.empty(),
    callbacks: SortedMap.empty(),
    missingDetails: 0,
  };
  for (const [id, call] of calls) {
    next.calls = next.calls.set(id, call, owner);
    indexCallChange(next, id, undefined, call, owner);
  }
  return next;
}
