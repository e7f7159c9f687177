import {
  coachingEffectsQuerySchema,
  DEFAULT_EFFECT_DAYS,
  type CoachingEffectsResponse,
} from '../../shared/contracts/coachingEffects';
import type { Ack } from '../../shared/contracts/socket';
import { canCoach, canSeeRep } from '../../shared/domain/access';
import type { CoachingNote } from '../../shared/domain/coaching';
import {
  coachingEffect,
  effectCallsOf,
  type CoachingEffect,
  MAX_EFFECT_CALLS,
  METRIC_DEFINITIONS,
  MIN_EFFECT_CALLS,
  metricOver,
  type EffectCall,
} from '../../shared/domain/coachingEffect';
import type { FoldRules } from '../../shared/domain/fold';
import type { Viewer } from '../../shared/domain/viewer';
import type { Clock, DayKey, EpochMs } from '../../shared/time';
import { firstIssue } from '../../shared/validation';
import { dayStartAt, type DayReplay } from '../days/dayReplay';
import type { FloorService } from '../floor/floorService';
import type { CoachingRepo } from '../redis/coachingRepo';

export interface CoachingEffects {
  /** GET /api/coaching-notes/effects: each note's metric before and after it (issue #17, item 2). */
  effects(viewer: Viewer, query: unknown): Promise<Ack<CoachingEffectsResponse>>;
}

/** Notes read per rep (newest first): the look-back never holds more. */
const NOTES_PER_REP = 200;
/** Effects that can no longer change, kept by note id so a console's poll does not fold old days again. */
const SETTLED_NOTES = 5000;

type Measured = Omit<CoachingEffect, 'note'>;

export function createCoachingEffects(deps: {
  repo: CoachingRepo;
  floor: FloorService;
  dayReplay: Pick<DayReplay, 'dayState'>;
  rules: FoldRules;
  clock: Clock;
}): CoachingEffects {
  const { rules } = deps;
  const settled = new Map<string, Measured>();
  function settle(id: string, effect: CoachingEffect): void {
    const { note: _note, ...measured } = effect;
    settled.set(id, measured);
    while (settled.size > SETTLED_NOTES) settled.delete(settled.keys().next().value!);
  }

  /** Which reps' notes the viewer asked for, or why not. */
  function repsOf(viewer: Viewer, q: { team?: string; rep?: string }): Ack<string[]> {
    if (viewer.kind !== 'user') return { ok: false, status: 403, error: 'a wallboard link sees no coaching notes' };
    const teamReps = (team: string) => deps.floor.view({ kind: 'team', team }).reps.map((r) => r.id);
    if (q.rep !== undefined) {
      const rep = { id: q.rep, team: deps.floor.repView(q.rep).team };
      if (!canSeeRep(viewer, rep)) return { ok: false, status: 403, error: "you may not see this rep's notes" };
      return { ok: true, value: [q.rep] };
    }
    if (q.team !== undefined) {
      if (!canCoach(viewer, { id: '', team: q.team }))
        return { ok: false, status: 403, error: "you may not see this team's notes" };
      return { ok: true, value: teamReps(q.team) };
    }
    if (viewer.role === 'rep') return { ok: true, value: [viewer.rep] };
    if (viewer.role === 'lead') return { ok: true, value: teamReps(viewer.team) };
    return { ok: true, value: deps.floor.view().reps.map((r) => r.id) };
  }

  return {
    async effects(viewer, query) {
      const parsed = coachingEffectsQuerySchema.safeParse(query);
      if (!parsed.success) return { ok: false, status: 400, error: firstIssue(parsed.error) };
      const reps = repsOf(viewer, parsed.data);
      if (!reps.ok) return reps;

      const now = deps.clock();
      const live = deps.floor.state();
      const today = live.day ?? rules.dayOf(now);
      const { day, week, days: back } = parsed.data;
      const first = day ?? week ?? addDays(today, 1 - (back ?? DEFAULT_EFFECT_DAYS));
      const from = dayStartAt(first, rules.dayOf);
      const until = day
        ? dayStartAt(addDays(day, 1), rules.dayOf)
        : week
          ? dayStartAt(addDays(week, 7), rules.dayOf)
          : null;
      const lists = await Promise.all(reps.value.map((rep) => deps.repo.listForRep(rep, NOTES_PER_REP)));
      const notes = lists
        .flat()
        .filter((n) => n.createdAt >= from && (until === null || n.createdAt < until) && n.metric !== undefined)
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));

      // One request folds each retained day at most once (the day replay also caches closed days).
      const days = new Map<DayKey, Promise<EffectCall[] | null>>();
      const callsOn = (day: DayKey): Promise<EffectCall[] | null> => {
        let hit = days.get(day);
        if (!hit) {
          hit =
            day === today
              ? Promise.resolve(effectCallsOf(live, rules))
              : deps.dayReplay.dayState(day, now).then((s) => (s ? effectCallsOf(s, rules) : null));
          days.set(day, hit);
        }
        return hit;
      };

      const effects = [];
      for (const note of notes) effects.push(await effectOf(note, today, callsOn));
      return {
        ok: true,
        value: {
          effects,
          from,
          until,
          minCalls: MIN_EFFECT_CALLS,
          maxCalls: MAX_EFFECT_CALLS,
          tolerances: Object.fromEntries(
            Object.entries(METRIC_DEFINITIONS).map(([m, d]) => [m, d.tolerance]),
          ) as CoachingEffectsResponse['tolerances'],
        },
      };
    },
  };

  /**
   * The calls around one note: its day, the day before while the rep has fewer than the cap before
   * it, and the days after (to today) until the rep has the cap after it.
   */
  async function effectOf(note: CoachingNote, today: DayKey, callsOn: (day: DayKey) => Promise<EffectCall[] | null>) {
    const known = settled.get(note.id);
    if (known) return { note, ...known };
    const metric = note.metric!;
    const noteDay = rules.dayOf(note.createdAt);
    const first = noteDay > today ? null : await callsOn(noteDay);
    if (first === null) {
      const gone = coachingEffect(note, [], null);
      // A day the stream no longer holds never comes back (a note dated ahead of today may).
      if (noteDay < today) settle(note.id, gone);
      return gone;
    }
    let calls = first;
    let keptFrom: EpochMs = dayStartAt(noteDay, rules.dayOf);
    const mine = (after: boolean) =>
      metricOver(
        calls.filter((c) => c.rep === note.rep && c.at >= note.createdAt === after),
        metric,
      ).calls;
    if (mine(false) < MAX_EFFECT_CALLS) {
      const previous = addDays(noteDay, -1);
      const earlier = await callsOn(previous);
      if (earlier) [calls, keptFrom] = [[...earlier, ...calls], dayStartAt(previous, rules.dayOf)];
    }
    let lastDay = noteDay;
    for (let day = addDays(noteDay, 1); day <= today && mine(true) < MAX_EFFECT_CALLS; day = addDays(day, 1)) {
      const later = await callsOn(day);
      if (later) calls = [...calls, ...later];
      lastDay = day;
    }
    const effect = coachingEffect(note, calls, keptFrom);
    // Measured over closed days with the cap reached after it: later calls change nothing.
    if (lastDay < today && effect.status === 'measured' && effect.callsAfter === MAX_EFFECT_CALLS)
      settle(note.id, effect);
    return effect;
  }
}

function addDays(day: DayKey, n: number): DayKey {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
