import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { FloorDelta, FloorSnapshot, ServerToClientEvents } from '../../../shared/contracts/socket';
import { rooms } from '../../../shared/contracts/socket';
import type { Viewer } from '../../../shared/domain/viewer';
import type { FloorServer } from '../../../server/realtime/floorServer';
import { createSlicedBroadcast } from '../../../server/realtime/slicedBroadcast';
import { createSnapshotSender } from '../../../server/realtime/snapshotSender';
import { createAlertOutbox } from '../../../server/realtime/alertOutbox';
import type { Alert, GoodNews } from '../../../shared/domain/alertTypes';
import { waitFor } from '../../integration/support/waitFor';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real Socket.IO server whose sockets carry the viewer named in their handshake. */
async function startServer(
  onConnection: (io: FloorServer, socket: Parameters<Parameters<FloorServer['on']>[1]>[0]) => void,
) {
  const http = createServer();
  const io: FloorServer = new Server(http, { transports: ['websocket'] });
  io.use((socket, next) => {
    socket.data.viewer = (socket.handshake.auth as { viewer: Viewer }).viewer;
    next();
  });
  io.on('connection', (socket) => onConnection(io, socket));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => void io.close(() => resolve(undefined))));
  return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

type Heard = { event: keyof ServerToClientEvents; seq: number }[];
function client(url: string, viewer: Viewer): { socket: Socket; heard: Heard } {
  const socket = connect(url, { transports: ['websocket'], auth: { viewer }, forceNew: true });
  const heard: Heard = [];
  socket.on('floor:snapshot', (s: FloorSnapshot) => heard.push({ event: 'floor:snapshot', seq: s.seq }));
  socket.on('floor:delta', (d: FloorDelta) => heard.push({ event: 'floor:delta', seq: d.seq }));
  cleanups.push(() => socket.close());
  return { socket, heard };
}

const kiosk: Viewer = { kind: 'kiosk', id: 'k-1', name: 'Floor TV' };
const supervisor: Viewer = { kind: 'user', username: 'sam', role: 'supervisor' };
const delta = (seq: number) => ({ seq }) as unknown as FloorDelta;

describe('createSlicedBroadcast()', () => {
  it('encodes a sliced broadcast once and writes the same bytes to every slice', async () => {
    const { io, url } = await startServer((_, socket) => void socket.join(rooms.floor()));
    const clients = Array.from({ length: 7 }, () => client(url, kiosk));
    await waitFor('all joined', () => io.sockets.adapter.rooms.get(rooms.floor())?.size === 7);
    const broadcast = createSlicedBroadcast(io, 3);
    const encoder = (io as unknown as { encoder: { encode: (p: unknown) => unknown } }).encoder;
    let encodes = 0;
    const encode = encoder.encode.bind(encoder);
    encoder.encode = (packet) => (encodes++, encode(packet));

    let slices = 0;
    broadcast(rooms.floor(), (to) => (slices++, to.emit('floor:delta', delta(1))));
    broadcast(rooms.floor(), (to) => (slices++, to.emit('floor:delta', delta(2))));
    await waitFor('every socket heard both', () => clients.every((c) => c.heard.length === 2));
    expect(slices).toBe(6);
    expect(encodes).toBe(2);
    expect(clients.every((c) => c.heard.map((h) => h.seq).join() === '1,2')).toBe(true);
  });

  it('writes a large room a slice per turn of the event loop, every socket in sequence', async () => {
    const { io, url } = await startServer((_, socket) => void socket.join(rooms.floor()));
    const clients = Array.from({ length: 7 }, () => client(url, kiosk));
    await waitFor('all joined', () => io.sockets.adapter.rooms.get(rooms.floor())?.size === 7);
    const broadcast = createSlicedBroadcast(io, 3);

    let slicesNow = 0;
    for (const seq of [1, 2, 3]) broadcast(rooms.floor(), (to) => (slicesNow++, to.emit('floor:delta', delta(seq))));
    expect(slicesNow).toBe(1); // the first slice goes out at once, the other eight wait their turn
    expect(broadcast.pending()).toBe(8);

    await waitFor('every socket heard 3 deltas', () => clients.every((c) => c.heard.length === 3));
    for (const c of clients) expect(c.heard.map((h) => h.seq)).toEqual([1, 2, 3]);
    expect(slicesNow).toBe(9);
    expect(broadcast.pending()).toBe(0);
  });

  it("writes a small room at once while a big broadcast goes out in slices, and a room's own writes in order", async () => {
    const { io, url } = await startServer((_, socket) => void socket.join(rooms.floor()));
    const clients = Array.from({ length: 7 }, () => client(url, kiosk));
    await waitFor('all joined', () => io.sockets.adapter.rooms.get(rooms.floor())?.size === 7);
    const broadcast = createSlicedBroadcast(io, 3);
    const turn = () => new Promise((resolve) => setImmediate(resolve));

    broadcast(rooms.floor(), (to) => to.emit('floor:delta', delta(1))); // slices of 3, 3, 1: the first goes now
    expect(broadcast.pending()).toBe(2);
    // Three one-socket rooms (every socket has a room of its own id), as rep pages are: nothing of
    // theirs waits, so they are written now, not behind the floor's slices (a rep page's delta
    // waited ~300 ms behind each health beat to 5,150 sockets).
    const ids = [...io.sockets.sockets.keys()];
    for (const id of ids.slice(0, 3)) broadcast(id, (to) => to.emit('floor:delta', delta(2)));
    expect(broadcast.pending()).toBe(2);
    // The floor's next delta waits behind its first, whatever its size.
    broadcast(rooms.floor(), (to) => to.emit('floor:delta', delta(3)));
    expect(broadcast.pending()).toBe(5);
    while (broadcast.pending() > 0) await turn();
    await waitFor('every socket heard the floor twice', () =>
      clients.every((c) => c.heard.filter((d) => d.seq !== 2).length === 2),
    );
    for (const c of clients) expect(c.heard.filter((d) => d.seq !== 2).map((d) => d.seq)).toEqual([1, 3]);
    expect(clients.filter((c) => c.heard.some((d) => d.seq === 2))).toHaveLength(3);
  });

  it('writes every socket (room null) in slices too', async () => {
    const { io, url } = await startServer(() => undefined);
    const clients = Array.from({ length: 5 }, () => client(url, kiosk));
    await waitFor('all connected', () => io.sockets.sockets.size === 5);
    const broadcast = createSlicedBroadcast(io, 2);
    let slices = 0;
    broadcast(null, (to) => (slices++, to.emit('floor:delta', delta(7))));
    expect([slices, broadcast.pending()]).toEqual([1, 2]);
    await waitFor('every socket heard it', () => clients.every((c) => c.heard.length === 1));
    expect(slices).toBe(3);
  });

  it('writes a small room in one go', async () => {
    const { io, url } = await startServer((_, socket) => void socket.join(rooms.floor()));
    const clients = [client(url, kiosk), client(url, kiosk)];
    await waitFor('both joined', () => io.sockets.adapter.rooms.get(rooms.floor())?.size === 2);
    const broadcast = createSlicedBroadcast(io, 3);
    let slices = 0;
    broadcast(rooms.floor(), (to) => (slices++, to.emit('floor:delta', delta(1))));
    expect([slices, broadcast.pending()]).toEqual([1, 0]);
    await waitFor('both heard it', () => clients.every((c) => c.heard.length === 1));
  });

  it("writes a one-socket room (a rep's page) to the socket itself, not through a broadcast operator", async () => {
    const { io, url } = await startServer((_, socket) => void socket.join(rooms.rep('rep-1')));
    const only = client(url, kiosk);
    await waitFor('joined', () => io.sockets.adapter.rooms.get(rooms.rep('rep-1'))?.size === 1);
    const broadcast = createSlicedBroadcast(io, 3);
    const through: unknown[] = [];
    broadcast(rooms.rep('rep-1'), (to) => (through.push(to), to.emit('floor:delta', delta(4))));
    expect(through).toEqual([io.sockets.sockets.get(only.socket.id!)]);
    await waitFor('it heard it', () => only.heard.length === 1);
    expect(only.heard).toEqual([{ event: 'floor:delta', seq: 4 }]);
  });
});

describe('createSnapshotSender()', () => {
  it('builds one snapshot for sockets with the same view, and no delta reaches a socket before it', async () => {
    const built: Viewer[] = [];
    const { url } = await startServer((io, socket) => {
      send ??= createSnapshotSender(io, (viewer) => {
        built.push(viewer);
        return { seq: 5 } as unknown as FloorSnapshot;
      });
      send(socket);
      // A delta broadcast in the same turn as the connection: the socket is not in the room yet.
      io.to(rooms.floor()).emit('floor:delta', delta(5));
    });
    let send: ReturnType<typeof createSnapshotSender> | undefined;
    const kiosks = Array.from({ length: 4 }, () => client(url, kiosk));
    const boss = client(url, supervisor);
    await waitFor('every socket has its snapshot', () =>
      [...kiosks, boss].every((c) => c.heard.some((h) => h.event === 'floor:snapshot')),
    );
    for (const c of [...kiosks, boss]) expect(c.heard[0]).toEqual({ event: 'floor:snapshot', seq: 5 });
    expect(new Set(built.map((v) => JSON.stringify(v)))).toEqual(
      new Set([JSON.stringify(kiosk), JSON.stringify(supervisor)]),
    );
  });

  it('groups sockets asking in the same turn by what they see', async () => {
    const built: Viewer[] = [];
    const { io, url } = await startServer(() => undefined);
    const send = createSnapshotSender(io, (viewer) => {
      built.push(viewer);
      return { seq: 1 } as unknown as FloorSnapshot;
    });
    const clients = [client(url, kiosk), client(url, kiosk), client(url, kiosk), client(url, supervisor)];
    await waitFor('all connected', () => io.sockets.sockets.size === 4);
    for (const socket of io.sockets.sockets.values()) send(socket);
    await waitFor('all have a snapshot', () => clients.every((c) => c.heard.length === 1));
    expect(built.map((v) => v.kind).sort()).toEqual(['kiosk', 'user']);
    expect(io.sockets.adapter.rooms.get(rooms.floor())?.size).toBe(4);
  });

  it('sends a slice of groups per turn of the event loop, as many as fit its time budget', async () => {
    const built: Viewer[] = [];
    const { io, url } = await startServer(() => undefined);
    let clock = 0;
    const send = createSnapshotSender(
      io,
      (viewer) => {
        built.push(viewer);
        clock += 5; // each snapshot costs 5 ms: two fit a budget of 8 ms (the second overruns it)
        return { seq: 1 } as unknown as FloorSnapshot;
      },
      { budgetMs: 8, now: () => clock },
    );
    const clients = Array.from({ length: 5 }, (_, i) => client(url, { ...kiosk, id: `k-${i}` }));
    await waitFor('all connected', () => io.sockets.sockets.size === 5);
    for (const socket of io.sockets.sockets.values()) send(socket);
    await new Promise((resolve) => setImmediate(resolve));
    expect(built).toHaveLength(2);
    await waitFor('all have a snapshot', () => clients.every((c) => c.heard.length === 1));
    expect(built).toHaveLength(5);
  });
});

describe('createAlertOutbox()', () => {
  const alert = (id: string, team: string | null, fields: Partial<Alert> = {}): Alert => ({
    ...{ id, rule: 'idle', severity: 'warning', rep: id, repName: id, team, since: 0, raisedAt: 0 },
    ...{ clearedAt: null, ackBy: null, ackAt: null, detail: null, ...fields },
  });

  it('sends a burst as one message per room and event, raises before updates', async () => {
    const { io, url } = await startServer((_, socket) => void socket.join(socket.handshake.auth.room as string));
    const heard = (room: string) => {
      const socket = connect(url, { transports: ['websocket'], auth: { viewer: kiosk, room }, forceNew: true });
      cleanups.push(() => socket.close());
      const messages: string[] = [];
      socket.on('alert:raised', (list: Alert[]) => messages.push(`raised ${list.map((a) => a.id).join(',')}`));
      socket.on('alert:updated', (list: Alert[]) => messages.push(`updated ${list.map((a) => a.id).join(',')}`));
      return messages;
    };
    const floor = heard(rooms.floor());
    const teamA = heard(rooms.team('team-a'));
    await waitFor('both joined', () => io.sockets.sockets.size === 2);
    const outbox = createAlertOutbox({
      broadcast: createSlicedBroadcast(io),
      roomsOf: (a) => [rooms.floor(), ...(a.team ? [rooms.team(a.team)] : [])],
      windowMs: () => 20,
    });
    outbox.updated(alert('r1', 'team-a', { ackBy: 'lea' }));
    for (const [id, team] of [
      ['r1', 'team-a'],
      ['r2', 'team-b'],
      ['r3', null],
    ] as const)
      outbox.raised(alert(id, team));
    await waitFor('the floor heard the burst', () => floor.length === 2);
    expect(floor).toEqual(['raised r1,r2,r3', 'updated r1']);
    await waitFor('team-a heard its own', () => teamA.length === 2);
    expect(teamA).toEqual(['raised r1', 'updated r1']);
  });

  it('sends good news in batches too: a second of sales is one message per room, not one per sale', async () => {
    const { io, url } = await startServer((_, socket) => void socket.join(socket.handshake.auth.room as string));
    const socket = connect(url, {
      transports: ['websocket'],
      auth: { viewer: kiosk, room: rooms.floor() },
      forceNew: true,
    });
    cleanups.push(() => socket.close());
    const batches: string[][] = [];
    socket.on('news:posted', (list: GoodNews[]) => batches.push(list.map((n) => n.id)));
    await waitFor('joined', () => io.sockets.sockets.size === 1);
    const outbox = createAlertOutbox({
      broadcast: createSlicedBroadcast(io),
      roomsOf: () => [rooms.floor()],
      windowMs: () => 50,
    });
    const sales = Array.from({ length: 18 }, (_, i) => `sale:rep-${i}:1`);
    for (const id of sales)
      outbox.news({ id, kind: 'sale', rep: 'rep', repName: 'Rep', team: null, amount: 10, metric: null, at: 0 });
    await waitFor('the floor heard the sales', () => batches.flat().length === sales.length);
    expect(batches).toEqual([sales]);
  });
});
