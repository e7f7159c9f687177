import type { FloorSnapshot } from '../../shared/contracts/socket';
import { scopeOf } from '../../shared/domain/access';
import type { Viewer } from '../../shared/domain/viewer';
import type { FloorServer } from './floorServer';
import { roomOf } from './scopeFeeds';

type FloorSocket = Parameters<Parameters<FloorServer['on']>[1]>[0];

/**
 * Snapshots asked for in the same turn of the event loop by sockets that see the same thing (a
 * reconnect storm, a floor of kiosks) are built and encoded once and sent as one broadcast.
 * A socket joins its feed's room only as its snapshot goes out, so no delta reaches it first.
 */
export function createSnapshotSender(
  io: FloorServer,
  build: (viewer: Viewer) => FloorSnapshot,
  { budgetMs = 8, now = () => performance.now() }: { budgetMs?: number; now?: () => number } = {},
) {
  const groups = new Map<string, { room: string; viewer: Viewer; ids: Set<string> }>();

  // 5,000 rep pages reconnecting are 5,000 groups: a slice of about budgetMs per turn of the
  // event loop, so the stream reader, the live feeds and the next handshakes go on between
  // slices. A time budget, not a count: a rep page's snapshot costs ~0.3 ms to build and
  // encode, a 5,000-rep floor's ~10 ms (200 groups a turn held the loop 150-260 ms in a storm).
  function flush(): void {
    const until = now() + budgetMs;
    let sent = 0;
    for (const [key, group] of groups) {
      if (sent++ > 0 && now() >= until) return void setImmediate(flush);
      groups.delete(key);
      const ids: string[] = [];
      for (const id of group.ids) {
        const socket = io.sockets.sockets.get(id);
        if (!socket?.connected) continue;
        void socket.join(group.room);
        ids.push(id);
      }
      if (ids.length > 0) io.to(ids).emit('floor:snapshot', build(group.viewer));
    }
  }

  return (socket: FloorSocket): void => {
    const viewer = socket.data.viewer;
    const room = roomOf(scopeOf(viewer));
    const key = `${room}\n${JSON.stringify(viewer)}`;
    if (groups.size === 0) setImmediate(flush);
    const group = groups.get(key) ?? groups.set(key, { room, viewer, ids: new Set() }).get(key)!;
    group.ids.add(socket.id);
  };
}
