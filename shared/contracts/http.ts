import type { FloorView } from '../domain/floorView';
import type { FloorSettings, Health } from './socket';
import type { EpochMs } from '../time';
import type { StreamId } from '../streamId';

export const routes = {
  health: '/healthz',
  floor: '/api/floor',
  session: '/api/session',
  wallboardLink: (token: string) => `/wallboard/${encodeURIComponent(token)}`,
} as const;

export interface HealthResponse extends Health {
  status: 'ok' | 'degraded';
  cursor: StreamId | null;
  serverNow: EpochMs;
}

export interface FloorResponse extends FloorView {
  cursor: StreamId | null;
  serverNow: EpochMs;
  settings: FloorSettings;
}

/** Error body of every 4xx/5xx response. */
export interface ErrorResponse {
  error: string;
}
