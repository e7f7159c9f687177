import type { ActiveCondition } from '../../shared/domain/alerts';
import type { AlertSettings } from '../../shared/domain/alertTypes';
import type { EpochMs } from '../../shared/time';
import type { HandoffService } from '../handoffs/handoffService';
import type { ExtraAlertSource } from './alertSources';

/**
 * `handoff_waiting`: a lead handed off and not accepted within the receiving team's
 * `handoffWaitMinutes`. Raised for the originating rep, once to the origin's team (its lead sees
 * the rep's handoff stuck) and once to the receiving team (its lead has work waiting); one alert
 * per rep and team, its detail the count waiting. A follow-up, so off the wall (OFF_THE_WALL_RULES).
 */
export function handoffAlertSource(
  handoffs: Pick<HandoffService, 'repsWithOpen' | 'waitingOf' | 'waitingSince'>,
  settings: () => AlertSettings,
  nameOf: (rep: string) => string,
): ExtraAlertSource {
  return {
    reps: handoffs.repsWithOpen,
    conditions(only, now) {
      const s = settings();
      const out: ActiveCondition[] = [];
      for (const rep of only ?? handoffs.repsWithOpen()) {
        // Audience team ('' = none) -> how many wait and since when.
        const byTeam = new Map<string, { count: number; since: EpochMs }>();
        for (const item of handoffs.waitingOf(rep)) {
          const since = handoffs.waitingSince(item, s);
          if (now < since) continue;
          for (const team of new Set([item.team ?? '', item.toTeam])) {
            const entry = byTeam.get(team) ?? { count: 0, since };
            byTeam.set(team, { count: entry.count + 1, since: Math.min(entry.since, since) });
          }
        }
        for (const [team, { count, since }] of byTeam) {
          out.push({
            id: `handoff_waiting:${rep}:${team}:${since}`,
            rule: 'handoff_waiting',
            severity: 'warning',
            rep,
            repName: nameOf(rep),
            team: team === '' ? null : team,
            since,
            detail: String(count),
          });
        }
      }
      return out;
    },
    nextDue(rep, now) {
      const s = settings();
      let next = Infinity;
      for (const item of handoffs.waitingOf(rep)) {
        const at = handoffs.waitingSince(item, s);
        if (at > now) next = Math.min(next, at);
      }
      return Number.isFinite(next) ? next : null;
    },
  };
}
