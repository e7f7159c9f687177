import { OTHER_BUCKET, type CallerIdRow, type CampaignsResponse, type ListRow } from '../contracts/campaigns';
import { MINUTE_MS, type DayKey, type EpochMs } from '../time';
import type { ActiveCondition } from './alerts';
import type { AlertSettings, AlertThresholds, CampaignThresholds } from './alertTypes';
import type { CallRecord } from './callBook';

/**
 * The issue #15 alert rules, pure (a synthetic clock tests them; every instance computes the same
 * ids). Floor-wide rules on lines and lists read `CampaignsResponse` rows; per-rep rules read the
 * rep's calls (missing outcomes) or the contact ledger's repeats (contact frequency).
 *
 * Who is named: a line or list alert has no rep (`rep` is `line:<callerId>` or `list:<list>`, which
 * no rep id can be, `team` null: supervisors and the floor's screens only). A per-rep alert names the
 * rep and their team (the team's lead). No alert ever carries a customer id, a phone number or a
 * contact label: contact frequency says how many times and which other reps, nothing about whom.
 */

/** Comparing rates "at the threshold": 0.8 × 0.5 and 8 / 20 must agree in spite of floating point. */
const EPSILON = 1e-9;

/** A campaign's thresholds for its lists: its overrides over the floor's. */
export function campaignThresholds(settings: AlertSettings, campaign: string | null): AlertThresholds {
  const overrides = campaign === null ? undefined : settings.campaigns?.[campaign];
  if (!overrides) return settings.floor;
  const merged = { ...settings.floor };
  for (const [key, value] of Object.entries(overrides) as [keyof CampaignThresholds, number | undefined][])
    if (value !== undefined) merged[key] = value;
  return merged;
}

/**
 * A caller ID whose connect rate over the last hour fell `callerIdDropPercent` or more below its own
 * baseline, over at least `callerIdMinDials` dials: "possibly flagged as spam — rotate the number".
 * The screens' flagged badge should use this too, so badge and alert agree.
 */
export function isCallerIdFlagged(
  row: CallerIdRow,
  t: Pick<AlertThresholds, 'callerIdDropPercent' | 'callerIdMinDials'>,
): boolean {
  if (row.callerId === OTHER_BUCKET || row.baselineRate === null || row.baselineRate <= 0) return false;
  if (row.recentDials < t.callerIdMinDials || row.recentDials <= 0) return false;
  const recent = row.recentConnects / row.recentDials;
  return recent <= row.baselineRate * (1 - t.callerIdDropPercent / 100) + EPSILON;
}

/** A list whose invalid-number rate (空号率) reached the threshold once it has enough dials. */
export function isListPoor(row: ListRow, t: Pick<AlertThresholds, 'listInvalidPercent' | 'listMinDials'>): boolean {
  if (row.list === OTHER_BUCKET || row.dials <= 0 || row.dials < t.listMinDials) return false;
  return row.invalid / row.dials >= t.listInvalidPercent / 100 - EPSILON;
}

/** Minutes until the list runs dry at the current pace (0 when dry), or null when it does not soon. */
export function listDryInMinutes(
  row: ListRow,
  t: Pick<AlertThresholds, 'listDryMinutes'>,
  now: EpochMs,
): number | null {
  if (row.list === OTHER_BUCKET || row.dryAt === null) return null;
  const left = row.dryAt - now;
  if (left > t.listDryMinutes * MINUTE_MS) return null;
  return Math.max(0, Math.ceil(left / MINUTE_MS));
}

const pct = (rate: number) => Math.round(rate * 100);

/**
 * The floor-wide conditions of one reading of the campaign figures. One alert per line or list per
 * day (`rule:key:day`; a later recurrence is `#2`, ...). Details (client/components/alerts/ruleText.ts):
 * caller_id_flagged `recent%/baseline%`, list_quality `invalid%/dials`, list_running_dry minutes left
 * (critical once dry).
 */
export function figureConditions(
  figures: Pick<CampaignsResponse, 'callerIds' | 'lists'>,
  settings: AlertSettings,
  now: EpochMs,
  day: DayKey,
): ActiveCondition[] {
  const out: ActiveCondition[] = [];
  const floor = settings.floor;
  for (const row of figures.callerIds) {
    if (!isCallerIdFlagged(row, floor)) continue;
    out.push({
      id: `caller_id_flagged:${row.callerId}:${day}`,
      rule: 'caller_id_flagged',
      severity: 'critical',
      rep: `line:${row.callerId}`,
      repName: row.callerId,
      team: null,
      since: now,
      detail: `${pct(row.recentConnects / row.recentDials)}/${pct(row.baselineRate!)}`,
    });
  }
  for (const row of figures.lists) {
    const t = campaignThresholds(settings, row.campaign);
    const who = { rep: `list:${row.list}`, repName: row.list, team: null, since: now };
    if (isListPoor(row, t))
      out.push({
        id: `list_quality:${row.list}:${day}`,
        rule: 'list_quality',
        severity: 'warning',
        ...who,
        detail: `${pct(row.invalid / row.dials)}/${row.dials}`,
      });
    const left = listDryInMinutes(row, t, now);
    if (left !== null)
      out.push({
        id: `list_running_dry:${row.list}:${day}`,
        rule: 'list_running_dry',
        severity: left === 0 ? 'critical' : 'warning',
        ...who,
        detail: String(left),
      });
  }
  return out;
}

/** Hang-up times of the calls still without an outcome, earliest first. */
export function pendingHangups(calls: Iterable<readonly [string, CallRecord]>): EpochMs[] {
  const out: EpochMs[] = [];
  for (const [, call] of calls) if (call.hangupAt !== undefined && call.outcome === undefined) out.push(call.hangupAt);
  return out.sort((a, b) => a - b);
}

/** Of the pending hang-ups (earliest first): how many are overdue now, and when the next one will be. */
export function missingOutcomes(
  pending: readonly EpochMs[],
  now: EpochMs,
  minutes: number,
): { overdue: number; firstDueAt: EpochMs | null; nextDue: EpochMs | null } {
  const wait = minutes * MINUTE_MS;
  let overdue = 0;
  while (overdue < pending.length && pending[overdue]! + wait <= now) overdue++;
  return {
    overdue,
    firstDueAt: overdue > 0 ? pending[0]! + wait : null,
    nextDue: overdue < pending.length ? pending[overdue]! + wait : null,
  };
}

/** A rep with the hang-up times of their calls without an outcome (pendingHangups). */
export interface RepCalls {
  id: string;
  name: string;
  team: string | null;
  pending: readonly EpochMs[];
}

/** `missing_outcome` for one rep: one alert a day while any call is overdue (detail: how many). */
export function missingOutcomeCondition(
  rep: RepCalls,
  t: Pick<AlertThresholds, 'missingOutcomeMinutes'>,
  now: EpochMs,
  day: DayKey,
): { condition: ActiveCondition | null; nextDue: EpochMs | null } {
  const m = missingOutcomes(rep.pending, now, t.missingOutcomeMinutes);
  if (m.overdue === 0) return { condition: null, nextDue: m.nextDue };
  const condition: ActiveCondition = {
    id: `missing_outcome:${rep.id}:${day}`,
    rule: 'missing_outcome',
    severity: 'warning',
    rep: rep.id,
    repName: rep.name || rep.id,
    team: rep.team,
    since: m.firstDueAt!,
    detail: String(m.overdue),
  };
  return { condition, nextDue: m.nextDue };
}

/**
 * A dial of a customer dialled before today (the contact ledger's answer, server/redis/contactRepo.ts):
 * which dial of the customer it was, and the earlier dials by other reps with how far apart they were.
 * Only repeats are kept: a first dial can breach nothing.
 */
export interface RepeatDial {
  rep: string;
  at: EpochMs;
  /** 2 for the customer's second dial today, ... (counted once per call, in stream order). */
  times: number;
  /** Earlier dials of the same customer by other reps: the rep and the smallest gap to this dial. */
  others: readonly { rep: string; gapMs: number }[];
}

/** How long a contact-frequency finding stays open after the last dial that breached. */
export const CONTACT_HOLD_MS = 60 * MINUTE_MS;

/** The dial breaches: more than the day's allowance, or another rep dialled the customer within M minutes. */
export function contactBreach(
  dial: RepeatDial,
  t: Pick<AlertThresholds, 'contactMaxPerDay' | 'contactRepeatMinutes'>,
): { times: number | null; reps: string[] } | null {
  const over = dial.times > t.contactMaxPerDay;
  const reps = [...new Set(dial.others.filter((o) => o.gapMs <= t.contactRepeatMinutes * MINUTE_MS).map((o) => o.rep))];
  if (!over && reps.length === 0) return null;
  return { times: over ? dial.times : null, reps };
}

/**
 * `contact_frequency` for one rep: breaching dials less than CONTACT_HOLD_MS apart make one spell,
 * open until CONTACT_HOLD_MS after its last breach; its id is its first breach (every instance and a
 * replay agree). Detail `times/rep,rep`: the most dials of one customer today among the spell's
 * breaches (empty when only the two-rep rule broke) and the other reps. Never the customer.
 */
export function contactCondition(
  rep: { id: string; name: string; team: string | null },
  repeats: readonly RepeatDial[],
  t: Pick<AlertThresholds, 'contactMaxPerDay' | 'contactRepeatMinutes'>,
  now: EpochMs,
): { condition: ActiveCondition | null; nextDue: EpochMs | null } {
  const breaches = repeats
    .flatMap((d) => {
      const b = d.at <= now ? contactBreach(d, t) : null;
      return b ? [{ at: d.at, ...b }] : [];
    })
    .sort((a, b) => a.at - b.at);
  const last = breaches.at(-1);
  if (!last || last.at + CONTACT_HOLD_MS <= now) return { condition: null, nextDue: null };
  let start = breaches.length - 1;
  while (start > 0 && breaches[start]!.at - breaches[start - 1]!.at < CONTACT_HOLD_MS) start--;
  const spell = breaches.slice(start);
  const times = Math.max(0, ...spell.map((b) => b.times ?? 0));
  const reps = [...new Set(spell.flatMap((b) => b.reps))].sort();
  const since = spell[0]!.at;
  const condition: ActiveCondition = {
    id: `contact_frequency:${rep.id}:${since}`,
    rule: 'contact_frequency',
    severity: 'warning',
    rep: rep.id,
    repName: rep.name || rep.id,
    team: rep.team,
    since,
    detail: `${times || ''}/${reps.join(',')}`,
  };
  return { condition, nextDue: last.at + CONTACT_HOLD_MS };
}
