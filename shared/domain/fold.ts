import type { CallEvent } from '../events/callEvent';
import { compareStreamIds } from '../streamId';
import { ChunkedMap, type ChunkedMapDraft } from './chunkedMap';
import { startOfDay } from './day';
import type { EpochMs } from '../time';
import {
  addCounters,
  applyCallChange,
  contribution,
  mergeCallEvent,
  type CallEventOf,
  type FoldRules,
} from './callRecord';
import type { Owner } from './sortedMap';
import { applyLeadClose } from './handoffCredit';
import type { CallRecord } from './callBook';
import {
  DIMENSION_KINDS,
  DimensionDraft,
  FIELD_OF,
  RepCampaignsEditor,
  dimensionContribution,
  emptyDimensions,
} from './dimensions';
import { newRep, zeroStatusMs, type FloorState, type RepState, type RepStatus } from './repState';

export { contribution, type FoldRules } from './callRecord';

/** Applies one event: `(state, event) -> state`. */
export function foldCallEvent(state: FloorState, event: CallEvent, rules: FoldRules): FloorState {
  return foldCallEvents(state, [event], rules);
}

/**
 * Applies events in stream order and returns the next state; the input is never mutated.
 * Reps touched by the batch are copied once and edited in place as drafts, so a batch costs
 * O(reps touched), not O(events x reps); what grows with a rep's day (calls, refusal reasons,
 * call-backs) lives in persistent sorted maps, so one event costs O(log n) in it, never O(n).
 *
 * Rules:
 * - An entry at or before `lastId` is skipped (re-reads are harmless).
 * - Each call's dial, answer, hangup and outcome count once however often delivered. When two
 *   differ (two outcomes for one call, two answers seconds apart), the one with the earliest
 *   `ts` wins, ties to the smaller stream entry ID; a later-arriving winner replaces the one
 *   kept and the counters, refusal reasons and call-backs are corrected by the difference. So
 *   totals depend only on the set of events, never on their arrival order.
 * - The funnel dials >= connects >= effective >= leads >= deals holds per call and so per rep.
 * - An outcome whose detail is missing (sale amount, refusal reason, follow-up time) counts: a
 *   sale with revenue 0, a refusal under UNKNOWN_REASON, a call-back of unknown time; each is
 *   counted in the rep's `missingDetails`.
 * - Events of a past local day are skipped; the first event of a new day starts the new day
 *   (see `rollOver`).
 */
export function foldCallEvents(state: FloorState, events: readonly CallEvent[], rules: FoldRules): FloorState {
  let { day, lastId, applied, missingDetails } = state;
  let reps: ChunkedMapDraft<string, RepState> | null = null;
  const drafts = new Set<string>();
  // Nodes of the reps' sorted maps made by this batch may be edited in place by it; no one else's.
  const owner: Owner = {};

  let dims: DimensionDraft | null = null;
  const campaigns = new RepCampaignsEditor();

  for (const event of events) {
    if (lastId !== null && compareStreamIds(event.id, lastId) <= 0) continue;
    lastId = event.id;
    applied++;
    // A list loaded into the dialer is about no rep (server/campaigns keeps its size).
    if (event.type === 'list.loaded') continue;
    // Handoffs, acceptances and rejections live in the handoff ledger (server/handoffs): only a
    // close credits the originating rep, so the others neither start a day nor add a rep.
    if (event.type === 'lead.handoff' || event.type === 'lead.accepted' || event.type === 'lead.rejected') continue;
    const eventDay = rules.dayOf(event.at);
    if (day !== null && eventDay < day) continue;
    reps ??= state.reps.edit();
    dims ??= new DimensionDraft(state.dims);
    if (day !== null && eventDay > day) {
      const midnight = startOfDay(event.at, rules.dayOf);
      const rolled = rollOver(reps.done(), midnight, owner);
      for (const id of rolled.keys()) drafts.add(id);
      reps = rolled.edit();
      missingDetails = 0;
      dims = new DimensionDraft(emptyDimensions(eventDay, midnight));
      // Calls carried over midnight count their talk after it under their campaign.
      for (const rep of rolled.values())
        for (const [, call] of rep.calls) {
          for (const kind of DIMENSION_KINDS) {
            const value = call[FIELD_OF[kind]];
            if (value !== undefined) dims.admit(kind, value);
          }
          dims.applyCall(undefined, call, rules);
        }
    } else if (dims.day !== eventDay) {
      // The first event of the day (or of a floor restored without figures): nothing counted yet.
      dims = new DimensionDraft(emptyDimensions(eventDay, startOfDay(event.at, rules.dayOf)));
    }
    day = eventDay;
    if ('call' in event) {
      for (const kind of DIMENSION_KINDS) {
        const value = event[FIELD_OF[kind]];
        if (value === undefined) continue;
        const evicted = dims.admit(kind, value);
        if (evicted === null || kind !== 'campaigns') continue;
        // The cap evicted a campaign: every rep's counts under it move to the other bucket.
        const all = reps.done();
        reps = all.edit();
        for (const r of all.values()) {
          if (!r.campaigns.has(evicted)) continue;
          const draft = drafts.has(r.id) ? r : { ...r, statusMs: { ...r.statusMs } };
          drafts.add(r.id);
          draft.campaigns = campaigns.evict(draft.campaigns, evicted);
          reps.set(r.id, draft);
        }
      }
    }

    let rep = reps.get(event.rep);
    if (!rep) {
      rep = newRep(event.rep, event.at);
      reps.set(rep.id, rep);
      drafts.add(rep.id);
    } else if (!drafts.has(rep.id)) {
      rep = { ...rep, statusMs: { ...rep.statusMs } };
      reps.set(rep.id, rep);
      drafts.add(rep.id);
    }
    const missingBefore = rep.missingDetails;
    if (applyToRep(rep, event, rules, owner, dims, campaigns)) rep.version++;
    missingDetails += rep.missingDetails - missingBefore;
  }
  return { day, lastId, applied, missingDetails, reps: reps?.done() ?? state.reps, dims: dims?.done() ?? state.dims };
}

/**
 * New day: counters start from zero; reps still logged in carry their status over from midnight.
 * A call still going at midnight (the rep's current call) is carried as a record marked
 * `carriedFrom: midnight` that keeps its answer and hangup: its talk after midnight counts
 * today when the hangup comes, and nothing else of it does (no second dial, connect or outcome).
 * The day that ended got its talk up to midnight from `endDay`.
 */
function rollOver(reps: ChunkedMap<string, RepState>, midnight: EpochMs, owner: Owner): ChunkedMap<string, RepState> {
  const next = ChunkedMap.empty<string, RepState>().edit();
  for (const rep of reps.values()) {
    if (rep.status === 'offline') continue;
    const carried: RepState = {
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
    };
    if (rep.currentCall !== null) {
      const open = rep.calls.get(rep.currentCall) ?? {};
      const { answerAt, answerId, hangupAt, hangupId } = open;
      const record: CallRecord = { carriedFrom: midnight, answerAt, answerId, hangupAt, hangupId };
      for (const field of ['campaign', 'list', 'callerId'] as const)
        [record[field], record[`${field}At`], record[`${field}Id`]] = [
          open[field],
          open[`${field}At`],
          open[`${field}Id`],
        ];
      for (const key of Object.keys(record) as (keyof CallRecord)[]) if (record[key] === undefined) delete record[key];
      carried.calls = carried.calls.set(rep.currentCall, record, owner);
    }
    next.set(rep.id, carried);
  }
  return next.done();
}

/**
 * The floor as it stands at the end of its day (`dayEndMs`, the next local midnight): every
 * logged-in rep's open status segment is closed at midnight, and a call still going is counted
 * as if it ended at midnight (its talk up to midnight; effective if that is long enough). For the
 * closing day's totals only: the live state goes on from the state given, unchanged.
 */
export function endDay(state: FloorState, dayEndMs: EpochMs, rules: FoldRules): FloorState {
  const reps = state.reps.edit();
  for (const rep of state.reps.values()) {
    const open = rep.currentCall === null ? undefined : rep.calls.get(rep.currentCall);
    const talking = open?.answerAt !== undefined && open.hangupAt === undefined && open.answerAt < dayEndMs;
    if (dayEndMs <= rep.statusSince && !talking) continue;
    const ended: RepState = { ...rep, statusMs: { ...rep.statusMs } };
    if (dayEndMs > rep.statusSince) {
      ended.statusMs[rep.status] += dayEndMs - rep.statusSince;
      ended.statusSince = dayEndMs;
    }
    if (talking) addCounters(ended, contribution({ ...open, hangupAt: dayEndMs }, rules), contribution(open, rules));
    reps.set(rep.id, ended);
  }
  return { ...state, reps: reps.done() };
}

/** Edits a draft rep; returns whether anything changed. */
function applyToRep(
  rep: RepState,
  event: CallEvent,
  rules: FoldRules,
  owner: Owner,
  dims: DimensionDraft,
  campaigns: RepCampaignsEditor,
): boolean {
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
      return applyCallEvent(rep, event, rules, owner, dims, campaigns);
    case 'lead.closed':
      return applyLeadClose(rep, event, owner);
    case 'list.loaded':
    case 'lead.handoff':
    case 'lead.accepted':
    case 'lead.rejected':
      return false;
    default:
      return assertNever(event);
  }
}

function applyCallEvent(
  rep: RepState,
  event: CallEventOf,
  rules: FoldRules,
  owner: Owner,
  dims: DimensionDraft,
  campaigns: RepCampaignsEditor,
): boolean {
  const before = rep.calls.get(event.call);
  const after = mergeCallEvent(before, event);
  if (!after) return false;
  applyCallChange(rep, event.call, before, after, rules, owner);
  // Campaign, list and caller-ID figures move by the call's difference too.
  const [was, now] = [before && dimensionContribution(before, rules), dimensionContribution(after, rules)];
  dims.change(before, was, after, now);
  rep.campaigns = campaigns.change(
    rep.campaigns,
    before?.campaign !== undefined && was ? [dims.bucket('campaigns', before.campaign), was] : null,
    after.campaign !== undefined ? [dims.bucket('campaigns', after.campaign), now] : null,
  );

  if (event.type === 'call.dial' && rep.currentCall !== event.call) moveTo(rep, 'dialing', event.at, event.call);
  if (event.type === 'call.answer') moveTo(rep, 'on_call', event.at, event.call, null, event.at);
  // A hangup of another call (or after a log-out) must not pull the rep into wrap-up.
  if (event.type === 'call.hangup' && rep.currentCall === event.call) moveTo(rep, 'wrapup', event.at);
  return true;
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
