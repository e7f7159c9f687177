import type { FloorDelta, FloorSnapshot, Health, SessionEndReason } from '../../shared/contracts/socket';
import type { Alert, GoodNews } from '../../shared/domain/alertTypes';
import type { CoachingNote } from '../../shared/domain/coaching';
import type { Rank } from '../../shared/domain/rank';
import type { EpochMs } from '../../shared/time';
import { useAlertsStore } from '../stores/alerts';
import { useConnectionStore } from '../stores/connection';
import { useFloorStore } from '../stores/floor';
import { useNotesStore } from '../stores/notes';
import { useSessionStore } from '../stores/session';
import { useTeamsStore } from '../stores/teams';
import { useReasonsStore } from '../stores/reasons';
import type { RealtimeSocket } from './socket';

/** The message the server's handshake middleware rejects an unknown screen with. */
export const UNAUTHORIZED = 'unauthorized';

/** Wait before reconnecting after the server itself closed the socket (it may be restarting). */
export const SERVER_DISCONNECT_RETRY_MS = 2000;

/** A hidden page gets no animation frames: deltas are applied after this long at the latest. */
export const HIDDEN_PAGE_APPLY_MS = 250;

/**
 * Rep rows applied in one frame at most (a coalesced delta of a 1,000-rep floor has ~50): after
 * a stall (a busy machine, a long garbage collection) the deltas that queued up are applied over
 * the next frames, one frame's worth each, instead of all re-rendered in one long frame. Each
 * delta is applied whole and in sequence; at least one per frame.
 */
export const FRAME_ROW_BUDGET = 60;
/** More deltas than this waiting (a page that cannot keep up, or a hidden one): all are applied at once. */
export const MAX_QUEUED_DELTAS = 10;

/** Runs `apply` once, just before the next frame is drawn (or after HIDDEN_PAGE_APPLY_MS if no frame comes). */
export function beforeNextFrame(apply: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(apply, 0);
    return;
  }
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    apply();
  };
  const frame = requestAnimationFrame(run);
  const fallback = setTimeout(run, HIDDEN_PAGE_APPLY_MS);
}

export interface BindOptions {
  /**
   * When queued deltas are applied. Default: before the next animation frame, so the deltas
   * that arrive within one frame are applied together and the wall renders once for them.
   */
  nextFrame?: (apply: () => void) => void;
}

/**
 * Maps socket events to store actions: the only place in the client that listens to the socket.
 * Uses the active Pinia. Returns a function that removes every listener it added.
 */
export function bindRealtime(socket: RealtimeSocket, options: BindOptions = {}): () => void {
  const nextFrame = options.nextFrame ?? beforeNextFrame;
  const floor = useFloorStore();
  const connection = useConnectionStore();
  const session = useSessionStore();
  const notes = useNotesStore();
  const alerts = useAlertsStore();
  const teams = useTeamsStore();
  const reasons = useReasonsStore();
  // One resync request per gap: more deltas keep arriving before the snapshot answers it.
  let resyncRequested = false;

  // Set by session:ended: the server closes the socket next, and must not be called back.
  let sessionEnded = false;

  const onConnect = (): void => {
    sessionEnded = false;
    connection.markConnected();
    // Names may have changed while the link was down (only a signed-in screen may read them).
    if (session.viewer) {
      void teams.load();
      void reasons.load();
    }
  };
  const onTeamsChanged = (): void => void teams.load();
  const onReasonsChanged = (): void => void reasons.load();

  let retry: ReturnType<typeof setTimeout> | undefined;

  const onDisconnect = (reason: string): void => {
    connection.markDisconnected();
    // socket.io retries by itself after a lost transport, but not after the server's own
    // disconnect; a wall screen must heal without anyone touching it.
    if (reason === 'io server disconnect' && !connection.unauthorized && !sessionEnded) {
      clearTimeout(retry);
      // Only while someone is still signed in: a sign-out in the meantime cancels it.
      retry = setTimeout(() => {
        if (session.viewer) socket.connect();
      }, SERVER_DISCONNECT_RETRY_MS);
    }
  };

  const onConnectError = (err: Error): void => {
    if (err.message !== UNAUTHORIZED) return;
    connection.markUnauthorized();
    // Retrying cannot help until someone signs in again or opens the wallboard link on this screen.
    socket.disconnect();
    session.end('expired');
  };

  const onSessionEnded = (reason: SessionEndReason): void => {
    sessionEnded = true;
    clearTimeout(retry);
    session.end(reason);
  };

  const onRank = (rank: Rank): void => floor.applyRank(rank);
  const onNoteAdded = (note: CoachingNote): void => notes.onAdded(note);
  const onNoteAcked = (note: CoachingNote): void => notes.onAcked(note);

  const onAlertRaised = (list: Alert[]): void => list.forEach((alert) => alerts.onRaised(alert));
  const onAlertUpdated = (list: Alert[]): void => list.forEach((alert) => alerts.onUpdated(alert));
  const onGoodNews = (batch: GoodNews[]): void => batch.forEach((news) => alerts.onGoodNews(news));

  /** Deltas received and not applied yet, in arrival (sequence) order. */
  let pending: FloorDelta[] = [];
  let applyScheduled = false;
  let bound = true;

  const applyOne = (delta: FloorDelta): void => {
    if (floor.applyDelta(delta) !== 'gap' || resyncRequested) return;
    resyncRequested = true;
    socket.emit('floor:resync');
  };

  /** Applies every queued delta in order. */
  const applyAll = (): void => {
    const batch = pending;
    pending = [];
    for (const delta of batch) applyOne(delta);
  };

  const schedule = (): void => {
    if (applyScheduled) return;
    applyScheduled = true;
    nextFrame(applyFrame);
  };

  /** A frame's worth of the queued deltas, in order (see FRAME_ROW_BUDGET); the rest next frame. */
  const applyFrame = (): void => {
    applyScheduled = false;
    if (!bound) return;
    if (pending.length > MAX_QUEUED_DELTAS) {
      applyAll();
      return;
    }
    let count = 0;
    let rows = 0;
    while (count < pending.length && (count === 0 || rows + pending[count]!.reps.length <= FRAME_ROW_BUDGET))
      rows += pending[count++]!.reps.length;
    for (const delta of pending.splice(0, count)) applyOne(delta);
    if (pending.length > 0) schedule();
  };

  const onSnapshot = (snapshot: FloorSnapshot): void => {
    // Deltas that arrived before this snapshot come first, as if applied on arrival.
    applyAll();
    connection.observeServerNow(snapshot.serverNow);
    connection.applyHealth(snapshot.health);
    floor.applySnapshot(snapshot);
    resyncRequested = false;
    // Alert events missed while disconnected are not replayed: ask for today's list afresh.
    // Reps are not shown alerts (the server refuses them).
    if (snapshot.scope.kind !== 'rep') void alerts.load();
  };

  // Deltas are applied once per animation frame: several arriving within a frame render once.
  const onDelta = (delta: FloorDelta): void => {
    connection.observeServerNow(delta.serverNow);
    pending.push(delta);
    schedule();
  };

  const onHealth = ({ serverNow, ...health }: Health & { serverNow: EpochMs }): void => {
    connection.observeServerNow(serverNow);
    connection.applyHealth(health);
  };

  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onConnectError);
  socket.on('floor:snapshot', onSnapshot);
  socket.on('floor:delta', onDelta);
  socket.on('health:changed', onHealth);
  socket.on('rank:changed', onRank);
  socket.on('note:added', onNoteAdded);
  socket.on('note:acked', onNoteAcked);
  socket.on('alert:raised', onAlertRaised);
  socket.on('alert:updated', onAlertUpdated);
  socket.on('news:posted', onGoodNews);
  socket.on('session:ended', onSessionEnded);
  socket.on('teams:changed', onTeamsChanged);
  socket.on('reasons:changed', onReasonsChanged);

  return () => {
    bound = false;
    pending = [];
    clearTimeout(retry);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
    socket.off('connect_error', onConnectError);
    socket.off('floor:snapshot', onSnapshot);
    socket.off('floor:delta', onDelta);
    socket.off('health:changed', onHealth);
    socket.off('rank:changed', onRank);
    socket.off('note:added', onNoteAdded);
    socket.off('note:acked', onNoteAcked);
    socket.off('alert:raised', onAlertRaised);
    socket.off('alert:updated', onAlertUpdated);
    socket.off('news:posted', onGoodNews);
    socket.off('session:ended', onSessionEnded);
    socket.off('teams:changed', onTeamsChanged);
    socket.off('reasons:changed', onReasonsChanged);
  };
}
