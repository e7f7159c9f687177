import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  HIDDEN_PAGE_APPLY_MS,
  MAX_QUEUED_DELTAS,
  SERVER_DISCONNECT_RETRY_MS,
  bindRealtime,
} from '../../../client/realtime/bindRealtime';
import { useConnectionStore } from '../../../client/stores/connection';
import { useFloorStore } from '../../../client/stores/floor';
import { useSessionStore } from '../../../client/stores/session';
import { FakeSocket } from '../support/fakeSocket';
import { HEALTHY, T0, makeDelta, makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia } from '../support/mountApp';

const ann = makeRep({ id: 'ann', team: 'north', dials: 1 });
const annAt = (dials: number) => ({ ...ann, dials, version: dials });

describe('bindRealtime()', () => {
  let socket: FakeSocket;

  beforeEach(() => {
    freshPinia();
    socket = new FakeSocket();
    // Deltas applied as they arrive; the per-frame batching is tested on its own below.
    bindRealtime(socket.asSocket(), { nextFrame: (apply) => apply() });
  });

  it('applies a snapshot and the deltas that follow it in sequence', () => {
    socket.serverSends('connect');
    socket.serverSends('floor:snapshot', makeSnapshot([ann], { seq: 5 }));
    socket.serverSends('floor:delta', makeDelta(6, [annAt(2)], [annAt(2)]));
    socket.serverSends('floor:delta', makeDelta(7, [annAt(3)], [annAt(3)]));

    const floor = useFloorStore();
    expect(floor.seq).toBe(7);
    expect(floor.reps.get('ann')?.dials).toBe(3);
    expect(floor.totals.dials).toBe(3);
    expect(socket.sent).toEqual([]);
  });

  it('asks for a snapshot exactly once on a gap, however many deltas follow before it arrives', () => {
    socket.serverSends('floor:snapshot', makeSnapshot([ann], { seq: 5 }));

    socket.serverSends('floor:delta', makeDelta(7, [annAt(3)], [annAt(3)]));
    socket.serverSends('floor:delta', makeDelta(8, [annAt(4)], [annAt(4)]));
    socket.serverSends('floor:delta', makeDelta(9, [annAt(5)], [annAt(5)]));

    expect(socket.sent).toEqual(['floor:resync']);
    expect(useFloorStore().reps.get('ann')?.dials).toBe(1);
  });

  it('resets on the snapshot that answers a resync, so a later gap asks again', () => {
    socket.serverSends('floor:snapshot', makeSnapshot([ann], { seq: 5 }));
    socket.serverSends('floor:delta', makeDelta(7, [annAt(3)], [annAt(3)]));
    socket.serverSends('floor:snapshot', makeSnapshot([annAt(9)], { seq: 9 }));

    const floor = useFloorStore();
    expect(floor.seq).toBe(9);
    expect(floor.reps.get('ann')?.dials).toBe(9);

    socket.serverSends('floor:delta', makeDelta(10, [annAt(10)], [annAt(10)]));
    expect(floor.reps.get('ann')?.dials).toBe(10);
    expect(socket.sent).toEqual(['floor:resync']);

    socket.serverSends('floor:delta', makeDelta(12, [annAt(12)], [annAt(12)]));
    expect(socket.sent).toEqual(['floor:resync', 'floor:resync']);
  });

  it('drops a stale delta without asking for a snapshot', () => {
    socket.serverSends('floor:snapshot', makeSnapshot([annAt(5)], { seq: 5 }));
    socket.serverSends('floor:delta', makeDelta(4, [annAt(4)], [annAt(4)]));
    expect(useFloorStore().reps.get('ann')?.dials).toBe(5);
    expect(socket.sent).toEqual([]);
  });

  it('drives the connection state from connect, disconnect and health', () => {
    const connection = useConnectionStore();
    expect(connection.state).toBe('connecting');

    socket.serverSends('connect');
    socket.serverSends('floor:snapshot', makeSnapshot([ann]));
    expect(connection.state).toBe('live');
    expect(connection.dataStale).toBe(false);

    socket.serverSends('health:changed', { ...HEALTHY, stale: true, lagMs: 95_000, serverNow: T0 });
    expect(connection.state).toBe('stale');
    expect(connection.health?.lagMs).toBe(95_000);
    expect(connection.dataStale).toBe(true);

    socket.serverSends('health:changed', { ...HEALTHY, serverNow: T0 });
    socket.serverSends('disconnect', 'transport close');
    expect(connection.state).toBe('reconnecting');
    expect(connection.dataStale).toBe(true);

    socket.serverSends('connect');
    expect(connection.state).toBe('live');
  });

  it('keeps a clock offset from the server time sent with snapshots', () => {
    const before = Date.now();
    socket.serverSends('floor:snapshot', makeSnapshot([ann], { serverNow: before + 3_600_000 }));
    const offset = useConnectionStore().offsetMs;
    expect(offset).toBeGreaterThan(3_600_000 - 1_000);
    expect(offset).toBeLessThanOrEqual(3_600_000);
  });

  it('shows unauthorized and stops reconnecting when the handshake is refused', () => {
    socket.serverSends('connect_error', new Error('unauthorized'));

    expect(useConnectionStore().state).toBe('unauthorized');
    expect(socket.disconnected).toBe(true);
  });

  it('keeps trying after other connection errors', () => {
    socket.serverSends('connect_error', new Error('websocket error'));

    expect(useConnectionStore().state).toBe('connecting');
    expect(socket.disconnected).toBe(false);
  });

  describe('after the server closes the socket itself', () => {
    beforeEach(() => {
      vi.useFakeTimers();
      useSessionStore().viewer = { kind: 'kiosk', id: 'k1', name: 'Wallboard' };
    });

    afterEach(() => {
      vi.useRealTimers();
    });

    it('reconnects after a pause, which socket.io would not do on its own', () => {
      socket.serverSends('connect');
      socket.serverSends('disconnect', 'io server disconnect');
      expect(useConnectionStore().state).toBe('reconnecting');
      expect(socket.connects).toBe(0);

      vi.advanceTimersByTime(SERVER_DISCONNECT_RETRY_MS);
      expect(socket.connects).toBe(1);
    });

    it('does not reconnect once nobody is signed in any more', () => {
      socket.serverSends('connect');
      socket.serverSends('disconnect', 'io server disconnect');
      useSessionStore().viewer = null;
      vi.advanceTimersByTime(SERVER_DISCONNECT_RETRY_MS);
      expect(socket.connects).toBe(0);
    });

    it('leaves a lost transport to socket.io’s own reconnection', () => {
      socket.serverSends('connect');
      socket.serverSends('disconnect', 'transport close');
      vi.advanceTimersByTime(60_000);
      expect(socket.connects).toBe(0);
    });
  });

  it('removes every listener it added when unbound', () => {
    const other = new FakeSocket();
    const unbind = bindRealtime(other.asSocket());
    expect(other.listenerCount()).toBe(15);
    unbind();
    expect(other.listenerCount()).toBe(0);
  });
});

describe('bindRealtime() applying deltas once per animation frame', () => {
  let socket: FakeSocket;

  beforeEach(() => {
    vi.useFakeTimers();
    freshPinia();
    socket = new FakeSocket();
    bindRealtime(socket.asSocket());
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('applies the deltas of one frame together, in sequence, before the frame is drawn', () => {
    const floor = useFloorStore();
    socket.serverSends('floor:snapshot', makeSnapshot([ann], { seq: 5 }));
    const applied = vi.spyOn(floor, 'applyDelta');

    socket.serverSends('floor:delta', makeDelta(6, [annAt(2)], [annAt(2)]));
    socket.serverSends('floor:delta', makeDelta(7, [annAt(3)], [annAt(3)]));
    // Not yet: they wait for the next frame.
    expect(floor.seq).toBe(5);
    expect(applied).not.toHaveBeenCalled();

    vi.advanceTimersToNextFrame();
    expect(applied.mock.calls.map(([delta]) => delta.seq)).toEqual([6, 7]);
    expect(floor.seq).toBe(7);
    expect(floor.reps.get('ann')?.dials).toBe(3);
    expect(socket.sent).toEqual([]);
  });

  it('still asks for a snapshot once on a gap', () => {
    socket.serverSends('floor:snapshot', makeSnapshot([ann], { seq: 5 }));
    socket.serverSends('floor:delta', makeDelta(7, [annAt(3)], [annAt(3)]));
    socket.serverSends('floor:delta', makeDelta(8, [annAt(4)], [annAt(4)]));
    vi.advanceTimersToNextFrame();
    expect(socket.sent).toEqual(['floor:resync']);
    expect(useFloorStore().reps.get('ann')?.dials).toBe(1);
  });

  it('applies queued deltas before a snapshot that arrives in the same frame', () => {
    const floor = useFloorStore();
    socket.serverSends('floor:snapshot', makeSnapshot([ann], { seq: 5 }));
    socket.serverSends('floor:delta', makeDelta(6, [annAt(2)], [annAt(2)]));
    socket.serverSends('floor:snapshot', makeSnapshot([annAt(9)], { seq: 9 }));
    expect(floor.seq).toBe(9);
    vi.advanceTimersToNextFrame();
    expect(floor.seq).toBe(9);
    expect(floor.reps.get('ann')?.dials).toBe(9);
  });

  it('moves the clock offset on arrival, and applies deltas even without frames (hidden page)', () => {
    socket.serverSends('floor:snapshot', makeSnapshot([ann], { seq: 5, serverNow: Date.now() }));
    socket.serverSends('floor:delta', { ...makeDelta(6, [annAt(2)], [annAt(2)]), serverNow: Date.now() + 60_000 });
    expect(useConnectionStore().offsetMs).toBeGreaterThan(59_000);
    vi.advanceTimersByTime(HIDDEN_PAGE_APPLY_MS);
    expect(useFloorStore().seq).toBe(6);
  });

  it('spreads a backlog over the next frames, a frame’s worth of rows each, every delta whole and in sequence', () => {
    const floor = useFloorStore();
    // 40 reps, and three deltas of 30 rows each queued up (a stall): 60 rows a frame at most.
    const reps = Array.from({ length: 40 }, (_, i) => ({ ...ann, id: `r${i}`, name: `Rep ${i}` }));
    socket.serverSends('floor:snapshot', makeSnapshot(reps, { seq: 5 }));
    const dialed = (n: number) => reps.map((rep) => ({ ...rep, dials: n }));
    for (const seq of [6, 7, 8])
      socket.serverSends('floor:delta', makeDelta(seq, dialed(seq).slice(0, 30), dialed(seq)));
    const applied = vi.spyOn(floor, 'applyDelta');

    vi.advanceTimersToNextFrame();
    expect(applied.mock.calls.map(([delta]) => delta.seq)).toEqual([6, 7]);
    expect(floor.seq).toBe(7);
    expect(floor.reps.get('r0')?.dials).toBe(7);
    vi.advanceTimersToNextFrame();
    expect(floor.seq).toBe(8);
    expect(floor.reps.get('r29')?.dials).toBe(8);
    expect(socket.sent).toEqual([]);
  });

  it('applies at least one delta a frame however large, and everything when more than a second of deltas waits', () => {
    const floor = useFloorStore();
    const reps = Array.from({ length: 100 }, (_, i) => ({ ...ann, id: `r${i}`, name: `Rep ${i}` }));
    socket.serverSends('floor:snapshot', makeSnapshot(reps, { seq: 5 }));
    const all = (n: number) => reps.map((rep) => ({ ...rep, dials: n }));
    socket.serverSends('floor:delta', makeDelta(6, all(6), all(6)));
    socket.serverSends('floor:delta', makeDelta(7, all(7), all(7)));
    vi.advanceTimersToNextFrame();
    expect(floor.seq).toBe(6);
    vi.advanceTimersToNextFrame();
    expect(floor.seq).toBe(7);

    // A hidden page (no frames) or one that cannot keep up: past MAX_QUEUED_DELTAS, all at once.
    for (let seq = 8; seq <= 8 + MAX_QUEUED_DELTAS; seq++)
      socket.serverSends('floor:delta', makeDelta(seq, all(seq), all(seq)));
    vi.advanceTimersToNextFrame();
    expect(floor.seq).toBe(8 + MAX_QUEUED_DELTAS);
    expect(floor.reps.get('r99')?.dials).toBe(8 + MAX_QUEUED_DELTAS);
  });

  it('drops queued deltas once unbound', () => {
    const other = new FakeSocket();
    const unbind = bindRealtime(other.asSocket());
    other.serverSends('floor:snapshot', makeSnapshot([ann], { seq: 5 }));
    other.serverSends('floor:delta', makeDelta(6, [annAt(2)], [annAt(2)]));
    unbind();
    vi.advanceTimersToNextFrame();
    expect(useFloorStore().seq).toBe(5);
  });
});
