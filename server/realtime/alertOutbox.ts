import type { Alert } from '../../shared/domain/alertTypes';
import type { FloorServer } from './gateway';

type AlertEvent = 'alert:raised' | 'alert:updated';

/**
 * Alerts go out in batches, one message per room every `windowMs`: at 11:00 pace alerts can be
 * raised for a whole floor at once, and one message per alert per wallboard would be 5,000 × 50
 * writes. Raises of a batch go before its updates, so an alert's raise always arrives first.
 */
export function createAlertOutbox(io: FloorServer, roomsOf: (alert: Alert) => string[], windowMs = 50) {
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
      for (const [room, alerts] of byRoom) io.to(room).emit(event, alerts);
    }
  }

  function add(event: AlertEvent, alert: Alert): void {
    pending.push({ event, alert });
    timer ??= setTimeout(flush, windowMs);
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
