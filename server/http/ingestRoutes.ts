import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import {
  INGEST_MAX_BODY_BYTES,
  INGEST_MAX_EVENTS,
  type IngestRejection,
  type IngestResponse,
} from '../../shared/contracts/ingest';
import type { Clock } from '../../shared/time';
import { checkBatch } from '../ingest/httpBatch';
import type { Log } from '../log';
import type { IngestKeyRepo } from '../redis/ingestKeyRepo';
import type { IngestWriter } from '../redis/ingestWriter';
import type { WriteLimiter } from '../redis/writeLimits';
import { sendError } from './validate';

export interface IngestRouteDeps {
  ingestKeys: IngestKeyRepo;
  ingestWriter: IngestWriter;
  /** Requests per API key, shared by every instance. */
  ingestLimits: WriteLimiter;
  clock: Clock;
  log: Log;
  /** How far an item's `ts` may run ahead of now (FLOORBOARD_MAX_TS_AHEAD_MINUTES, as the stream reader). */
  maxTsAheadMs?: number;
}

const keyOf = (res: Response) => res.locals.ingestKey as { id: string; name: string };

/** After an answer sent before the body was read, what the client still sends is dropped for this long at most... */
const LINGER_MS = 1000;
/** ...or up to this many bytes, then the connection is closed. */
const LINGER_BYTES = 16 * 1024 * 1024;

/**
 * Answers before the body is read. Like nginx's lingering close, what the client is still sending
 * is read and dropped for a moment (closing at once would reset the connection, and the client
 * could lose the answer), then the connection is closed: nothing is kept, and no client makes us
 * read 100 MB.
 */
function refuseUnread(req: Request, res: Response, status: number, error: string): void {
  sendError(res, status, error);
  if (req.complete) return;
  let dropped = 0;
  const close = () => req.socket.destroy();
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) close();
  });
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
}

/**
 * Reads the JSON body up to `limit` bytes: a declared Content-Length over it is refused unread, a
 * chunked body as soon as it passes it (413). Calls `done` with the parsed value, or answers 400.
 */
function readJson(req: Request, res: Response, limit: number, done: (body: unknown) => void): void {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) return refuseUnread(req, res, 413, tooLarge(limit));
  const chunks: Buffer[] = [];
  let bytes = 0;
  let refused = false;
  const onData = (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes <= limit) return void chunks.push(chunk);
    refused = true;
    chunks.length = 0;
    req.off('data', onData);
    refuseUnread(req, res, 413, tooLarge(limit));
  };
  req.on('data', onData);
  req.once('end', () => {
    if (refused) return;
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
    } catch {
      return sendError(res, 400, 'body: not valid JSON (UTF-8)');
    }
    done(body);
  });
}

const tooLarge = (limit: number) => `body: larger than ${limit} bytes (send fewer events per request)`;

/**
 * POST /api/ingest/events: a source (a CRM's dispositions) writes contract events with its own
 * API key. Checked in this order, each before the body is read: the key (header only; a session
 * cookie or a wallboard token is not a key), the key's rate, the content type and declared size.
 * Then every item is checked; one bad item refuses the batch (422), else the batch is appended in
 * one atomic, idempotent step.
 */
export function createIngestRoutes(deps: IngestRouteDeps): express.Router {
  const router = express.Router();
  const log = deps.log.child('ingest-http');

  const requireKey: RequestHandler = (req, res, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!bearer) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="ingest"');
      return refuseUnread(req, res, 401, 'an ingestion API key is required: Authorization: Bearer <key>');
    }
    deps.ingestKeys.verify(bearer[1]!, deps.clock()).then((key) => {
      if (!key) {
        log.warn('ingest key refused', { address: req.socket.remoteAddress });
        res.setHeader('WWW-Authenticate', 'Bearer realm="ingest", error="invalid_token"');
        return refuseUnread(req, res, 401, 'unknown or revoked API key');
      }
      res.locals.ingestKey = key;
      next();
    }, next);
  };

  const limitRate: RequestHandler = (req, res, next) => {
    deps.ingestLimits.take(keyOf(res).id).then((taken) => {
      if (taken.ok) return next();
      log.warn('ingest throttled', { source: keyOf(res).name });
      res.setHeader('Retry-After', String(Math.ceil(taken.retryAfterMs / 1000)));
      refuseUnread(req, res, 429, 'too many requests for this API key: wait and retry (a retry is safe)');
    }, next);
  };

  const requireJson: RequestHandler = (req, res, next) => {
    if (req.is('application/json')) return next();
    refuseUnread(req, res, 415, 'body: send a JSON array with Content-Type: application/json');
  };

  router.post(
    '/',
    requireKey,
    limitRate,
    requireJson,
    (req, res, next) => {
      readJson(req, res, INGEST_MAX_BODY_BYTES, (body) => {
        res.locals.body = body;
        next();
      });
    },
    async (_req, res) => {
      const items: unknown = res.locals.body;
      if (!Array.isArray(items)) return sendError(res, 400, 'body: must be a JSON array of events');
      if (items.length > INGEST_MAX_EVENTS)
        return sendError(res, 413, `body: ${items.length} events (at most ${INGEST_MAX_EVENTS} per request)`);
      const source = keyOf(res).name;
      const checked = checkBatch(items, deps.clock(), source, deps.maxTsAheadMs);
      if (!checked.ok) {
        const n = checked.errors.length;
        const error = `${n} of ${items.length} event${items.length === 1 ? '' : 's'} refused; nothing was written`;
        log.warn('ingest batch refused', { source, events: items.length, refused: n, first: checked.errors[0] });
        res.status(422).json({ error, errors: checked.errors } satisfies IngestRejection);
        return;
      }
      let result: IngestResponse;
      try {
        result = await deps.ingestWriter.write(checked.events);
      } catch (error) {
        log.error('ingest write failed', { source, events: items.length, error: String(error).slice(0, 300) });
        return sendError(res, 503, 'the event store is unavailable: retry later (a retry is safe)');
      }
      log.info('events ingested', { source, ...result });
      res.json(result);
    },
  );
  router.all('/', (_req, res) => {
    res.setHeader('Allow', 'POST');
    sendError(res, 405, 'use POST');
  });

  const onError: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    // What can fail here is Redis (the key's look-up, the rate count): nothing was written.
    log.error('ingest request failed', { error: String(error).slice(0, 300) });
    sendError(res, 503, 'the event store is unavailable: retry later (a retry is safe)');
  };
  router.use(onError);
  return router;
}
