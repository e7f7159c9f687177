import { describe, expect, it } from 'vitest';
import { parseCallEvent } from '../../../shared/events/parseCallEvent';
import { checkBatch } from '../../../server/ingest/httpBatch';

const NOW = Date.UTC(2026, 2, 4, 12);

describe('checkBatch (events over HTTP)', () => {
  it('holds `ts` to the same limit as the stream reader: 5 min by default, FLOORBOARD_MAX_TS_AHEAD_MINUTES when set', () => {
    const ahead = [{ type: 'call.dial', rep: 'r1', call: 'c1', ts: NOW + 10 * 60_000 }];
    const refused = checkBatch(ahead, NOW, 'crm');
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).toContain('ahead of the entry');
    expect(checkBatch(ahead, NOW, 'crm', 30 * 60_000).ok).toBe(true);
  });

  it('writes typed JSON as the flat strings of the stream contract, plus the source', () => {
    const result = checkBatch(
      [{ type: 'call.outcome', rep: 'r1', call: 'c1', outcome: 'sale', amount: 1299, ts: NOW - 1000 }],
      NOW,
      'crm',
    );
    expect(result).toEqual({
      ok: true,
      events: [
        {
          fields: [
            'type',
            'call.outcome',
            'rep',
            'r1',
            'call',
            'c1',
            'outcome',
            'sale',
            'amount',
            '1299',
            'ts',
            String(NOW - 1000),
            'via',
            'crm',
          ],
          dedupe: 'call.outcome:c1',
        },
      ],
    });
    // The stream's parser reads what is written as the same event (and ignores `via`).
    const written = result.ok ? result.events[0]!.fields : [];
    const parsed = parseCallEvent(`${NOW}-0`, written);
    expect(parsed).toMatchObject({ ok: true, event: { type: 'call.outcome', amount: 1299, at: NOW - 1000 } });
    expect(parsed.ok && 'via' in parsed.event).toBe(false);
  });

  it('identifies a rep event by rep, type and ts, whatever the way ts is written', () => {
    const pause = (ts: unknown) => ({ type: 'rep.pause', rep: 'r1', reason: 'break', ts });
    const result = checkBatch([pause(NOW - 5), pause(`00${NOW - 5}`)], NOW, 'crm');
    expect(result.ok && result.events.map((e) => e.dedupe)).toEqual([
      `rep.pause:r1:${NOW - 5}`,
      `rep.pause:r1:${NOW - 5}`,
    ]);
  });

  it('refuses values that are not strings or finite numbers, and numbers the contract cannot read', () => {
    const dial = (extra: Record<string, unknown>) => ({ type: 'call.dial', rep: 'r1', call: 'c1', ...extra });
    const result = checkBatch(
      [dial({ ts: null }), dial({ ts: [1] }), dial({ ts: 1e21 }), dial({ ts: -5 }), dial({ call: 7 })],
      NOW,
      'crm',
    );
    expect(result.ok ? [] : result.errors).toEqual(
      [
        { index: 0, reason: '"ts": must be a string or a number' },
        { index: 1, reason: '"ts": must be a string or a number' },
        { index: 2, reason: 'ts: must be ms since the Unix epoch' },
        { index: 3, reason: 'ts: must be ms since the Unix epoch' },
        // A number where the contract has a string is read as its digits, and is a valid call id.
        { index: 4, reason: expect.any(String) },
      ].slice(0, 4),
    );
  });

  it('refuses an event with more fields than a stream entry may have', () => {
    const wide = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`f${i}`, 'x']));
    const result = checkBatch([{ type: 'call.dial', rep: 'r1', call: 'c1', ...wide }], NOW, 'crm');
    expect(result).toEqual({ ok: false, errors: [{ index: 0, reason: 'event: more than 32 fields' }] });
  });
});
