import { Redis } from 'ioredis';
import type { CallEvent } from '../../../shared/events/callEvent';
import { toFloorView } from '../../../shared/domain/floorView';
import { addDays } from '../../../shared/domain/leaderboard';
import { emptyFloor } from '../../../shared/domain/repState';
import { foldByQuarterHour } from '../../../shared/domain/quarterHourRuns';
import type { Shift } from '../../../shared/domain/targets';
import { createLocalTime, HOUR_MS, MINUTE_MS, type DayKey, type EpochMs } from '../../../shared/time';
import { createDayTotalsRepo, toDayTotals, type DayTotals } from '../../redis/dayTotalsRepo';
import { redisKeys } from '../../redis/keys';
import { createTrendRecorder } from '../../trends/trendRecorder';
import { createTrendRepo } from '../../redis/trendRepo';
import { isFault } from './events';
import { createFloorModel } from './model';
import { createRng } from './random';
import { todayAt } from './shift';

export interface SeedHistoryOptions {
  redisUrl: string;
  /** The server's key prefix (FLOORBOARD_KEY_PREFIX). */
  prefix: string;
  reps: number;
  teams: number;
  /** The live simulation's seed: rep names and teams match it; each day's calls differ. */
  seed: number;
  /** Past working days to simulate, before `today`. */
  days: number;
  /**
   * Working days before those with day totals only (history charts, month boards): each a
   * simulated day's totals with every rep's figures scaled by a seeded factor (0.75-1.25), so
   * 30 days cost what 10 do. Default 0.
   */
  totalsOnlyDays?: number;
  timeZone: string;
  /** With its day start (FLOORBOARD_DAY_START): a night shift's calls after midnight belong to the day it began. */
  shift: Shift;
  /** Today's business date. */
  today: DayKey;
  /** ISO weekdays worked (1 = Monday); default Monday-Friday. */
  workingWeekdays?: readonly number[];
  effectiveCallSeconds?: number;
}

export interface SeededHistory {
  days: DayKey[];
  /** The days before them that got day totals only (oldest first). */
  totalsOnlyDays: DayKey[];
  events: number;
  elapsedMs: number;
}

const NO_TARGETS = { dials: 0, effectiveCalls: 0, talkMinutes: 0, leads: 0, deals: 0, revenue: 0 };

/** An instant inside business day `day` (found from UTC noon, moved by half days). */
function instantIn(day: DayKey, dayOf: (at: EpochMs) => DayKey): EpochMs {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let at = Date.UTC(y, m - 1, d, 12);
  for (let i = 0; i < 4 && dayOf(at) !== day; i++) at += dayOf(at) < day ? 12 * HOUR_MS : -12 * HOUR_MS;
  return at;
}

/**
 * A day's totals with every rep's counts scaled by one factor per rep, rounded down: the funnel
 * stays in order (dials >= connects >= effective calls >= leads >= deals).
 */
export function scaledTotals(reps: readonly DayTotals[], seed: number): DayTotals[] {
  const rng = createRng(seed);
  return reps.map((rep) => {
    const k = rng.between(0.75, 1.25);
    const scale = (n: number) => Math.floor(n * k);
    const deals = scale(rep.deals);
    return {
      ...rep,
      dials: scale(rep.dials),
      connects: scale(rep.connects),
      effectiveCalls: scale(rep.effectiveCalls),
      talkSeconds: scale(rep.talkSeconds),
      leads: scale(rep.leads),
      deals,
      revenue: rep.deals > 0 ? Math.round(((rep.revenue * deals) / rep.deals) * 100) / 100 : 0,
      handoffsWon: 0,
      handoffRevenue: 0,
    };
  });
}

/** The past `count` working days before `today`, oldest first. */
export function pastWorkingDays(today: DayKey, count: number, weekdays: readonly number[]): DayKey[] {
  const days: DayKey[] = [];
  for (let day = addDays(today, -1); days.length < count && weekdays.length > 0; day = addDays(day, -1)) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    if (weekdays.includes(new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7)) days.unshift(day);
  }
  return days;
}

type PastDayOptions = Pick<SeedHistoryOptions, 'reps' | 'teams' | 'seed' | 'timeZone' | 'shift'>;

/**
 * The `index`th past day's events (rep names from `names`), from the shift start of business day
 * `day` until every rep has logged out: a night shift's calls after midnight are part of it.
 */
export function pastDayEvents(
  o: PastDayOptions,
  day: DayKey,
  index: number,
  names: ReadonlyMap<string, string> = new Map(),
): { shiftStartAt: EpochMs; events: CallEvent[] } {
  const dayStartMinute = o.shift.dayStartMinute ?? 0;
  const { dayOf } = createLocalTime(o.timeZone, dayStartMinute);
  const shiftStartAt = todayAt(instantIn(day, dayOf), o.timeZone, o.shift.startMinute, dayStartMinute);
  const shiftMinutes = o.shift.endMinute - o.shift.startMinute;
  const model = createFloorModel({
    reps: o.reps,
    teams: o.teams,
    seed: (o.seed + (index + 1) * 7919) >>> 0,
    startAt: shiftStartAt,
    shiftMinutes,
    runId: `h${day.replaceAll('-', '')}`,
    // Day totals and trend buckets are per rep and team: campaigns and lines would only cost time.
    dimensions: false,
  });
  const events: CallEvent[] = [];
  let [lastMs, seq] = [0, 0];
  const entries = model.nextEvents(shiftStartAt + (shiftMinutes + 60) * MINUTE_MS);
  for (let hour = 2; !model.done && hour < 12; hour++) {
    entries.push(...model.nextEvents(shiftStartAt + (shiftMinutes + 60 * hour) * MINUTE_MS));
  }
  for (const entry of entries) {
    if (isFault(entry)) continue;
    [seq, lastMs] = [entry.at === lastMs ? seq + 1 : 0, entry.at];
    const named = entry.type === 'rep.login' ? { ...entry, name: names.get(entry.rep) ?? entry.rep } : entry;
    events.push({ ...named, id: `${entry.at}-${seq}` } as CallEvent);
  }
  return { shiftStartAt, events };
}

/**
 * Simulates the past working days with the floor model, folds each in-process with the shared
 * fold, and writes their day totals and trend buckets, so that a fresh demo has week and month
 * leaderboards and a "same weekday last week" line. Run it before the server starts.
 */
export async function seedHistory(o: SeedHistoryOptions): Promise<SeededHistory> {
  const started = performance.now();
  const dayStartMinute = o.shift.dayStartMinute ?? 0;
  // Business dates and minutes, as the server's fold and trend recorder use them.
  const localTime = createLocalTime(o.timeZone, dayStartMinute);
  const rules = { effectiveCallMs: (o.effectiveCallSeconds ?? 60) * 1000, dayOf: localTime.dayOf };
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: 2 });
  const keys = redisKeys({ stream: '', deadLetterStream: '', keyPrefix: o.prefix });
  const dayTotals = createDayTotalsRepo(redis, keys);
  const trendRepo = createTrendRepo(redis, keys);
  // Names and teams of the live floor's seed; only the calls change from day to day.
  const names = new Map(
    createFloorModel({ reps: o.reps, teams: o.teams, seed: o.seed, startAt: 0 }).reps.map((r) => [r.id, r.name]),
  );
  const weekdays = o.workingWeekdays ?? [1, 2, 3, 4, 5];
  const extra = o.totalsOnlyDays ?? 0;
  const all = pastWorkingDays(o.today, o.days + extra, weekdays);
  const days = all.slice(Math.max(0, all.length - o.days));
  const older = all.slice(0, all.length - days.length);
  const simulated: { ids: string[]; totals: DayTotals[] }[] = [];
  let total = 0;
  try {
    for (const [index, day] of days.entries()) {
      const { events } = pastDayEvents(o, day, index, names);
      const recorder = createTrendRecorder({ rules, localTime });
      const state = foldByQuarterHour({ ...emptyFloor(), day }, events, rules, recorder.record);
      const reps = toFloorView(state, () => NO_TARGETS).reps;
      await dayTotals.save(day, reps);
      simulated.push({ ids: reps.map((rep) => rep.id), totals: reps.map(toDayTotals) });
      await recorder.save(trendRepo);
      total += events.length;
    }
    for (const [index, day] of older.entries()) {
      const from = simulated[index % Math.max(1, simulated.length)];
      if (!from || from.ids.length === 0) continue;
      const scaled = scaledTotals(from.totals, (o.seed + (index + 1) * 104_729) >>> 0);
      await redis.hset(keys.dayTotals(day), ...scaled.flatMap((t, i) => [from.ids[i]!, JSON.stringify(t)]));
    }
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
  return { days, totalsOnlyDays: older, events: total, elapsedMs: Math.round(performance.now() - started) };
}
