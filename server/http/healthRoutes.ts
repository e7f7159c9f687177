import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request } from 'express';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { HealthResponse } from '../../shared/contracts/http';
import { isSupervisor } from '../../shared/domain/access';
import type { Health } from '../../shared/contracts/socket';
import type { StreamId } from '../../shared/streamId';
import type { Clock } from '../../shared/time';
import type { Authenticate } from '../auth/authenticate';
import { tokenFromHeaders } from '../auth/requestToken';

export interface HealthRouteDeps {
  health: () => Promise<Health>;
  processMetrics: () => HealthResponse['process'];
  socketCount: () => number;
  cursor: () => StreamId | null;
  clock: Clock;
  authenticate: Authenticate;
  /** FLOORBOARD_METRICS_TOKEN: lets a scraper read the figures without a person's session. */
  metricsToken: string | null;
}

/** What anyone may read: enough for a load balancer, nothing about the floor or the process. */
export type PublicHealth = Pick<HealthResponse, 'status'>;

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /healthz: status for load balancers (200 ok/degraded, 503 without Redis); the whole
 * report (lag, cursor, dead letters, process figures, sockets) only for a supervisor or the
 * metrics token. GET /metrics: the same figures and Node's own in Prometheus text format.
 */
export function createHealthRoutes(deps: HealthRouteDeps): express.Router {
  const router = express.Router();
  const metricsDigest = deps.metricsToken ? digest(deps.metricsToken) : null;

  async function mayReadFigures(req: Request): Promise<boolean> {
    const token = tokenFromHeaders(req.headers);
    if (!token) return false;
    if (metricsDigest && timingSafeEqual(digest(token), metricsDigest)) return true;
    const found = await deps.authenticate(token);
    return found !== null && isSupervisor(found.viewer);
  }

  router.get('/healthz', async (req, res) => {
    const health = await deps.health();
    const status: PublicHealth['status'] = health.redis === 'up' && !health.stale ? 'ok' : 'degraded';
    res.status(health.redis === 'up' ? 200 : 503);
    res.setHeader('Cache-Control', 'no-store');
    if (!(await mayReadFigures(req).catch(() => false))) return res.json({ status } satisfies PublicHealth);
    const body: HealthResponse = {
      ...health,
      status,
      cursor: deps.cursor(),
      serverNow: deps.clock(),
      process: deps.processMetrics(),
      sockets: deps.socketCount(),
    };
    res.json(body);
  });

  const registry = createRegistry(deps);
  router.get('/metrics', async (req, res) => {
    if (!(await mayReadFigures(req))) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      res.status(401).json({ error: 'metrics need the metrics token or a supervisor session' });
      return;
    }
    res.setHeader('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  });
  return router;
}

function createRegistry(deps: HealthRouteDeps): Registry {
  // One registry per app (tests run several in one process), with Node's default figures.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const gauge = (name: string, help: string, read: (health: Health) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(read(await deps.health()));
      },
    });
  gauge('floorboard_redis_up', '1 when Redis answers', (h) => (h.redis === 'up' ? 1 : 0));
  gauge('floorboard_ingest_stale', '1 when no stream read completed recently', (h) => (h.stale ? 1 : 0));
  gauge('floorboard_ingest_lag_ms', 'source time of the newest event to when it was applied', (h) => h.lagMs ?? 0);
  gauge('floorboard_dead_letters', 'entries in the dead-letter stream', (h) => h.deadLetters);
  new Gauge({
    name: 'floorboard_sockets',
    help: 'sockets connected to this instance',
    registers: [registry],
    collect() {
      this.set(deps.socketCount());
    },
  });
  return registry;
}
