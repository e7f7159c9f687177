import type { SourceEvent } from '../../../shared/events/callEvent';
import { toStreamFields } from '../../../shared/events/parseCallEvent';
import { createTestFloor, type TestFloor } from './testApp';

const MIN = 60_000;

// A UTC floor working nights: shift 21:00-05:00, business day from 06:00. The night of Monday
// 2 March 2026 runs from 06:00 on the 2nd to 06:00 on the 3rd.
export const at = (day: number, hh: number, mm = 0) => Date.UTC(2026, 2, day, hh, mm);
export const NIGHT = '2026-03-02';
export const NEXT = '2026-03-03';

/** A test floor (createTestFloor) on the night shift above. */
export function createNightFloor(redisUrl: string): TestFloor {
  return createTestFloor(redisUrl, {
    FLOORBOARD_TZ: 'UTC',
    FLOORBOARD_SHIFT_START: '21:00',
    FLOORBOARD_SHIFT_END: '05:00',
    FLOORBOARD_DAY_START: '06:00',
  });
}

/**
 * Writes events to the floor's stream as Redis would have accepted them at their time (explicit
 * ids: the test's clock is not Redis's), and keeps a test clock, `now`, that is never behind the
 * newest entry. Set `now` to move the clock on without an entry.
 */
export function timedStream(floor: TestFloor, start: number) {
  let lastId = 0;
  const stream = {
    now: start,
    /** Appends `event` as accepted at `acceptedAt` (default its own time; a late entry: later). */
    async add(event: SourceEvent & { at: number }, acceptedAt = event.at): Promise<void> {
      lastId = Math.max(lastId + 1, acceptedAt);
      stream.now = Math.max(stream.now, lastId);
      await floor.writer.xadd(floor.config.stream, `${lastId}-0`, ...toStreamFields(event));
    },
    /** A sold call: dialled at `dialAt`, answered, two minutes' talk, the sale of `amount`. */
    async sale(rep: string, id: string, dialAt: number, amount: number): Promise<void> {
      await stream.add({ type: 'call.dial', rep, call: id, at: dialAt });
      await stream.add({ type: 'call.answer', rep, call: id, at: dialAt + 5000 });
      await stream.add({ type: 'call.hangup', rep, call: id, at: dialAt + 2 * MIN });
      await stream.add({ type: 'call.outcome', rep, call: id, outcome: 'sale', amount, at: dialAt + 2 * MIN + 1000 });
    },
    /** The clock for the app under test. */
    clock: (): number => stream.now,
  };
  return stream;
}
