import type { LocationQuery } from 'vue-router';

export const TV_PANELS = ['floor', 'leaderboard', 'trends', 'alerts'] as const;
/** Panels only some TVs have (campaigns: a TV a supervisor opened; a kiosk may not read them). */
export const TV_OPTIONAL_PANELS = ['campaigns'] as const;
export type TvPanelId = (typeof TV_PANELS)[number] | (typeof TV_OPTIONAL_PANELS)[number];

export interface TvOptions {
  seconds: number;
  start: TvPanelId | null;
  pin: TvPanelId | null;
}

const DEFAULT_SECONDS = 20;

function one(value: LocationQuery[string] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : null;
}

function panel(value: string | null): TvPanelId | null {
  return ([...TV_PANELS, ...TV_OPTIONAL_PANELS] as readonly string[]).includes(value ?? '')
    ? (value as TvPanelId)
    : null;
}

/** `/tv?panel=leaderboard&seconds=20&pin=trends`: anything unknown falls back to the defaults. */
export function parseTvOptions(query: LocationQuery): TvOptions {
  const raw = Number(one(query.seconds));
  const seconds = Number.isFinite(raw) && raw > 0 ? Math.min(600, Math.max(5, Math.round(raw))) : DEFAULT_SECONDS;
  return { seconds, start: panel(one(query.panel)), pin: panel(one(query.pin)) };
}
