/**
 * Headless wallboards that keep their state the way the app does: snapshot, then deltas by seq,
 * a resync on a gap (asked again every 1.1 s until a snapshot comes). Socket.IO's default
 * reconnection settings, as the app's createSocket() uses. Each client keeps a signature per rep,
 * so that "holds the correct snapshot" is a cheap comparison with the reference.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  FloorDelta,
  FloorSnapshot,
  ServerToClientEvents,
} from '../../../shared/contracts/socket';
import { streamIdTime } from '../../../shared/streamId';
import { figuresOf, signature } from './reference';
import { applyRepPatch } from '../../../shared/contracts/floorPatch';
import type { RepView } from '../../../shared/domain/floorView';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Viewer {
  socket: ClientSocket;
  seq: number;
  awaiting: boolean;
  retry?: NodeJS.Timeout;
  reps: Map<string, string>;
  /** The rows as held, to apply patches to. */
  views: Map<string, RepView>;
  hadSnapshot: boolean;
  lastSnapshotAt: number;
  staleSeen: boolean;
  freshAfterStale: boolean;
}

export interface ConvergeResult {
  /** ms from `since` until every client held the expected state, or null on timeout. */
  ms: number | null;
  matched: number;
  total: number;
  example?: string;
}

export interface ViewerPool {
  connect(count: number, concurrency?: number): Promise<{ connected: number; failed: number; firstError?: string }>;
  size(): number;
  check(expected: Record<string, string>): { matched: number; total: number; example?: string };
  waitConverged(expected: Record<string, string>, timeoutMs: number, since?: number): Promise<ConvergeResult>;
  /** Clients that heard health:changed with stale true (and later stale false) since the last reset. */
  staleSeen(): { stale: number; freshAgain: number; total: number };
  resetHealth(): void;
  /** Delays (receipt − the time of the delta's last stream entry), since the last call. */
  takeDelays(): number[];
  /** ms after `since` of each client's latest snapshot (clients without one after `since` are left out). */
  snapshotsSince(since: number): number[];
  /** Every socket drops its connection and reconnects at once. */
  storm(): void;
  close(): void;
}

/** Socket.IO reconnection settings; the app's defaults (1 s doubling to 5 s, ±50 %) when omitted. */
export interface Reconnection {
  reconnectionDelay?: number;
  reconnectionDelayMax?: number;
}

export function createViewerPool(url: string, token: string, reconnection: Reconnection = {}): ViewerPool {
  const viewers: Viewer[] = [];
  let delays: number[] = [];

  function resync(v: Viewer): void {
    if (v.awaiting) return;
    v.awaiting = true;
    const ask = () => {
      if (!v.awaiting) return;
      v.socket.emit('floor:resync');
      v.retry = setTimeout(ask, 1100);
    };
    ask();
  }

  function onSnapshot(v: Viewer, snap: FloorSnapshot): void {
    clearTimeout(v.retry);
    v.awaiting = false;
    v.hadSnapshot = true;
    v.lastSnapshotAt = Date.now();
    v.seq = snap.seq;
    v.reps = new Map(snap.reps.map((r) => [r.id, signature(figuresOf(r))]));
    v.views = new Map(snap.reps.map((r) => [r.id, r]));
  }

  function onDelta(v: Viewer, d: FloorDelta): void {
    if (v.awaiting || d.seq <= v.seq) return;
    if (d.seq !== v.seq + 1) return resync(v);
    const rows: RepView[] = [];
    for (const patch of d.reps) {
      const row = applyRepPatch(v.views.get(patch[0]), patch, d.serverNow);
      if (!row) return resync(v);
      rows.push(row);
    }
    v.seq = d.seq;
    if (d.cursor && delays.length < 200_000) delays.push(Date.now() - streamIdTime(d.cursor));
    for (const r of rows) {
      v.views.set(r.id, r);
      v.reps.set(r.id, signature(figuresOf(r)));
    }
    for (const id of d.removed) {
      v.reps.delete(id);
      v.views.delete(id);
    }
  }

  function open(): Promise<string | null> {
    const socket: ClientSocket = io(url, {
      transports: ['websocket'],
      auth: { token },
      forceNew: true,
      ...reconnection,
    });
    const v: Viewer = {
      socket,
      seq: 0,
      awaiting: false,
      reps: new Map(),
      views: new Map(),
      hadSnapshot: false,
      lastSnapshotAt: 0,
      staleSeen: false,
      freshAfterStale: false,
    };
    viewers.push(v);
    socket.on('floor:delta', (d) => onDelta(v, d));
    socket.on('health:changed', (h) => {
      if (h.stale) v.staleSeen = true;
      else if (v.staleSeen) v.freshAfterStale = true;
    });
    socket.on('floor:snapshot', (s) => {
      if (s.health.stale) v.staleSeen = true;
      onSnapshot(v, s);
    });
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('no snapshot within 30 s'), 30_000);
      socket.once('connect_error', (err) => {
        clearTimeout(timer);
        resolve(err.message);
      });
      socket.once('floor:snapshot', () => {
        clearTimeout(timer);
        resolve(null);
      });
    });
  }

  function check(expected: Record<string, string>) {
    const ids = Object.keys(expected);
    let matched = 0;
    let example: string | undefined;
    for (const [i, v] of viewers.entries()) {
      let ok = v.hadSnapshot && !v.awaiting && v.reps.size === ids.length;
      if (ok) {
        for (const id of ids) {
          if (v.reps.get(id) !== expected[id]) {
            ok = false;
            example ??= `client ${i}: ${id} ${v.reps.get(id) ?? 'missing'} ≠ ${expected[id]}`;
            break;
          }
        }
      } else
        example ??= `client ${i}: ${v.socket.connected ? 'connected' : 'disconnected'}, ${v.hadSnapshot ? `${v.reps.size} reps` : 'no snapshot'}${v.awaiting ? ', awaiting resync' : ''}`;
      if (ok) matched++;
    }
    return { matched, total: viewers.length, ...(example && matched < viewers.length ? { example } : {}) };
  }

  return {
    async connect(count, concurrency = 100) {
      let failed = 0;
      let firstError: string | undefined;
      for (let i = 0; i < count; i += concurrency) {
        const errors = await Promise.all(Array.from({ length: Math.min(concurrency, count - i) }, open));
        for (const e of errors) if (e) [failed, firstError] = [failed + 1, firstError ?? e];
      }
      return { connected: count - failed, failed, ...(firstError ? { firstError } : {}) };
    },
    size: () => viewers.length,
    check,
    async waitConverged(expected, timeoutMs, since = Date.now()) {
      for (;;) {
        const c = check(expected);
        if (c.matched === c.total) return { ms: Date.now() - since, ...c };
        if (Date.now() - since > timeoutMs) return { ms: null, ...c };
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    staleSeen: () => ({
      stale: viewers.filter((v) => v.staleSeen).length,
      freshAgain: viewers.filter((v) => v.freshAfterStale).length,
      total: viewers.length,
    }),
    snapshotsSince: (since) =>
      viewers
        .filter((v) => v.lastSnapshotAt >= since)
        .map((v) => v.lastSnapshotAt - since)
        .sort((a, b) => a - b),
    resetHealth() {
      for (const v of viewers) [v.staleSeen, v.freshAfterStale] = [false, false];
    },
    takeDelays() {
      const out = delays;
      delays = [];
      return out;
    },
    storm() {
      for (const v of viewers) {
        v.socket.disconnect();
        v.socket.connect();
      }
    },
    close() {
      for (const v of viewers) {
        clearTimeout(v.retry);
        v.socket.close();
      }
    },
  };
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
