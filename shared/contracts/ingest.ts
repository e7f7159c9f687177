import type { EpochMs } from '../time';

/**
 * CRM dispositions (and any other source) over HTTP: `POST /api/ingest/events` with a per-source
 * API key, and the supervisor's routes that create, list and revoke those keys.
 */
export const ingestRoutes = {
  events: '/api/ingest/events',
  keys: '/api/admin/ingest-keys',
  key: (id: string) => `/api/admin/ingest-keys/${encodeURIComponent(id)}`,
} as const;

/** Most events in one request; more are answered 413 (send several requests). */
export const INGEST_MAX_EVENTS = 500;
/** Largest request body in bytes; a bigger one is answered 413 before it is read whole. */
export const INGEST_MAX_BODY_BYTES = 1024 * 1024;
/** How long a (call, type) or (rep, type, ts) is remembered to drop a retried event: two days. */
export const INGEST_DEDUPE_TTL_MS = 2 * 86_400_000;

/** A key's name (the source it stands for, recorded on every event it writes): 1-32 chars of A-Za-z0-9._- */
export const INGEST_KEY_NAME = /^[A-Za-z0-9._-]{1,32}$/;

/** An API key as listed: never its secret (only a hash of it is stored). */
export interface IngestKeyView {
  id: string;
  name: string;
  createdBy: string;
  createdAt: EpochMs;
  /** Last request the key authenticated; null when never used. */
  lastUsedAt: EpochMs | null;
  /** When it was revoked; null while it is live. */
  revokedAt: EpochMs | null;
}

/** POST /api/admin/ingest-keys: the one time the secret is shown. */
export interface NewIngestKeyResponse {
  key: IngestKeyView;
  /** The whole bearer token, `fbk_<id>_<secret>`: shown once, never again. */
  secret: string;
}

/** 200 of POST /api/ingest/events: events appended to the stream, and events already seen (retries). */
export interface IngestResponse {
  written: number;
  duplicates: number;
}

/** 422 of POST /api/ingest/events: one entry per bad item; nothing of the batch was written. */
export interface IngestRejection {
  error: string;
  errors: { index: number; reason: string }[];
}
