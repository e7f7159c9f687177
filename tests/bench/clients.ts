/**
 * Child process: a share of the headless subscribers. Each keeps its own state like the app
 * does (snapshot, then deltas by seq, resync on a gap), records delays per role, and at the end
 * compares its state with the generator's totals.
 */
import { io, type Socket } from 'socket.io-client';
import {
  CLIENT_RECONNECT,
  type ClientToServerEvents,
  type FloorDelta,
  type FloorSnapshot,
  type ServerToClientEvents,
} from '../../shared/contracts/socket';
import { ALL_FIELDS, BOARD_OMITS, readRep } from '../../shared/contracts/floorPatch';
import type { RepView } from '../../shared/domain/floorView';

/** What a patch must carry for a rep this client does not hold. */
const WHOLE = ALL_FIELDS & ~BOARD_OMITS;
import { streamIdTime } from '../../shared/streamId';
import { Histogram } from './histogram';
import {
  ROLES,
  type ClientSpec,
  type ClientsCommand,
  type ClientsMessage,
  type RepTotals,
  type Role,
  type RoleResult,
} from './common';

/** [statusSince, team, dials, connects, effectiveCalls, leads, deals, revenue] */
type Row = [number, string | null, number, number, number, number, number, number];
const toRow = (r: RepView): Row => [
  r.statusSince,
  r.team,
  r.dials,
  r.connects,
  r.effectiveCalls,
  r.leads,
  r.deals,
  r.revenue,
];

interface Sub {
  spec: ClientSpec;
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  connected: boolean;
  seq: number;
  awaiting: boolean;
  retry?: NodeJS.Timeout;
  reps: Map<string, Row>;
  messages: number;
}

interface RoleStats {
  cursor: Histogram;
  status: Histogram;
  gaps: number;
  resyncs: number;
  frames: number;
  bytes: number;
  deltaBytes: number;
  deltaReps: number;
  framesByEvent: Map<string, number>;
}

const send = (msg: ClientsMessage) => process.send?.(msg);
const now = () => performance.timeOrigin + performance.now();
const subs: Sub[] = [];
const stats = new Map<Role, RoleStats>(
  ROLES.map((r) => [
    r,
    {
      ...{ cursor: new Histogram(), status: new Histogram(), gaps: 0, resyncs: 0 },
      ...{ frames: 0, bytes: 0, deltaBytes: 0, deltaReps: 0, framesByEvent: new Map<string, number>() },
    },
  ]),
);
let stormAt: number | null = null;
let stormReported = false;
const resnapped = new Set<Sub>();
let recording = false;
let counting = false;
let measureAt = Infinity;

function requestResync(sub: Sub): void {
  if (sub.awaiting) return;
  sub.awaiting = true;
  const ask = () => {
    if (!sub.awaiting) return;
    stats.get(sub.spec.role)!.resyncs++;
    sub.socket.emit('floor:resync');
    // The server answers one resync a second per socket: ask again until a snapshot comes.
    sub.retry = setTimeout(ask, 1100);
  };
  ask();
}

function onSnapshot(sub: Sub, snap: FloorSnapshot): void {
  if (counting) sub.messages++;
  clearTimeout(sub.retry);
  sub.awaiting = false;
  sub.seq = snap.seq;
  sub.reps = new Map(snap.reps.map((r) => [r.id, toRow(r)]));
  if (stormAt !== null && sub.connected && !resnapped.has(sub)) {
    resnapped.add(sub);
    reportStorm();
  }
}

/** Every socket dropped at once, then reconnecting by itself as a browser would. */
function storm(): void {
  stormAt = now();
  stormReported = false;
  resnapped.clear();
  for (const sub of subs) {
    if (!sub.connected) continue;
    sub.socket.io.engine.close(); // a lost transport: socket.io reconnects on its own
  }
  setTimeout(() => reportStorm(true), 60_000);
}

function reportStorm(timedOut = false): void {
  const sockets = subs.filter((s) => s.connected).length;
  if (stormReported || stormAt === null || (!timedOut && resnapped.size < sockets)) return;
  stormReported = true;
  send({ type: 'stormed', sockets, resnapped: resnapped.size, latestMs: now() - stormAt });
}

function onDelta(sub: Sub, delta: FloorDelta): void {
  const at = now();
  if (counting) {
    sub.messages++;
    stats.get(sub.spec.role)!.deltaReps += delta.reps.length;
  }
  if (sub.awaiting || delta.seq <= sub.seq) return;
  const role = stats.get(sub.spec.role)!;
  if (delta.seq !== sub.seq + 1) {
    role.gaps++;
    requestResync(sub);
    return;
  }
  // Patches are read before anything is applied: one that cannot be (a rep never received whole) is a gap.
  const rows: [string, Partial<RepView>][] = [];
  for (const patch of delta.reps) {
    const fields = readRep(patch, delta.serverNow);
    const prev = sub.reps.get(patch[0]);
    if (!fields || (!prev && (patch[1] & WHOLE) !== WHOLE)) {
      role.gaps++;
      requestResync(sub);
      return;
    }
    rows.push([patch[0], fields]);
  }
  sub.seq = delta.seq;
  if (recording && delta.cursor) role.cursor.record(at - streamIdTime(delta.cursor));
  for (const [id, fields] of rows) {
    const row = sub.reps.get(id) ?? ([0, null, 0, 0, 0, 0, 0, 0] as Row);
    if (fields.statusSince !== undefined) {
      if (recording && row[0] !== fields.statusSince && fields.statusSince >= measureAt)
        role.status.record(at - fields.statusSince);
      row[0] = fields.statusSince;
    }
    if (fields.team !== undefined) row[1] = fields.team;
    if (fields.dials !== undefined) row[2] = fields.dials;
    if (fields.connects !== undefined) row[3] = fields.connects;
    if (fields.effectiveCalls !== undefined) row[4] = fields.effectiveCalls;
    if (fields.leads !== undefined) row[5] = fields.leads;
    if (fields.deals !== undefined) row[6] = fields.deals;
    if (fields.revenue !== undefined) row[7] = fields.revenue;
    sub.reps.set(id, row);
  }
  for (const id of delta.removed) sub.reps.delete(id);
}

function connect(url: string, spec: ClientSpec): Promise<string | null> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(spec.url ?? url, {
    transports: ['websocket'],
    // The server reads the token; the bare pipeline (bare.ts) the scope.
    auth: { token: spec.token, bare: { role: spec.role, team: spec.team, rep: spec.rep } },
    forceNew: true,
    ...CLIENT_RECONNECT, // the browsers' own retry settings
  });
  const sub: Sub = { spec, socket, connected: false, seq: 0, awaiting: false, reps: new Map(), messages: 0 };
  subs.push(sub);
  socket.on('floor:delta', (d) => onDelta(sub, d));
  // Bytes as they came off the wire: one engine.io message per Socket.IO event here, whose
  // 'data' is the frame without engine.io's one-byte type (added back).
  socket.io.on('open', () =>
    socket.io.engine.on('data', (data: unknown) => {
      if (!counting || typeof data !== 'string') return;
      const role = stats.get(spec.role)!;
      const bytes = 1 + Buffer.byteLength(data);
      role.frames++;
      role.bytes += bytes;
      // '2["name",…': the event name, for what a role's frames are made of.
      const event = data.startsWith('2["') ? data.slice(3, data.indexOf('"', 3)) : 'other';
      role.framesByEvent.set(event, (role.framesByEvent.get(event) ?? 0) + 1);
      if (event === 'floor:delta') role.deltaBytes += bytes;
    }),
  );
  socket.on('rank:changed', () => counting && sub.messages++);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('no snapshot within 30 s'), 30_000);
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      socket.close();
      resolve(err.message);
    });
    socket.on('floor:snapshot', (snap) => {
      onSnapshot(sub, snap);
      if (!sub.connected) {
        sub.connected = true;
        clearTimeout(timer);
        resolve(null);
      }
    });
  });
}

async function connectAll(url: string, specs: ClientSpec[], concurrency: number): Promise<void> {
  let failed = 0;
  let firstError: string | undefined;
  for (let i = 0; i < specs.length; i += concurrency) {
    const errors = await Promise.all(specs.slice(i, i + concurrency).map((spec) => connect(url, spec)));
    for (const e of errors) if (e) [failed, firstError] = [failed + 1, firstError ?? e];
  }
  send({ type: 'connected', connected: specs.length - failed, failed, ...(firstError ? { firstError } : {}) });
}

const FIELDS = ['team', 'dials', 'connects', 'effectiveCalls', 'leads', 'deals', 'revenue'];

function compare(totals: Record<string, RepTotals>): RoleResult[] {
  const all = Object.entries(totals);
  const results = new Map<Role, RoleResult>();
  for (const role of ROLES) {
    const s = stats.get(role)!;
    results.set(role, {
      role,
      clients: 0,
      connected: 0,
      cursorDelay: s.cursor.toData(),
      statusDelay: s.status.toData(),
      messages: 0,
      maxClientMessages: 0,
      gaps: s.gaps,
      resyncs: s.resyncs,
      mismatchedClients: 0,
      mismatchedRows: 0,
      checkedRows: 0,
      examples: [],
      ...{ frames: s.frames, bytes: s.bytes, deltaBytes: s.deltaBytes, deltaReps: s.deltaReps },
      framesByEvent: Object.fromEntries(s.framesByEvent),
    });
  }
  for (const sub of subs) {
    const r = results.get(sub.spec.role)!;
    r.clients++;
    r.messages += sub.messages;
    r.maxClientMessages = Math.max(r.maxClientMessages, sub.messages);
    if (!sub.connected) continue;
    r.connected++;
    const { role, team, rep } = sub.spec;
    const expected = all.filter(([id, t]) => role === 'wallboard' || (role === 'console' ? t[0] === team : id === rep));
    let bad = 0;
    const note = (text: string) => {
      bad++;
      if (r.examples.length < 5) r.examples.push(`${role} ${team ?? rep ?? ''}: ${text}`);
    };
    for (const [id, t] of expected) {
      r.checkedRows++;
      const row = sub.reps.get(id);
      if (!row) note(`${id} missing`);
      else {
        const diff = FIELDS.filter((_, k) => (k === 6 ? Math.abs(row[7] - t[6]) > 0.005 : row[k + 1] !== t[k]));
        if (diff.length) note(`${id} ${diff.map((f) => `${f} ${row[FIELDS.indexOf(f) + 1]}≠${t[FIELDS.indexOf(f)]}`)}`);
      }
    }
    const ids = new Set(expected.map(([id]) => id));
    for (const id of sub.reps.keys()) if (!ids.has(id)) note(`${id} not expected in this scope`);
    r.mismatchedRows += bad;
    if (bad > 0) r.mismatchedClients++;
  }
  return [...results.values()];
}

process.on('message', (cmd: ClientsCommand) => {
  if (cmd.type === 'init') void connectAll(cmd.url, cmd.specs, cmd.concurrency);
  else if (cmd.type === 'measure') [recording, counting, measureAt] = [true, true, cmd.at];
  else if (cmd.type === 'stopMeasure') counting = false;
  else if (cmd.type === 'storm') storm();
  else if (cmd.type === 'compare') {
    recording = false;
    send({ type: 'result', roles: compare(cmd.totals) });
  } else if (cmd.type === 'exit') {
    for (const sub of subs) sub.socket.close();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
