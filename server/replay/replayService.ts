import type { Redis } from 'ioredis';
import type { FloorSettings } from '../../shared/contracts/socket';
import type { ReplayDay, ReplayDaysResponse, ReplayQuery, ReplayResponse } from '../../shared/contracts/replay';
import { scopeOf } from '../../shared/domain/access';
import { byTeamThenName, forBoard, summarize, toRepView } from '../../shared/domain/floorView';
import type { DailyTargets } from '../../shared/domain/targets';
import type { Scope, Viewer } from '../../shared/domain/viewer';
import type { Clock, DayKey, EpochMs } from '../../shared/time';
import type { DayReplay } from '../days/dayReplay';
import type { RedisKeys } from '../redis/keys';
import { createReplayFrames } from './replayFrames';
import { retainedDays } from './retainedDays';

/** How long a list of the retained days is reused. */
const DAYS_FRESH_MS = 1000;

export type ReplayResult<T> = { ok: true; value: T } | { ok: false; status: 400 | 403 | 404 | 410; error: string };

export interface ReplayService {
  days(viewer: Viewer): Promise<ReplayResult<ReplayDaysResponse>>;
  at(viewer: Viewer, query: ReplayQuery): Promise<ReplayResult<ReplayResponse>>;
}

/** Replay is for review meetings: supervisors (the floor or one team) and leads (their own team). */
function replayScope(viewer: Viewer, team: string | undefined): Scope | { status: 403; error: string } {
  if (viewer.kind === 'kiosk') return { status: 403, error: 'a wallboard shows the live floor only' };
  const scope = scopeOf(viewer);
  if (scope.kind === 'rep') return { status: 403, error: 'floor replay is for supervisors and leads' };
  if (scope.kind === 'team' && team !== undefined && team !== scope.team)
    return { status: 403, error: 'a lead replays their own team only' };
  return team === undefined ? scope : { kind: 'team', team };
}

export function createReplayService(deps: {
  dayReplay: Pick<DayReplay, 'startOf' | 'foldUntil'>;
  redis: Redis;
  keys: Pick<RedisKeys, 'events'>;
  dayOf: (at: EpochMs) => DayKey;
  targetsFor: (rep: { id: string; team: string | null }) => DailyTargets;
  settings: FloorSettings;
  retentionDays: number;
  clock: Clock;
}): ReplayService {
  const frames = createReplayFrames({ ...deps, rules: { dayOf: deps.dayOf } });
  // The list of days is a few reads per day: shared by the requests of one second (a scrub, a herd).
  let listed: { at: EpochMs; days: Promise<ReplayDay[]> } | null = null;
  function listDays(): Promise<ReplayDay[]> {
    const now = deps.clock();
    if (listed && now - listed.at < DAYS_FRESH_MS && now >= listed.at) return listed.days;
    const days = retainedDays(deps.redis, deps.keys, deps.dayOf);
    const entry = { at: now, days };
    listed = entry;
    days.catch(() => listed === entry && (listed = null));
    return days;
  }
  return {
    async days(viewer) {
      const scope = replayScope(viewer, undefined);
      if ('status' in scope) return { ok: false, ...scope };
      const days = await listDays();
      return { ok: true, value: { days, retentionDays: deps.retentionDays, serverNow: deps.clock() } };
    },
    async at(viewer, query) {
      const scope = replayScope(viewer, query.team);
      if ('status' in scope) return { ok: false, ...scope };
      const now = deps.clock();
      if (query.at > now) return { ok: false, status: 400, error: 'at: later than now (the live floor is /floor)' };
      const day = deps.dayOf(query.at);
      const days = await listDays();
      const oldest = days[0];
      if (oldest === undefined) return { ok: false, status: 404, error: 'the stream holds no entries to replay' };
      if (day < oldest.day)
        return {
          ok: false,
          status: 410,
          error: `${day} is no longer in the stream (kept: ${deps.retentionDays} days; the oldest is ${oldest.day}); its totals remain in the day review`,
        };
      if (!days.some((d) => d.day === day))
        return { ok: false, status: 404, error: `no entries on ${day}: GET /api/replay/days lists the days to replay` };
      const state = await frames.stateAt(query.at);
      const reps = [...state.reps.values()]
        .filter((rep) => scope.kind === 'floor' || (scope.kind === 'team' && rep.team === scope.team))
        .map((rep) => forBoard(toRepView(rep, deps.targetsFor(rep))))
        .sort(byTeamThenName);
      const value: ReplayResponse = {
        day: state.day,
        reps,
        ...summarize(reps),
        at: query.at,
        settings: deps.settings,
        serverNow: now,
      };
      return { ok: true, value };
    },
  };
}
