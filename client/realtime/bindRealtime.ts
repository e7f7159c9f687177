import type { FloorDelta, FloorSnapshot, Health } from '../../shared/contracts/socket';
import type { EpochMs } from '../../shared/time';
import { useConnectionStore } from '../stores/connection';
import { useFloorStore } from '../stores/floor';
import type { RealtimeSocket } from './socket';

/** The message the server's handshake middleware rejects an unknown screen with. */
export const UNAUTHORIZED = 'unauthorized';

/** Wait before reconnecting after the server itself closed the socket (it may be restarting). */
export const SERVER_DISCONNECT_RETRY_MS = 2000;

/**
 * Maps socket events to store actions: the only place in the client that listens to the socket.
 * Uses the active Pinia. Returns a function that removes every listener it added.
 */
export function bindRealtime(socket: RealtimeSocket): () => void {
  const floor = useFloorStore();
  const connection = useConnectionStore();
  // One resync request per gap: more deltas keep arriving before the snapshot answers it.
  let resyncRequested = false;

  const onConnect = (): void => connection.markConnected();

  let retry: ReturnType<typeof setTimeout> | undefined;

  const onDisconnect = (reason: string): void => {
    connection.markDisconnected();
    // socket.io retries by itself after a lost transport, but not after the server's own
    // disconnect; a wall screen must heal without anyone touching it.
    if (reason === 'io server disconnect' && !connection.unauthorized) {
      clearTimeout(retry);
      retry = setTimeout(() => socket.connect(), SERVER_DISCONNECT_RETRY_MS);
    }
  };

  const onConnectError = (err: Error): void => {
    if (err.message !== UNAUTHORIZED) return;
    connection.markUnauthorized();
    // Retrying cannot help until someone opens the wallboard link on this screen.
    socket.disconnect();
  };

  const onSnapshot = (snapshot: FloorSnapshot): void => {
    connection.observeServerNow(snapshot.serverNow);
    connection.applyHealth(snapshot.health);
    floor.applySnapshot(snapshot);
    resyncRequested = false;
  };

  const onDelta = (delta: FloorDelta): void => {
    connection.observeServerNow(delta.serverNow);
    if (floor.applyDelta(delta) !== 'gap' || resyncRequested) return;
    resyncRequested = true;
    socket.emit('floor:resync');
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

  return () => {
    clearTimeout(retry);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
    socket.off('connect_error', onConnectError);
    socket.off('floor:snapshot', onSnapshot);
    socket.off('floor:delta', onDelta);
    socket.off('health:changed', onHealth);
  };
}
