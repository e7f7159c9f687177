import {
  rooms,
  type FloorSettings,
  type FloorSnapshot,
  type Health,
  type SessionEndReason,
} from '../../shared/contracts/socket';
import { scopeOf } from '../../shared/domain/access';
import type { Scope, Viewer } from '../../shared/domain/viewer';
import type { Alert, GoodNews } from '../../shared/domain/alertTypes';
import type { CoachingNote } from '../../shared/domain/coaching';
import type { Rank } from '../../shared/domain/rank';
import type { Clock } from '../../shared/time';
import type { Authenticate } from '../auth/authenticate';
import { originAllowed, tokenFromHeaders } from '../auth/requestToken';
import type { FloorService } from '../floor/floorService';
import type { Log } from '../log';
import { createScopeFeeds, feedRows, floorDeltaInterval } from './scopeFeeds';
import { createSnapshotSender } from './snapshotSender';
import { createSlicedBroadcast } from './slicedBroadcast';
import { createAlertOutbox } from './alertOutbox';
import type { FloorServer, FloorSocket } from './floorServer';
import type { ClientAddress } from '../http/clientAddress';
import { createSocketCounts } from './socketCaps';
import { createEgressStats, type EgressReport } from './egressStats';

/** Longest wait of an alert on a floor of a few dozen screens (batched per room). */
const ALERT_WINDOW_MS = 50;
const NEWS_WINDOW_MS = 1000;

export interface GatewayDeps {
  io: FloorServer;
  floor: FloorService;
  authenticate: Authenticate;
  allowedOrigins: readonly string[];
  settings: FloorSettings;
  health: () => Health;
  clock: Clock;
  log: Log;
  floorDeltaIntervalMs: number;
  clientAddress: ClientAddress;
  /** Open sockets on this instance per person's session, per wallboard token and per client address. */
  caps: { perSession: number; perWallboard: number; perAddress: number };
}

export interface Gateway {
  /** Call after every applied batch with the reps it changed. */
  publishChanges(changed: readonly string[], removed: readonly string[]): void;
  publishHealth(health: Health): void;
  noteAdded(note: CoachingNote): void;
  /** Team display names changed: every socket refetches them (small, rare: not on the floor delta). */
  teamNamesChanged(): void;
  /** The reason catalogue changed: every screen reads it again. */
  reasonsChanged(): void;
  noteAcked(note: CoachingNote): void;
  endSessions(keys: readonly string[], reason: SessionEndReason): void;
  alertRaised(alert: Alert): void;
  alertUpdated(alert: Alert): void;
  goodNews(news: GoodNews): void;
  /** Disconnects sockets that stopped reading (their unsent data passed the limit); returns how many. */
  dropSlowConsumers(maxBufferedBytes: number): number;
  /** Egress delay per feed kind since the last call, which starts a new window (for the bench). */
  takeEgress(): EgressReport;
  /** Sends changed ranks to the rep feeds that have sockets (called on a timer). */
  publishRanks(): Promise<void>;
  stop(): void;
}

/**
 * Socket edge: handshake auth, rooms by role, snapshots, deltas and relayed bus messages. It only
 * delivers: commands come over HTTP; the one client event asks for a fresh snapshot.
 */
export function createGateway(deps: GatewayDeps): Gateway {
  const { io, floor, clock } = deps;
  const broadcast = createSlicedBroadcast(io);
  const egress = createEgressStats();
  const feeds = createScopeFeeds({ io, floor, clock, floorIntervalMs: deps.floorDeltaIntervalMs, broadcast, egress });
  const sentRanks = new Map<string, Rank>();
  let publishingRanks = false;
  const expiryTimers = new Map<string, NodeJS.Timeout>();
  const perKey = createSocketCounts();
  const perAddress = createSocketCounts();
  const held = new Map<string, { key: string; address: string }>();

  io.use(async (socket, next) => {
    const headers = socket.handshake.headers;
    const own = { scheme: deps.clientAddress.scheme(socket.request), host: headers.host };
    if (!originAllowed(headers.origin, own, deps.allowedOrigins)) return next(new Error('origin not allowed'));
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' ? auth.token : tokenFromHeaders(headers);
    try {
      const found = await deps.authenticate(token);
      if (!found) return next(new Error('unauthorized'));
      // Checked and counted in one synchronous step: parallel handshakes cannot overrun a cap.
      const address = deps.clientAddress.of(socket.request);
      const keyCap = found.viewer.kind === 'kiosk' ? deps.caps.perWallboard : deps.caps.perSession;
      if (perKey.count(found.key) >= keyCap || perAddress.count(address) >= deps.caps.perAddress) {
        deps.log.warn('socket refused: too many open', {
          viewer: found.viewer.kind === 'user' ? found.viewer.username : `wallboard ${found.viewer.name}`,
          address,
        });
        return next(new Error('too many connections'));
      }
      perKey.add(found.key);
      perAddress.add(address);
      held.set(socket.id, { key: found.key, address });
      // A client gone during the handshake never fires 'disconnect': its connection's close releases.
      socket.conn.once('close', () => release(socket.id));
      socket.data.viewer = found.viewer;
      socket.data.sessionKey = found.key;
      if (found.expiresAt !== null) {
        const timer = setTimeout(() => endSocket(socket, 'expired'), Math.max(0, found.expiresAt - clock()));
        expiryTimers.set(socket.id, timer);
      }
      next();
    } catch (error) {
      deps.log.warn('socket authentication failed', { error: String(error) });
      next(new Error('authentication unavailable'));
    }
  });

  // Ranks sort the whole floor: during a reconnect storm they are computed once a second, not
  // once per socket.
  let rankBook = { ranks: floor.ranks(), at: clock() };
  function currentRanks(): ReadonlyMap<string, Rank> {
    if (clock() - rankBook.at >= 1000) rankBook = { ranks: floor.ranks(), at: clock() };
    return rankBook.ranks;
  }
  // The floor's view (5,000 sorted reps) is shared by every wallboard connecting at once.
  let floorView: { state: unknown; generation: number; view: ReturnType<FloorService['view']> } | null = null;
  function viewOf(scope: Scope) {
    const fresh = () => {
      const view = floor.view(scope);
      return { ...view, reps: feedRows(scope, view.reps) };
    };
    if (scope.kind !== 'floor') return fresh();
    if (floorView?.state !== floor.state() || floorView.generation !== floor.generation()) {
      floorView = { state: floor.state(), generation: floor.generation(), view: fresh() };
    }
    return floorView.view;
  }

  function snapshot(viewer: Viewer): FloorSnapshot {
    const scope = scopeOf(viewer);
    const view = viewOf(scope);
    feeds.snapshotTaken(scope, view.teams);
    return {
      ...view,
      scope,
      viewer,
      rank: scope.kind === 'rep' ? (currentRanks().get(scope.rep) ?? null) : null,
      settings: deps.settings,
      health: deps.health(),
      seq: feeds.seqOf(scope),
      cursor: floor.cursor(),
      serverNow: clock(),
    };
  }

  const sendSnapshot = createSnapshotSender(io, snapshot);

  function release(socketId: string): void {
    const entry = held.get(socketId);
    if (!entry) return;
    held.delete(socketId);
    perKey.remove(entry.key);
    perAddress.remove(entry.address);
  }

  function endSocket(socket: FloorSocket, reason: SessionEndReason): void {
    socket.emit('session:ended', reason);
    socket.disconnect(true);
  }

  io.on('connection', (socket) => {
    // The upgrade request (headers, parser, buffers) is kept by Engine.IO for the socket's life;
    // the handshake already holds what we need, so 5,000 sockets need not keep 5,000 requests.
    (socket.conn as unknown as { request: unknown }).request = null;
    const viewer = socket.data.viewer;
    const scope = scopeOf(viewer);
    void socket.join(rooms.session(socket.data.sessionKey));
    if (viewer.kind === 'user' && viewer.role === 'supervisor') void socket.join(rooms.allNotes());
    sendSnapshot(socket);
    if (scope.kind === 'rep') {
      const rank = currentRanks().get(scope.rep);
      if (rank) sentRanks.set(scope.rep, rank);
    }

    // A snapshot is the most expensive thing a client can ask for: one a second at most.
    let lastResyncAt = 0;
    socket.on('floor:resync', () => {
      if (clock() - lastResyncAt < 1000) return;
      lastResyncAt = clock();
      sendSnapshot(socket);
    });
    socket.on('disconnect', () => {
      release(socket.id);
      clearTimeout(expiryTimers.get(socket.id));
      expiryTimers.delete(socket.id);
    });
  });

  function noteRooms(note: CoachingNote): string[] {
    return [rooms.rep(note.rep), rooms.allNotes(), ...(note.team ? [rooms.team(note.team)] : [])];
  }

  // Supervisors and wallboards (floor room) and the team's lead; reps never get alerts.
  const alertRooms = (x: { team: string | null }) => [rooms.floor(), ...(x.team ? [rooms.team(x.team)] : [])];
  const floorWindow = (minMs: number) =>
    floorDeltaInterval(io.sockets.adapter.rooms.get(rooms.floor())?.size ?? 0, minMs);
  const alertOutbox = createAlertOutbox({
    broadcast,
    roomsOf: alertRooms,
    windowMs: () => floorWindow(ALERT_WINDOW_MS),
  });
  // A celebration lasts seconds on the wall: a second's sales in one message is soon enough.
  const newsOutbox = createAlertOutbox({ broadcast, roomsOf: alertRooms, windowMs: () => floorWindow(NEWS_WINDOW_MS) });

  return {
    alertRaised: (alert) => alertOutbox.raised(alert),
    alertUpdated: (alert) => alertOutbox.updated(alert),
    goodNews: (news) => newsOutbox.news(news),
    publishChanges: (changed, removed) => feeds.changed(changed, removed),
    takeEgress() {
      const report = egress.report();
      egress.reset();
      return report;
    },
    // The heartbeat goes to every socket: thousands of them, a slice per loop turn.
    publishHealth: (health) => broadcast(null, (to) => to.emit('health:changed', { ...health, serverNow: clock() })),
    noteAdded: (note) => io.to(noteRooms(note)).emit('note:added', note),
    teamNamesChanged: () => broadcast(null, (to) => to.emit('teams:changed')),
    reasonsChanged: () => broadcast(null, (to) => to.emit('reasons:changed')),
    noteAcked: (note) => io.to(noteRooms(note)).emit('note:acked', note),
    endSessions(keys, reason) {
      for (const key of keys) {
        for (const socket of io.sockets.adapter.rooms.get(rooms.session(key)) ?? []) {
          const s = io.sockets.sockets.get(socket);
          if (s) endSocket(s, reason);
        }
      }
    },
    dropSlowConsumers(maxBufferedBytes) {
      let dropped = 0;
      for (const socket of io.sockets.sockets.values()) {
        // engine.io keeps packets in writeBuffer while the transport is busy; ws counts bytes the
        // kernel would not take. Either growing means the client is not reading.
        const conn = socket.conn as unknown as {
          writeBuffer?: unknown[];
          transport?: { socket?: { bufferedAmount?: number } };
        };
        const bytes = conn.transport?.socket?.bufferedAmount ?? 0;
        if (bytes > maxBufferedBytes || (conn.writeBuffer?.length ?? 0) > 2000) {
          socket.disconnect(true);
          dropped++;
        }
      }
      if (dropped > 0) deps.log.warn('dropped sockets that stopped reading', { dropped });
      return dropped;
    },
    async publishRanks() {
      if (publishingRanks) return;
      publishingRanks = true;
      try {
        const ranks = currentRanks();
        let sent = 0;
        for (const [rep, rank] of ranks) {
          if (!io.sockets.adapter.rooms.has(rooms.rep(rep))) continue;
          const last = sentRanks.get(rep);
          if (last && last.floor === rank.floor && last.team === rank.team && last.floorSize === rank.floorSize)
            continue;
          sentRanks.set(rep, rank);
          io.to(rooms.rep(rep)).emit('rank:changed', rank);
          // On a busy floor nearly every rank moves: at most 1,000 a second (100 every 100 ms), not
          // one burst that holds up everyone's deltas. Up to 2,000 rep pages still hear theirs every
          // 2 s; 5,000 every 5 s (a third of all socket writes at 2,000 events/s were ranks).
          if (++sent % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        publishingRanks = false;
      }
    },
    stop() {
      feeds.stop();
      alertOutbox.stop();
      newsOutbox.stop();
      for (const timer of expiryTimers.values()) clearTimeout(timer);
    },
  };
}
