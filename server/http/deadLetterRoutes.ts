import express from 'express';
import type { Redis } from 'ioredis';
import type { DeadLettersResponse } from '../../shared/contracts/http';
import { isSupervisor } from '../../shared/domain/access';
import { streamIdTime } from '../../shared/streamId';
import { viewerOf } from './requireViewer';
import { sendError } from './validate';

/** The newest dead letters (malformed stream entries), for a supervisor's health view. */
export function createDeadLetterRoutes(deps: { redis: Redis; deadLetterStream: string }): express.Router {
  const router = express.Router();
  router.get('/dead-letters', async (req, res) => {
    if (!isSupervisor(viewerOf(res))) return sendError(res, 403, 'only a supervisor sees dead letters');
    const limit = Math.min(200, Math.max(1, Number(req.query.limit ?? 50) || 50));
    const [entries, total] = await Promise.all([
      deps.redis.xrevrange(deps.deadLetterStream, '+', '-', 'COUNT', limit),
      deps.redis.xlen(deps.deadLetterStream),
    ]);
    const body: DeadLettersResponse = {
      total,
      entries: entries.map(([id, fields]) => {
        const get = (name: string) => {
          const at = fields.indexOf(name);
          return at >= 0 && at % 2 === 0 ? (fields[at + 1] ?? '') : '';
        };
        let original: string[] = [];
        try {
          original = JSON.parse(get('fields')) as string[];
        } catch {
          // a damaged record still shows its reason
        }
        return { id, at: streamIdTime(id), source: get('source'), reason: get('reason'), fields: original };
      }),
    };
    res.json(body);
  });
  return router;
}
