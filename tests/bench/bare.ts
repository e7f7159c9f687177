/**
 * Child process: the bare pipeline the benchmark compares the server with (issue #13). The same
 * stream and the same subscribers, nothing else: XREAD BLOCK → a minimal per-rep fold (the eight
 * figures the subscribers check) → one `floor:delta` per room per read batch, in the server's
 * patch format so that the same clients read it. No auth, alerts, ranks, trends, checkpoints,
 * slicing or coalescing. Sockets name their scope in the handshake (`auth.bare`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { ALL_FIELDS, BOARD_OMITS, encodeRep, fieldBit } from '../../shared/contracts/floorPatch';
import { rooms } from '../../shared/contracts/socket';
import { emptyTotals, type RepView } from '../../shared/domain/floorView';
import { parseCallEvent } from '../../shared/events/parseCallEvent';
import { createProcessMetrics } from '../../server/processMetrics';
import type { ClientSpec } from './common';

const { redisUrl, stream } = JSON.parse(process.env.BENCH_BARE ?? '{}') as { redisUrl: string; stream: string };
const EFFECTIVE_MS = 60_000;
const WHOLE = ALL_FIELDS & ~BOARD_OMITS;
const TRACKED = ['team', 'status', 'statusSince', 'dials', 'connects', 'effectiveCalls', 'leads', 'deals', 'revenue'];
const TRACKED_MASK = TRACKED.reduce((m, f) => m | fieldBit(f as never), 0);

interface Rep {
  view: RepView;
  answeredAt: number | null;
  /** Sent whole to every room it belongs to. */
  known: boolean;
}
const reps = new Map<string, Rep>();

function repOf(id: string): Rep {
  let rep = reps.get(id);
  if (!rep) {
    const view: RepView = {
      ...{ id, name: id, team: null, status: 'offline', pauseReason: null, statusSince: 0, currentCall: null },
      ...{ callAnsweredAt: null, dials: 0, connects: 0, effectiveCalls: 0, talkSeconds: 0, wrapupSeconds: 0 },
      ...{ pauseSeconds: 0, loggedInSeconds: 0, leads: 0, deals: 0, revenue: 0, refusals: [], callbacks: [] },
      ...{
        callbackCount: 0,
        missingDetails: 0,
        handoffsWon: 0,
        handoffRevenue: 0,
        targets: emptyTotals().targets,
        version: 0,
      },
    };
    reps.set(id, (rep = { view, answeredAt: null, known: false }));
  }
  return rep;
}

/** Applies one entry; returns the rep it changed and the rooms it left (a team move), or null. */
function fold(id: string, fields: string[]): { rep: Rep; left: string | null } | null {
  const parsed = parseCallEvent(id, fields);
  if (!parsed.ok) return null;
  const e = parsed.event;
  const rep = repOf(e.rep);
  const v = { ...rep.view, version: rep.view.version + 1 };
  let left: string | null = null;
  const status = (s: RepView['status']): void => {
    v.status = s;
    v.statusSince = e.at;
  };
  if (e.type === 'rep.login') {
    if (e.team !== undefined && e.team !== v.team) [left, v.team] = [v.team, e.team ?? null];
    status('available');
  } else if (e.type === 'rep.logout') status('offline');
  else if (e.type === 'rep.pause') status('paused');
  else if (e.type === 'rep.ready') status('available');
  else if (e.type === 'call.dial') {
    v.dials++;
    status('dialing');
  } else if (e.type === 'call.answer') {
    rep.answeredAt = e.at;
    v.connects++;
    status('on_call');
  } else if (e.type === 'call.hangup') {
    if (rep.answeredAt !== null && e.at - rep.answeredAt >= EFFECTIVE_MS) v.effectiveCalls++;
    rep.answeredAt = null;
    status('wrapup');
  } else if (e.type === 'call.outcome') {
    if (e.outcome === 'lead') v.leads++;
    if (e.outcome === 'sale') {
      v.deals++;
      v.revenue += e.amount ?? 0;
    }
  }
  rep.view = v;
  return { rep, left };
}

const http = createServer();
const io = new Server(http, { transports: ['websocket'], serveClient: false });
const seqs = new Map<string, number>();
const roomOf = (spec: ClientSpec) =>
  spec.role === 'wallboard' ? rooms.floor() : spec.role === 'console' ? rooms.team(spec.team!) : rooms.rep(spec.rep!);
const inRoom = (room: string, v: RepView) =>
  room === rooms.floor() || room === rooms.team(v.team ?? '') || room === rooms.rep(v.id);

io.on('connection', (socket) => {
  const spec = (socket.handshake.auth as { bare?: ClientSpec }).bare;
  if (!spec) return void socket.disconnect(true);
  const room = roomOf(spec);
  // A rep page's snapshot is one lookup, not a filter of the floor: the baseline's storm is not
  // slowed by 5,000 scans of 5,000 reps.
  const viewsOf = (): RepView[] => {
    if (spec.role !== 'rep') return [...reps.values()].map((r) => r.view).filter((v) => inRoom(room, v));
    const own = reps.get(spec.rep!)?.view;
    return own ? [own] : [];
  };
  const snapshot = () => ({ seq: seqs.get(room) ?? 0, reps: viewsOf() });
  void socket.join(room);
  socket.emit('floor:snapshot', snapshot() as never);
  socket.on('floor:resync', () => socket.emit('floor:snapshot', snapshot() as never));
});

async function readLoop(redis: Redis): Promise<void> {
  let last = '0';
  for (;;) {
    const reply = (await redis.xread('COUNT', 1000, 'BLOCK', 50, 'STREAMS', stream, last)) as
      [string, [string, string[]][]][] | null;
    const entries = reply?.[0]?.[1] ?? [];
    if (entries.length === 0) continue;
    last = entries.at(-1)![0];
    const changed = new Map<string, { rep: Rep; left: string | null }>();
    for (const [id, fields] of entries) {
      const hit = fold(id, fields);
      if (hit)
        changed.set(hit.rep.view.id, { rep: hit.rep, left: hit.left ?? changed.get(hit.rep.view.id)?.left ?? null });
    }
    const serverNow = Date.now();
    const byRoom = new Map<string, { reps: unknown[]; removed: string[] }>();
    const add = (room: string) => byRoom.get(room) ?? byRoom.set(room, { reps: [], removed: [] }).get(room)!;
    for (const { rep, left } of changed.values()) {
      const moved = left !== null;
      const patch = encodeRep(rep.view, rep.known ? TRACKED_MASK : WHOLE, serverNow);
      add(rooms.floor()).reps.push(patch);
      add(rooms.rep(rep.view.id)).reps.push(patch);
      if (rep.view.team)
        add(rooms.team(rep.view.team)).reps.push(moved ? encodeRep(rep.view, WHOLE, serverNow) : patch);
      if (moved && left) add(rooms.team(left)).removed.push(rep.view.id);
      rep.known = true;
    }
    for (const [room, body] of byRoom) {
      if (!io.sockets.adapter.rooms.has(room)) continue;
      const seq = (seqs.get(room) ?? 0) + 1;
      seqs.set(room, seq);
      io.to(room).emit('floor:delta', { seq, cursor: last, serverNow, day: null, teams: [], ...body } as never);
    }
  }
}

const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
http.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'listening', port: (http.address() as AddressInfo).port });
  void readLoop(redis);
});
// The same event-loop figure as our /healthz (the window since the previous read), over IPC: the
// baseline for the event-loop goals, at the same load and in the same storm.
const metrics = createProcessMetrics();
process.on('message', (m: { type?: string }) => {
  if (m?.type === 'eventLoop') process.send?.({ type: 'eventLoop', p99Ms: metrics.read().eventLoopDelayP99Ms });
});
process.on('disconnect', () => process.exit(0));
