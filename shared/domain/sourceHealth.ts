import type { EpochMs } from '../time';
import type { ActiveCondition } from './alerts';

/** One source of call events as the admin screen's stream health lists it. */
export interface SourceStatus {
  source: string;
  /** `adapter`: a process of `npm run adapter` (its health record); `http`: an ingest API key. */
  kind: 'adapter' | 'http';
  /** Connected to its source now (null for an HTTP source: it calls us). */
  connected: boolean | null;
  lastEventAt: EpochMs | null;
  eventsPerMinute: number | null;
  errorsPerMinute: number | null;
  lastError: string | null;
  lastErrorAt: EpochMs | null;
  /** When the adapter last wrote its record (null for an HTTP source). */
  updatedAt: EpochMs | null;
  connectedAt: EpochMs | null;
  /** The run ended by itself (import done, replay done, stopped on purpose): no alert. */
  endedAt: EpochMs | null;
  /** HTTP: the key was revoked. */
  revoked?: boolean;
}

/** Why a source is a problem: `disconnected`, `not_reporting` (its adapter stopped writing health), `silent`. */
export type SourceProblem = 'disconnected' | 'not_reporting' | 'silent';

/** An adapter writes its record every 5 s: one not rewritten for this long is an adapter gone. */
export const SOURCE_NOT_REPORTING_MS = 60_000;

/** The problem of one adapter source now, with when it began; null when it is fine (or ended). */
export function sourceProblem(
  s: SourceStatus,
  now: EpochMs,
  silentMs: number,
  inShift: boolean,
): { problem: SourceProblem; since: EpochMs } | null {
  if (s.kind !== 'adapter' || s.endedAt !== null) return null;
  if (s.updatedAt !== null && now - s.updatedAt >= SOURCE_NOT_REPORTING_MS)
    return { problem: 'not_reporting', since: s.updatedAt };
  if (s.connected === false) return { problem: 'disconnected', since: s.lastErrorAt ?? s.updatedAt ?? now };
  const quietSince = s.lastEventAt ?? s.connectedAt;
  if (inShift && quietSince !== null && now - quietSince >= silentMs) return { problem: 'silent', since: quietSince };
  return null;
}

/**
 * The `source_silent` alert conditions (supervisors only: team null, rep `source:<name>`, which no
 * rep id can be). Silence counts during the floor's shift only; a lost connection at any time.
 */
export function sourceConditions(
  sources: readonly SourceStatus[],
  now: EpochMs,
  silentMs: number,
  inShift: boolean,
): ActiveCondition[] {
  return sources.flatMap((s) => {
    const found = sourceProblem(s, now, silentMs, inShift);
    if (!found) return [];
    return [
      {
        id: `source_silent:${s.source}:${found.since}`,
        rule: 'source_silent' as const,
        severity: found.problem === 'silent' ? ('warning' as const) : ('critical' as const),
        rep: `source:${s.source}`,
        repName: s.source,
        team: null,
        since: found.since,
        detail: found.problem,
      },
    ];
  });
}
