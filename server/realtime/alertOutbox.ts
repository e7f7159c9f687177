import type { Alert, GoodNews } from '../../shared/domain/alertTypes';
import type { Emitter, SlicedBroadcast } from './slicedBroadcast';

/** The events sent in batches, each with what one batch carries, in the order a batch sends them. */
interface Batched {
  'alert:raised': Alert;
  'alert:updated': Alert;
  'news:posted': GoodNews;
}
type BatchedEvent = keyof Batched;
const ORDER: readonly BatchedEvent[] = ['alert:raised', 'alert:updated', 'news:posted'];

/**
 * Alerts and good news go out in batches, one message per room every `windowMs()`: at 11:00 pace
 * alerts can be raised for a whole floor at once, and one message per alert per wallboard would be
 * 5,000 × 50 writes; at 10,000 events a second a floor posts ~18 sales a second, which one at a time
 * were 18 messages a second to every wallboard (twice its deltas). The window grows with the floor
 * room like the floor's deltas (thousands of kiosks: one a second), and big rooms are written in
 * slices. A batch's raises go before its updates, so an alert's raise always arrives first.
 */
export function createAlertOutbox(deps: {
  broadcast: SlicedBroadcast;
  roomsOf: (item: { team: string | null }) => string[];
  windowMs: () => number;
}) {
  const { broadcast, roomsOf } = deps;
  let pending: { event: BatchedEvent; item: Alert | GoodNews }[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  function flush(): void {
    timer = null;
    const batch = pending;
    pending = [];
    for (const event of ORDER) {
      const byRoom = new Map<string, (Alert | GoodNews)[]>();
      for (const { event: e, item } of batch) {
        if (e !== event) continue;
        for (const room of roomsOf(item)) (byRoom.get(room) ?? byRoom.set(room, []).get(room)!).push(item);
      }
      for (const [room, items] of byRoom) broadcast(room, (to) => emitBatch(to, event, items));
    }
  }

  function add<E extends BatchedEvent>(event: E, item: Batched[E]): void {
    pending.push({ event, item });
    timer ??= setTimeout(flush, deps.windowMs());
  }

  return {
    raised: (alert: Alert) => add('alert:raised', alert),
    updated: (alert: Alert) => add('alert:updated', alert),
    news: (news: GoodNews) => add('news:posted', news),
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

function emitBatch(to: Emitter, event: BatchedEvent, items: (Alert | GoodNews)[]): void {
  // The items of a batch are all of its event's kind (add() is typed so).
  if (event === 'news:posted') to.emit(event, items as GoodNews[]);
  else to.emit(event, items as Alert[]);
}
