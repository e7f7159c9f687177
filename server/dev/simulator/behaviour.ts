import { REFUSAL_REASONS as CATALOGUE, type RefusalReason } from '../../../shared/domain/reasons';
import type { Outcome, PauseReason } from '../../../shared/events/callEvent';
import { HOUR_MS, MINUTE_MS, SECOND_MS, type EpochMs } from '../../../shared/time';
import type { CallTarget } from './dimensions';
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
  /** Of connected calls, those whose outcome the rep records 10-60 min late (or only at logout). */
  forgetsOutcomes: number;
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

/** Refusal reasons by how often a floor hears them: codes of the shared catalogue. */
export const REFUSAL_REASONS: readonly (readonly [RefusalReason, number])[] = [
  ['not_interested', 30],
  ['price', 14],
  ['has_provider', 12],
  ['no_budget', 9],
  ['call_later', 8],
  ['no_need', 7],
  ['competitor', 6],
  ['too_expensive', 4],
  ['timing', 4],
  ['do_not_call', 3],
  ['not_decision_maker', 2],
  ['wrong_person', 1],
];
// Every code sent is in the catalogue (checked by a test too).
if (REFUSAL_REASONS.some(([code]) => !(CATALOGUE as readonly string[]).includes(code)))
  throw new Error('a simulated refusal reason is not in the catalogue');
/** Market feedback a rep notes beside the reason: tags (catalogue codes) and short remarks. */
const FEEDBACK_TAGS = ['price', 'competitor', 'has_provider', 'timing', 'no_need', 'not_decision_maker'] as const;
const REMARKS: Partial<Record<RefusalReason, readonly string[]>> = {
  has_provider: ['已有供应商，合同明年到期', 'Happy with current provider, contract ends in March', '刚续签了三年'],
  price: ['觉得比竞品贵两成', 'Asked for a 15% discount', '预算只有一半'],
  competitor: ['在用某云的方案，便宜一些', 'Competitor offered free installation', '竞品送了半年服务'],
  not_interested: ['不需要，挂了', 'Not now, maybe after the summer', '对产品没兴趣'],
  no_budget: ['今年预算已用完', 'Budget frozen until Q3'],
  call_later: ['下周三下午再联系', 'Travelling, call next week'],
  no_need: ['公司只有五个人，用不上', 'Already moved everything to mobile'],
  timing: ['年底再说', 'Moving office next month'],
  not_decision_maker: ['要找采购部的刘经理', 'Need to speak to the IT director'],
};
/** Network causes of failed dials (SIP/Q.850 names as PBXs report them). */
const CAUSES = { no_answer: 'NO_ANSWER', busy: 'USER_BUSY', invalid: 'UNALLOCATED_NUMBER' } as const;
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
    // About one rep in six leaves outcomes for later.
    forgetsOutcomes: rng.chance(0.16) ? rng.between(0.3, 0.5) : 0,
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

interface OutcomeDetails {
  amount?: number;
  reason?: string;
  followUpAt?: number;
  /** Comma-separated on the stream (an array is written joined by commas). */
  tags?: string[];
  remark?: string;
}

function refusalDetails(rng: Rng, withFeedback: boolean): OutcomeDetails {
  const reason = rng.weighted(REFUSAL_REASONS);
  if (!withFeedback) return { reason };
  const details: OutcomeDetails = { reason };
  if (rng.chance(0.3)) {
    const tags = new Set([rng.pick(FEEDBACK_TAGS)]);
    if (rng.chance(0.3)) tags.add(rng.pick(FEEDBACK_TAGS));
    details.tags = [...tags];
  }
  const remarks = REMARKS[reason];
  if (remarks && rng.chance(0.25)) details.remark = rng.pick(remarks);
  return details;
}

function outcomeDetails(rng: Rng, outcome: Outcome, at: EpochMs, withFeedback: boolean): OutcomeDetails {
  if (outcome === 'refused') return refusalDetails(rng, withFeedback);
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
    // A follow-up within the hour or two (due while the demo runs), later today, or days ahead,
    // on a quarter hour like a real calendar entry.
    const when = rng.weighted([
      ['soon', 3],
      ['today', 3],
      ['days', 4],
    ] as const);
    const ahead =
      when === 'soon'
        ? rng.between(20, 90) * MINUTE_MS
        : when === 'today'
          ? rng.between(2, 8) * HOUR_MS
          : rng.between(1, 5) * 24 * HOUR_MS;
    const quarter = 15 * MINUTE_MS;
    return { followUpAt: Math.ceil((at + ahead) / quarter) * quarter };
  }
  return {};
}

export interface CallSegment extends Segment {
  outcome: Outcome;
  /** An outcome the rep records later (forgotten for now): the model emits it when its time comes. */
  deferred?: SimEvent;
  /** When the call ended (hang-up). */
  endedAt: EpochMs;
}

// A connect rate near 30 % of dials on lists with ~6 % unallocated numbers.
const TYPICAL_INVALID = 0.06;

/**
 * One call from dial to ready: dial, answer, hangup and outcome share the call id. With a target,
 * every event carries the call's context (campaign, list, source, caller ID, customer, contact),
 * an unallocated number fails as such, and the list and line change the chance of an answer.
 */
export function callSegment(
  rng: Rng,
  rep: RepProfile,
  call: string,
  at: EpochMs,
  ex: Exceptions,
  target?: CallTarget,
): CallSegment {
  const ms = (seconds: number) => Math.round(seconds * SECOND_MS);
  const context = target
    ? {
        campaign: target.campaign,
        list: target.list,
        source: target.source,
        callerId: target.callerId,
        customer: target.customer,
        contact: target.contact,
      }
    : {};
  const base = { rep: rep.id, call, ...context };
  const events: SimEvent[] = [{ type: 'call.dial', ...base, at }];
  let outcome: Outcome;
  let outcomeAt: EpochMs;
  let hangupAt: EpochMs;
  let cause: string | undefined;
  const answerChance = target
    ? target.invalid
      ? 0
      : Math.min(0.95, (rep.connectRate / (1 - TYPICAL_INVALID)) * target.answerFactor)
    : rep.connectRate;
  if (rng.chance(answerChance)) {
    const answerAt = at + ms(rng.between(5, 20));
    const connected = connectedOutcome(rng, rep);
    const [median, sigma, min] = TALK_SECONDS[connected];
    const talk = rng.chance(ex.longCalls)
      ? rng.between(20, 45) * 60
      : Math.min(40 * 60, Math.max(min, rng.logNormal(median, sigma)));
    hangupAt = answerAt + ms(talk);
    const wrapup = rng.between(15, 90);
    events.push({ type: 'call.answer', ...base, at: answerAt });
    events.push({ type: 'call.hangup', ...base, at: hangupAt });
    outcome = connected;
    outcomeAt = hangupAt + ms(wrapup - rng.between(0.5, 3));
  } else {
    outcome = target
      ? target.invalid
        ? 'invalid'
        : rng.weighted([
            ['no_answer', 82],
            ['busy', 18],
          ] as const)
      : rng.weighted([
          ['no_answer', 75],
          ['busy', 17],
          ['invalid', 8],
        ] as const);
    const ring =
      outcome === 'no_answer' ? rng.between(15, 30) : outcome === 'busy' ? rng.between(4, 10) : rng.between(2, 6);
    hangupAt = at + ms(ring);
    if (target) cause = CAUSES[outcome as keyof typeof CAUSES];
    events.push({ type: 'call.hangup', ...base, at: hangupAt, ...(cause ? { cause } : {}) });
    outcomeAt = hangupAt + ms(rng.between(1, 3));
  }
  const connected = outcome === 'refused' || outcome === 'callback' || outcome === 'lead' || outcome === 'sale';
  // A forgetful rep moves on and records the outcome 10-60 min later.
  const late = connected && rep.forgetsOutcomes > 0 && rng.chance(rep.forgetsOutcomes);
  const recordedAt = late ? outcomeAt + Math.round(rng.between(10, 60) * MINUTE_MS) : outcomeAt;
  const details = outcomeDetails(rng, outcome, recordedAt, target !== undefined);
  const outcomeEvent: SimEvent = {
    type: 'call.outcome',
    ...base,
    at: recordedAt,
    outcome,
    ...(cause ? { cause } : {}),
    ...details,
  };
  if (!late) events.push(outcomeEvent);
  const readyAt = outcomeAt + ms(rng.between(0.5, 3));
  events.push({ type: 'rep.ready', rep: rep.id, at: readyAt });
  return {
    events,
    nextDecisionAt: readyAt + Math.round(idleGap(rng, ex)),
    outcome,
    endedAt: hangupAt,
    ...(late ? { deferred: outcomeEvent } : {}),
  };
}
