import type { FloorServer, FloorSocket } from './floorServer';

type Operator = ReturnType<FloorServer['to']>;
/** Where a broadcast's emits go: a broadcast operator, or the one socket of a room that has one. */
export type Emitter = Pick<Operator, 'emit'> | Pick<FloorSocket, 'emit'>;

export interface SlicedBroadcast {
  /** Emits to every socket in the room (null: every socket) now, or a slice at a time when there are many. */
  (room: string | null, emit: (to: Emitter) => void): void;
  /** Slices still waiting (0 when idle). */
  pending(): number;
}

/**
 * One write per socket is the cost of a broadcast: 5,000 kiosks on the floor room would hold the
 * event loop for a quarter of a second. Large rooms are written a slice of sockets per turn of the
 * loop, so stream reads, rep pages and consoles go on in between. A room's writes run in order,
 * so each socket still receives its deltas in sequence; a small room with nothing waiting is
 * written at once, even while a big broadcast is being written (a health beat to 5,150 sockets
 * held every rep page's delta behind it for ~300 ms: the p99 of the goal-1 bench).
 */
export function createSlicedBroadcast(io: FloorServer, sliceSize = 250): SlicedBroadcast {
  // Each waiting write with the number of sockets it names; `head` is the next to run. Thousands
  // of one-socket writes can wait behind a big broadcast: Array#shift would move them all on each
  // write (it was 5 % of the server's CPU at 5,000 rep pages).
  let queue: ({ run: () => void; sockets: number; room: string | null } | null)[] = [];
  let head = 0;
  // Writes waiting per room (null: every socket).
  const waitingIn = new Map<string | null, number>();
  const enqueue = (room: string | null, sockets: number, run: () => void) => {
    queue.push({ run, sockets, room });
    waitingIn.set(room, (waitingIn.get(room) ?? 0) + 1);
  };
  const waiting = () => queue.length - head;
  const encodeOnce = createEncodeOnce(io);

  // A turn of the loop writes up to a slice's worth of sockets, whatever the writes: a rep page's
  // one-socket delta queued behind a big broadcast must not cost a turn of its own (with 5,000 rep
  // pages they piled up by the thousand behind each health beat and waited seconds).
  function drain(): void {
    let written = 0;
    while (head < queue.length && written < sliceSize) {
      const next = queue[head]!;
      queue[head++] = null; // the closure and its socket ids can go now
      const left = waitingIn.get(next.room)! - 1;
      if (left === 0) waitingIn.delete(next.room);
      else waitingIn.set(next.room, left);
      next.run();
      written += next.sockets;
    }
    // Under steady load the queue may never empty: drop the part already run now and then.
    if (head === queue.length || head > 4096) [queue, head] = [queue.slice(head), 0];
    if (head < queue.length) setImmediate(drain);
  }

  const broadcast = (room: string | null, emit: (to: Emitter) => void): void => {
    const members = room === null ? io.sockets.sockets : io.sockets.adapter.rooms.get(room);
    if (!members || members.size === 0) return;
    if (members.size <= sliceSize && !waitingIn.has(room)) {
      // A room of one socket (a rep's page, ~1,000 deltas a second at goal 1) is written to the
      // socket itself: the same packet, without a broadcast operator's sets and the adapter's pass.
      const only = room !== null && members.size === 1 ? io.sockets.sockets.get(members.keys().next().value!) : null;
      return emit(only ?? (room === null ? io.local : io.to(room)));
    }
    const idle = waiting() === 0;
    if (members.size <= sliceSize) {
      // Behind the room's earlier writes, in order, to the sockets it had now (as a slice would be).
      const ids = [...members.keys()];
      enqueue(room, ids.length, () => emit(io.to(ids)));
    } else {
      const ids = [...members.keys()];
      const once = encodeOnce();
      for (let i = 0; i < ids.length; i += sliceSize) {
        const slice = ids.slice(i, i + sliceSize);
        enqueue(room, slice.length, () => once(() => emit(io.to(slice))));
      }
    }
    if (idle) drain();
  };
  return Object.assign(broadcast, { pending: waiting });
}

type Encode = (packet: unknown, opts: unknown) => unknown;

/**
 * Socket.IO's adapter encodes a packet once per `to(...).emit` and writes those bytes to every
 * socket it names. A broadcast sent in slices would encode once per slice: this keeps the packets
 * encoded by its first slice and hands the same bytes to the later ones (the emits of one
 * broadcast are the same in every slice, in the same order). Works on the in-memory adapter's
 * `_encode`; with any other adapter it changes nothing.
 */
function createEncodeOnce(io: FloorServer): () => (run: () => void) => void {
  const adapter = io.of('/').adapter as unknown as { _encode?: Encode };
  return () => {
    const encoded: unknown[] = [];
    return (run) => {
      const original = adapter._encode;
      if (typeof original !== 'function') return run();
      let next = 0;
      adapter._encode = function (packet, opts) {
        if (next < encoded.length) return encoded[next++];
        next++;
        const bytes = original.call(this, packet, opts);
        encoded.push(bytes);
        return bytes;
      };
      try {
        run();
      } finally {
        adapter._encode = original;
      }
    };
  };
}
