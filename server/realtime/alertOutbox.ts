import type { Alert } from '../../shared/domain/alertTypes';
import type { SlicedBroadcast } from './slicedBroadcast';

type AlertEvent = 'alert:raised' | 'alert:updated';

/**
 * Alerts go out in batches, one message per room every `windowMs()`: at 11:00 pace alerts can be
 * raised for a whole floor at once, and one message per alert per wallboard would be 5,000 × 50
 * writes. The window grows with the floor room like the floor's deltas (thousands of kiosks: one
 * a second), and big rooms are written in slices. A batch's raises go before its updates, so an
 * alert's raise always arrives first.
 */
export function createAlertOutbox(deps: {
  broadcast: SlicedBroadcast;
  roomsOf: (alert: Alert) => string[];
  windowMs: () => number;
}) {
  const { broadcast, roomsOf } = deps;
  let pending: { event: AlertEvent; alert: Alert }[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  function flush(): void {
    timer = null;
    const batch = pending;
    pending = [];
    for (const event of ['alert:raised', 'alert:updated'] as const) {
      const byRoom = new Map<string, Alert[]>();
      for (const item of batch) {
        if (item.event !== event) continue;
        for (const room of roomsOf(item.alert)) (byRoom.get(room) ?? byRoom.set(room, []).get(room)!).push(item.alert);
      }
      for (const [room, alerts] of byRoom) broadcast(room, (to) => to.emit(event, alerts));
    }
  }

  function add(event: AlertEvent, alert: Alert): void {
    pending.push({ event, alert });
    timer ??= setTimeout(flush, deps.windowMs());
  }

  return {
    raised: (alert: Alert) => add('alert:raised', alert),
    updated: (alert: Alert) => add('alert:updated', alert),
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
