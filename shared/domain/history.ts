import { z } from 'zod';
import { idSchema } from '../events/callEvent';
import type { DayKey } from '../time';
import { addDays, calendarPosition, isoWeek, type WorkCalendar } from './calendar';
import type { DayFigures } from './leaderboard';
import {
  daysOfMonthBefore,
  daysOfWeekBefore,
  resolveTargets,
  type MonthProgress,
  type TargetSettings,
} from './targetSettings';
import { TARGET_METRICS, type DailyTargets } from './targets';

/** The figures a history day carries, per rep or summed per team. */
export const HISTORY_FIGURES = [
  'dials',
  'connects',
  'effectiveCalls',
  'talkSeconds',
  'leads',
  'deals',
  'revenue',
] as const;
export type HistoryFigure = (typeof HISTORY_FIGURES)[number];
export type HistoryFigures = Record<HistoryFigure, number>;

export const HISTORY_MAX_DAYS = 190;

/** A rep or team id: any id, "__proto__" included (README "Names are data"). */
const historyId = idSchema;

/** GET /api/history?rep=ID|team=ID&days=30: one of rep or team; days 1..190 ending today. */
export const historyQuerySchema = z
  .object({
    rep: historyId.optional(),
    team: historyId.optional(),
    days: z
      .string()
      .regex(/^\d{1,4}$/, `must be a whole number of days, 1 to ${HISTORY_MAX_DAYS}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(1, `must be 1 to ${HISTORY_MAX_DAYS}`)
          .max(HISTORY_MAX_DAYS, `must be 1 to ${HISTORY_MAX_DAYS}`),
      )
      .default(30),
  })
  .strict()
  .refine((q) => (q.rep === undefined) !== (q.team === undefined), {
    path: ['rep'],
    message: 'give either rep or team (one of them)',
  });
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/** One business day of a rep's or a team's history. */
export interface HistoryDay {
  day: DayKey;
  /** A working day by the floor's calendar (FLOORBOARD_CALENDAR, FLOORBOARD_WORKING_DAYS). */
  working: boolean;
  holiday: boolean;
  /** Today, from the live floor (so far). */
  live: boolean;
  /** Null when nothing was saved for the day (not worked, or before the records): a gap, not a zero. */
  figures: HistoryFigures | null;
  /**
   * That day's targets by today's settings (see README "History"): a rep's as resolved for the
   * day, a team's the sum of the targets of its reps who worked that day; null for a team day
   * nobody worked.
   */
  targets: DailyTargets | null;
  /** A rep's team that day; a team's: null. */
  team: string | null;
  /** A team's reps who worked that day (a rep's: 1 or 0). */
  reps: number;
}

export type HistorySubject = { kind: 'rep'; rep: string; name: string } | { kind: 'team'; team: string };

export interface HistoryResponse {
  subject: HistorySubject;
  from: DayKey;
  to: DayKey;
  /** Oldest first, one per calendar day from `from` to `to` (today). */
  days: HistoryDay[];
}

/** The calendar days from `days - 1` days before `today` to today, oldest first. */
export function historyDays(today: DayKey, days: number): DayKey[] {
  return Array.from({ length: days }, (_, i) => addDays(today, i - (days - 1)));
}

/** The days whose saved totals the range needs: its own, and the month and week before its first day. */
export function daysToLoad(range: readonly DayKey[]): DayKey[] {
  const first = range[0];
  if (first === undefined) return [];
  const monthStart = `${first.slice(0, 8)}01`;
  const { monday } = isoWeek(first);
  const start = monday < monthStart ? monday : monthStart;
  const out: DayKey[] = [];
  for (let day = start; day <= range[range.length - 1]!; day = addDays(day, 1)) out.push(day);
  return out;
}

export type SavedDays = ReadonlyMap<DayKey, ReadonlyMap<string, DayFigures>>;

export function figuresOf(day: Partial<DayFigures>): HistoryFigures {
  return Object.fromEntries(HISTORY_FIGURES.map((f) => [f, Number(day[f] ?? 0) || 0])) as HistoryFigures;
}

export function addFigures(a: HistoryFigures, b: HistoryFigures): HistoryFigures {
  const sum = Object.fromEntries(HISTORY_FIGURES.map((f) => [f, a[f] + b[f]])) as HistoryFigures;
  sum.revenue = Math.round(sum.revenue * 100) / 100;
  return sum;
}

export function addTargets(a: DailyTargets, b: DailyTargets): DailyTargets {
  return Object.fromEntries(
    TARGET_METRICS.map((m) => [m, Math.round((a[m] + b[m]) * 100) / 100]),
  ) as unknown as DailyTargets;
}

export const ZERO_FIGURES: HistoryFigures = figuresOf({});
export const ZERO_TARGETS: DailyTargets = Object.fromEntries(
  TARGET_METRICS.map((m) => [m, 0]),
) as unknown as DailyTargets;

/** What the targets service needs to resolve a rep's targets of any day. */
export interface TargetContext {
  settings: TargetSettings;
  defaults: DailyTargets;
  calendar: WorkCalendar;
  /** Saved day totals, at least of the day's month and week before it. */
  saved: SavedDays;
}

/**
 * Where a rep stood on `day`: working days left and what the rep achieved before it in its month
 * and week, from the saved day totals (as the targets service computes it for today).
 */
export function progressOn(ctx: TargetContext, rep: string, day: DayKey): MonthProgress {
  const position = calendarPosition(ctx.calendar, day);
  const sum = (days: readonly DayKey[]): Partial<DailyTargets> => {
    const out = { dials: 0, effectiveCalls: 0, talkMinutes: 0, leads: 0, deals: 0, revenue: 0 };
    for (const d of days) {
      const t = ctx.saved.get(d)?.get(rep);
      if (!t) continue;
      out.dials += t.dials;
      out.effectiveCalls += t.effectiveCalls;
      out.talkMinutes += t.talkSeconds / 60;
      out.leads += t.leads;
      out.deals += t.deals;
      out.revenue += t.revenue;
    }
    return out;
  };
  const monthDays = daysOfMonthBefore(day);
  const weekDays = daysOfWeekBefore(day);
  const inMonth = new Set(monthDays);
  return {
    workingDaysLeft: position.monthLeft,
    achievedBeforeToday: sum(monthDays),
    workingToday: position.working,
    holiday: position.holiday,
    week: {
      workingDaysLeft: position.weekLeft,
      workingDaysLeftInMonth: position.weekLeftInMonth,
      achievedBeforeToday: sum(weekDays),
      achievedInMonthBeforeToday: sum(weekDays.filter((d) => inMonth.has(d))),
    },
  };
}

/** A rep's targets of a past day, by today's settings and the rep's team that day. */
export function targetsOn(ctx: TargetContext, rep: string, team: string | null, day: DayKey): DailyTargets {
  return resolveTargets(ctx.settings, ctx.defaults, { id: rep, team }, progressOn(ctx, rep, day));
}

/** A live rep as the history needs it (RepView has these). */
export interface LiveRep extends DayFigures {
  id: string;
  targets: DailyTargets;
}

export interface HistoryInput extends TargetContext {
  range: readonly DayKey[];
  /** The live floor's day and reps (its day's figures come from here, never from saved totals). */
  liveDay: DayKey | null;
  live: readonly LiveRep[];
}

function dayBase(ctx: TargetContext, day: DayKey, live: boolean) {
  const position = calendarPosition(ctx.calendar, day);
  return { day, working: position.working, holiday: position.holiday, live };
}

/** A rep's days: saved totals (or the live floor for its day) and that day's targets. */
export function repHistory(input: HistoryInput, rep: string): HistoryDay[] {
  const liveRep = input.live.find((r) => r.id === rep);
  // A day without figures is resolved with the team the rep had last (or has now).
  let lastTeam: string | null = liveRep?.team ?? null;
  for (const day of input.range) {
    const saved = input.saved.get(day)?.get(rep);
    if (saved && day !== input.liveDay) lastTeam = saved.team;
  }
  return input.range.map((day) => {
    const isLive = day === input.liveDay;
    if (isLive && liveRep) {
      return {
        ...dayBase(input, day, true),
        figures: figuresOf(liveRep),
        targets: liveRep.targets,
        team: liveRep.team,
        reps: 1,
      };
    }
    const saved = isLive ? undefined : input.saved.get(day)?.get(rep);
    const team = saved ? saved.team : lastTeam;
    return {
      ...dayBase(input, day, isLive),
      figures: saved ? figuresOf(saved) : null,
      targets: targetsOn(input, rep, team, day),
      team,
      reps: saved ? 1 : 0,
    };
  });
}

/** A team's days: the sum over the reps who were in the team that day, and the sum of their targets. */
export function teamHistory(input: HistoryInput, team: string): HistoryDay[] {
  return input.range.map((day) => {
    const isLive = day === input.liveDay;
    let figures: HistoryFigures | null = null;
    let targets: DailyTargets | null = null;
    let reps = 0;
    const add = (f: HistoryFigures, t: DailyTargets) => {
      figures = addFigures(figures ?? ZERO_FIGURES, f);
      targets = addTargets(targets ?? ZERO_TARGETS, t);
      reps++;
    };
    if (isLive) {
      for (const rep of input.live) if (rep.team === team) add(figuresOf(rep), rep.targets);
    } else {
      for (const [rep, saved] of input.saved.get(day) ?? [])
        if (saved.team === team) add(figuresOf(saved), targetsOn(input, rep, team, day));
    }
    return { ...dayBase(input, day, isLive), figures, targets, team: null, reps };
  });
}

const numbersOf = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as Record<K, z.ZodNumber>);

/** The answer as the client checks it before drawing (a body of another shape fails at the edge). */
export const historyResponseSchema = z.object({
  subject: z.union([
    z.object({ kind: z.literal('rep'), rep: z.string(), name: z.string() }),
    z.object({ kind: z.literal('team'), team: z.string() }),
  ]),
  from: z.string(),
  to: z.string(),
  days: z.array(
    z.object({
      day: z.string(),
      working: z.boolean(),
      holiday: z.boolean(),
      live: z.boolean(),
      figures: numbersOf(HISTORY_FIGURES).nullable(),
      targets: numbersOf(TARGET_METRICS).nullable(),
      team: z.string().nullable(),
      reps: z.number(),
    }),
  ),
}) satisfies z.ZodType<HistoryResponse>;
