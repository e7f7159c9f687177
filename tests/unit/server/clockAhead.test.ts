import { describe, expect, it } from 'vitest';
import type { ReaderStatus } from '../../../server/redis/callEventStream';
import { clockAheadAfter, readerWarnings } from '../../../server/redis/readerWarnings';
import { createLocalTime } from '../../../shared/time';

const { dayOf } = createLocalTime('Asia/Shanghai');
const at = (iso: string) => Date.parse(iso);

describe('clock-ahead bookkeeping of the reader', () => {
  it('keeps the newest rep and lead, and counts per local day of arrival', () => {
    const arrived = at('2026-03-02T02:00:00Z'); // 10:00 in Shanghai
    const ahead = (ms: number, rep: string, lead: number) =>
      [`${ms}-0`, ['type', 'call.dial', 'rep', rep, 'call', 'c', 'ts', String(ms + lead)]] as const;
    let record = clockAheadAfter(null, ...ahead(arrived, 'rep-007', 3600_000), dayOf);
    record = clockAheadAfter(record, ...ahead(arrived + 1000, 'rep-042', (3 * 60 + 12) * 60_000), dayOf);
    expect(record).toEqual({ rep: 'rep-042', aheadMs: 11_520_000, count: 2, day: '2026-03-02' });
    // 16:00 UTC is past midnight in Shanghai: a new day starts the count again.
    record = clockAheadAfter(record, ...ahead(at('2026-03-02T16:00:00Z'), 'rep-042', 600_000), dayOf);
    expect(record).toMatchObject({ count: 1, day: '2026-03-03', aheadMs: 600_000 });
  });

  it('is what health shows, with floor-full', () => {
    const status = {
      clockAhead: { rep: 'rep-042', aheadMs: 11_520_000, count: 12, day: '2026-03-02' },
      floorFull: { cap: 3, refused: 5, lastRep: 'rep-6' },
    } as ReaderStatus;
    expect(readerWarnings(status)).toEqual({
      clockAhead: { rep: 'rep-042', aheadMs: 11_520_000, today: 12 },
      floorFull: { cap: 3, refused: 5, lastRep: 'rep-6' },
    });
    expect(readerWarnings(null)).toEqual({ clockAhead: null, floorFull: null });
  });
});
