import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
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
}

const keyOf = (res: Response) => res.locals.ingestKey as { id: string; name: string };

/**
 * Refused before the body is read: the connection closes after the answer, so a client still
 * sending a large body is cut off instead of being read to the end.
 */
function refuseEarly(res: Response, status: number, error: string): void {
  res.setHeader('Connection', 'close');
  sendError(res, status, error);
}

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
      return refuseEarly(res, 401, 'an ingestion API key is required: Authorization: Bearer <key>');
    }
    deps.ingestKeys.verify(bearer[1]!, deps.clock()).then((key) => {
      if (!key) {
        log.warn('ingest key refused', { address: req.socket.remoteAddress });
        res.setHeader('WWW-Authenticate', 'Bearer realm="ingest", error="invalid_token"');
        return refuseEarly(res, 401, 'unknown or revoked API key');
      }
      res.locals.ingestKey = key;
      next();
    }, next);
  };

  const limitRate: RequestHandler = (_req, res, next) => {
    deps.ingestLimits.take(keyOf(res).id).then((taken) => {
      if (taken.ok) return next();
      log.warn('ingest throttled', { source: keyOf(res).name });
      res.setHeader('Retry-After', String(Math.ceil(taken.retryAfterMs / 1000)));
      refuseEarly(res, 429, 'too many requests for this API key: wait and retry (a retry is safe)');
    }, next);
  };

  const requireJson: RequestHandler = (req, res, next) => {
    if (req.is('application/json')) return next();
    refuseEarly(res, 415, 'body: send a JSON array with Content-Type: application/json');
  };

  router.post(
    '/',
    requireKey,
    limitRate,
    requireJson,
    // A declared Content-Length over the limit is refused unread; a chunked body as soon as it passes it.
    express.json({ limit: INGEST_MAX_BODY_BYTES }),
    async (req, res) => {
      const items: unknown = req.body;
      if (!Array.isArray(items)) return sendError(res, 400, 'body: must be a JSON array of events');
      if (items.length > INGEST_MAX_EVENTS)
        return sendError(res, 413, `body: ${items.length} events (at most ${INGEST_MAX_EVENTS} per request)`);
      const source = keyOf(res).name;
      const checked = checkBatch(items, deps.clock(), source);
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

  const onError: ErrorRequestHandler = (
    error: { type?: string; status?: number; message?: string },
    _req,
    res,
    next,
  ) => {
    if (res.headersSent) return next(error);
    if (error.type === 'entity.too.large')
      return refuseEarly(res, 413, `body: larger than ${INGEST_MAX_BODY_BYTES} bytes (send fewer events per request)`);
    if (error.type === 'entity.parse.failed') return sendError(res, 400, 'body: not valid JSON');
    if (error.status && error.status >= 400 && error.status < 500)
      return refuseEarly(res, error.status, error.message ?? 'bad request');
    log.error('ingest request failed', { error: String(error.message ?? error).slice(0, 300) });
    sendError(res, 500, 'internal error');
  };
  router.use(onError);
  return router;
}
