import type { Outcome, PauseReason } from '../../../shared/events/callEvent';
import { HOUR_MS, MINUTE_MS, SECOND_MS, type EpochMs } from '../../../shared/time';
import type { SimEvent } from './events';
import type { Rng } from './random';

/** A rep's fixed traits: some reps connect or close more often than others. */
export interface RepProfile {
  id: string;
  name: string;
  team: string;
  connectRate: number;
  leadRate: number;
  saleRate: number;
  callbackRate: number;
}

/** Probabilities of the situations a supervisor is alerted about (0 = a well-behaved floor). */
export interface Exceptions {
  /** Of connected calls, those running 20-45 min. */
  longCalls: number;
  /** Of pauses, those overrunning their allowance by 10-30 min. */
  longPauses: number;
  /** Of returns to `available`, those followed by 5-12 min without dialing. */
  idleReps: number;
}

export interface PlannedPause {
  at: EpochMs;
  reason: PauseReason;
  minutes: number;
}

/** Events of one step of a rep's day, and when the rep decides what to do next. */
export interface Segment {
  events: SimEvent[];
  nextDecisionAt: EpochMs;
}

export const REFUSAL_REASONS = [
  ['not_interested', 35],
  ['price', 20],
  ['has_provider', 15],
  ['no_budget', 12],
  ['call_later', 10],
  ['do_not_call', 8],
] as const;
const PRICE_POINTS = [199, 299, 499, 999, 1499, 1999, 2999, 4999];
// Talk time depends on how the call ends: a sale takes a conversation, a refusal often does not.
const TALK_SECONDS: Record<'refused' | 'callback' | 'lead' | 'sale', [median: number, sigma: number, min: number]> = {
  refused: [125, 0.75, 8],
  callback: [190, 0.6, 40],
  lead: [330, 0.5, 90],
  sale: [540, 0.5, 180],
};

export function createProfile(rng: Rng, id: string, name: string, team: string): RepProfile {
  return {
    id,
    name,
    team,
    connectRate: rng.between(0.2, 0.35),
    leadRate: rng.between(0.08, 0.12),
    saleRate: rng.between(0.02, 0.04),
    callbackRate: rng.between(0.18, 0.28),
  };
}

/** Breaks mid-morning and mid-afternoon, lunch around noon, now and then a meeting or training. */
export function planPauses(rng: Rng, shiftStartAt: EpochMs, shiftMinutes: number): PlannedPause[] {
  const at = (fraction: number, jitterMinutes: number) =>
    Math.round(shiftStartAt + (fraction * shiftMinutes + rng.between(-jitterMinutes, jitterMinutes)) * MINUTE_MS);
  const pauses: PlannedPause[] = [
    { at: at(0.18, 15), reason: 'break', minutes: 15 },
    { at: at(0.37, 20), reason: 'lunch', minutes: rng.int(45, 60) },
    { at: at(0.68, 15), reason: 'break', minutes: 15 },
  ];
  if (rng.chance(0.25)) pauses.push({ at: at(rng.between(0.1, 0.85), 0), reason: 'meeting', minutes: rng.int(15, 40) });
  if (rng.chance(0.1)) pauses.push({ at: at(rng.between(0.1, 0.85), 0), reason: 'training', minutes: rng.int(30, 60) });
  if (rng.chance(0.1)) pauses.push({ at: at(rng.between(0.05, 0.95), 0), reason: 'other', minutes: rng.int(3, 10) });
  return pauses.sort((a, b) => a.at - b.at);
}

function idleGap(rng: Rng, ex: Exceptions): number {
  // Between calls a rep reads notes and picks the next lead; sometimes a rep just sits there.
  return rng.chance(ex.idleReps) ? rng.between(5, 12) * MINUTE_MS : rng.between(8, 45) * SECOND_MS;
}

export function pauseSegment(rng: Rng, rep: RepProfile, pause: PlannedPause, at: EpochMs, ex: Exceptions): Segment {
  const overrun = rng.chance(ex.longPauses) ? rng.between(10, 30) : rng.between(-1, 2);
  const readyAt = Math.round(at + (pause.minutes + overrun) * MINUTE_MS);
  return {
    events: [
      { type: 'rep.pause', rep: rep.id, at, reason: pause.reason },
      { type: 'rep.ready', rep: rep.id, at: readyAt },
    ],
    nextDecisionAt: Math.round(readyAt + rng.between(2, 15) * SECOND_MS),
  };
}

function connectedOutcome(rng: Rng, rep: RepProfile): 'refused' | 'callback' | 'lead' | 'sale' {
  const refused = 1 - rep.leadRate - rep.saleRate - rep.callbackRate;
  return rng.weighted([
    ['refused', refused],
    ['callback', rep.callbackRate],
    ['lead', rep.leadRate],
    ['sale', rep.saleRate],
  ] as const);
}

function outcomeDetails(
  rng: Rng,
  outcome: Outcome,
  at: EpochMs,
): { amount?: number; reason?: string; followUpAt?: number } {
  if (outcome === 'refused') return { reason: rng.weighted(REFUSAL_REASONS) };
  if (outcome === 'sale') {
    const discount = rng.weighted([
      [1, 6],
      [0.95, 2],
      [0.9, 2],
      [0.85, 1],
    ] as const);
    return { amount: Math.round(rng.pick(PRICE_POINTS) * discount * 100) / 100 };
  }
  if (outcome === 'callback') {
    // A follow-up some hours or days ahead, on a quarter hour like a real calendar entry.
    const ahead = rng.chance(0.5) ? rng.between(2, 8) * HOUR_MS : rng.between(1, 5) * 24 * HOUR_MS;
    const quarter = 15 * MINUTE_MS;
    return { followUpAt: Math.ceil((at + ahead) / quarter) * quarter };
  }
  return {};
}

/** One call from dial to ready: dial, answer, hangup and outcome share the call id. */
export function callSegment(rng: Rng, rep: RepProfile, call: string, at: EpochMs, ex: Exceptions): Segment {
  const ms = (seconds: number) => Math.round(seconds * SECOND_MS);
  const events: SimEvent[] = [{ type: 'call.dial', rep: rep.id, call, at }];
  let outcome: Outcome;
  let outcomeAt: EpochMs;
  if (rng.chance(rep.connectRate)) {
    const answerAt = at + ms(rng.between(5, 20));
    const connected = connectedOutcome(rng, rep);
    const [median, sigma, min] = TALK_SECONDS[connected];
    const talk = rng.chance(ex.longCalls)
      ? rng.between(20, 45) * 60
      : Math.min(40 * 60, Math.max(min, rng.logNormal(median, sigma)));
    const hangupAt = answerAt + ms(talk);
    const wrapup = rng.between(15, 90);
    events.push({ type: 'call.answer', rep: rep.id, call, at: answerAt });
    events.push({ type: 'call.hangup', rep: rep.id, call, at: hangupAt });
    outcome = connected;
    outcomeAt = hangupAt + ms(wrapup - rng.between(0.5, 3));
  } else {
    outcome = rng.weighted([
      ['no_answer', 75],
      ['busy', 17],
      ['invalid', 8],
    ] as const);
    const ring =
      outcome === 'no_answer' ? rng.between(15, 30) : outcome === 'busy' ? rng.between(4, 10) : rng.between(2, 6);
    const hangupAt = at + ms(ring);
    events.push({ type: 'call.hangup', rep: rep.id, call, at: hangupAt });
    outcomeAt = hangupAt + ms(rng.between(1, 3));
  }
  events.push({
    type: 'call.outcome',
    rep: rep.id,
    call,
    at: outcomeAt,
    outcome,
    ...outcomeDetails(rng, outcome, outcomeAt),
  });
  const readyAt = outcomeAt + ms(rng.between(0.5, 3));
  events.push({ type: 'rep.ready', rep: rep.id, at: readyAt });
  return { events, nextDecisionAt: readyAt + Math.round(idleGap(rng, ex)) };
}
