import { describe, expect, it } from 'vitest';
import { MAX_TS_AHEAD_MS, parseCallEvent, toStreamFields } from '../../../shared/events/parseCallEvent';
import type { CallEvent } from '../../../shared/events/callEvent';
import { createEventBuilder } from '../../support/builders';

const ID = '1795424400000-3';
const ID_TIME = 1795424400000;
const TS = '1795424399123';

function ok(fields: readonly string[]): CallEvent {
  const result = parseCallEvent(ID, fields);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(fields)} to parse, got: ${result.reason}`);
  return result.event;
}

function reason(fields: readonly string[]): string {
  const result = parseCallEvent(ID, fields);
  if (result.ok) throw new Error(`expected ${JSON.stringify(fields)} to be rejected`);
  return result.reason;
}

const outcome = (...extra: string[]) => ['type', 'call.outcome', 'rep', 'r1', 'call', 'c1', ...extra];

describe('parseCallEvent() valid entries', () => {
  it.each([
    [
      ['type', 'rep.login', 'rep', 'r1', 'name', 'Ann Lee', 'team', 'team-a'],
      { type: 'rep.login', name: 'Ann Lee', team: 'team-a' },
    ],
    [['type', 'rep.login', 'rep', 'r1'], { type: 'rep.login' }],
    [['type', 'rep.logout', 'rep', 'r1'], { type: 'rep.logout' }],
    [['type', 'rep.pause', 'rep', 'r1', 'reason', 'lunch'], { type: 'rep.pause', reason: 'lunch' }],
    [['type', 'rep.ready', 'rep', 'r1'], { type: 'rep.ready' }],
    [['type', 'call.dial', 'rep', 'r1', 'call', 'c-1'], { type: 'call.dial', call: 'c-1' }],
    [['type', 'call.answer', 'rep', 'r1', 'call', 'pbx:42@edge'], { type: 'call.answer', call: 'pbx:42@edge' }],
    [['type', 'call.hangup', 'rep', 'r1', 'call', 'c-1'], { type: 'call.hangup', call: 'c-1' }],
    [outcome('outcome', 'no_answer'), { type: 'call.outcome', outcome: 'no_answer' }],
    [outcome('outcome', 'busy'), { outcome: 'busy' }],
    [outcome('outcome', 'invalid'), { outcome: 'invalid' }],
    [outcome('outcome', 'refused', 'reason', 'price'), { outcome: 'refused', reason: 'price' }],
    [outcome('outcome', 'callback', 'followUpAt', '1795500000000'), { outcome: 'callback', followUpAt: 1795500000000 }],
    [outcome('outcome', 'lead'), { outcome: 'lead' }],
    [outcome('outcome', 'sale', 'amount', '1299.5'), { outcome: 'sale', amount: 1299.5 }],
  ])('parseCallEvent() parses %j', (fields, expected) => {
    expect(ok(fields)).toMatchObject({ ...expected, id: ID, rep: 'r1', at: ID_TIME });
  });

  it('parseCallEvent() takes the event time from ts when given', () => {
    expect(ok(['type', 'call.dial', 'rep', 'r1', 'call', 'c1', 'ts', TS]).at).toBe(Number(TS));
  });

  it('parseCallEvent() defaults the event time to the entry id time', () => {
    expect(ok(['type', 'call.dial', 'rep', 'r1', 'call', 'c1']).at).toBe(ID_TIME);
  });

  it('parseCallEvent() reads followUpAt as ISO-8601 with an offset', () => {
    const event = ok(outcome('outcome', 'callback', 'followUpAt', '2026-11-24T10:00:00+08:00'));
    expect(event).toMatchObject({ followUpAt: Date.UTC(2026, 10, 24, 2, 0) });
  });

  it.each([
    ['0', 0],
    ['7', 7],
    ['0.5', 0.5],
    ['19.99', 19.99],
    ['999999999.99', 999999999.99],
  ])('parseCallEvent() reads the sale amount %s as %d', (text, value) => {
    expect(ok(outcome('outcome', 'sale', 'amount', text))).toMatchObject({ amount: value });
  });

  it.each([
    ['a sale without amount', outcome('outcome', 'sale'), { outcome: 'sale' }],
    ['a refusal without reason', outcome('outcome', 'refused'), { outcome: 'refused' }],
    ['a call-back without follow-up time', outcome('outcome', 'callback'), { outcome: 'callback' }],
  ])('parseCallEvent() accepts %s (the outcome counts, its detail unknown)', (_what, fields, expected) => {
    const event = ok(fields);
    expect(event).toMatchObject(expected);
    expect(event).not.toHaveProperty('amount');
    expect(event).not.toHaveProperty('reason');
    expect(event).not.toHaveProperty('followUpAt');
  });

  it('parseCallEvent() strips zero-width and bidi characters from names and reasons, and NFC-normalises them', () => {
    // "Li Wei" with a zero-width space, a right-to-left override and its pop, a BOM and a word joiner.
    const name = 'L\u200bi\u202e W\u202cei\ufeff\u2060';
    expect(ok(['type', 'rep.login', 'rep', 'r1', 'name', name])).toMatchObject({ name: 'Li Wei' });
    const bidi = '\u200e\u200f\u061c\u202a\u202b\u202d\u2066\u2067\u2068\u2069\u200c\u200dprice';
    expect(ok(outcome('outcome', 'refused', 'reason', bidi))).toMatchObject({ reason: 'price' });
    // "é" as e + combining acute becomes the single code point U+00E9.
    expect(ok(['type', 'rep.login', 'rep', 'r1', 'name', 'Rene\u0301'])).toMatchObject({ name: 'Ren\u00e9' });
  });

  it('parseCallEvent() reads a call-back contact, cleaned like a name (trimmed, invisible characters out, NFC)', () => {
    const fields = (contact: string) => outcome('outcome', 'callback', 'followUpAt', TS, 'contact', contact);
    expect(ok(fields('Wang Fang'))).toMatchObject({ outcome: 'callback', contact: 'Wang Fang' });
    expect(ok(fields('  W\u200bang\u202e Fang\ufeff '))).toMatchObject({ contact: 'Wang Fang' });
    expect(ok(fields('Rene\u0301 Roy'))).toMatchObject({ contact: 'Ren\u00e9 Roy' });
    expect(ok(fields('王芳 138****0000'))).toMatchObject({ contact: '王芳 138****0000' });
    expect(ok(fields('x'.repeat(80)))).toMatchObject({ contact: 'x'.repeat(80) });
    expect(ok(outcome('outcome', 'callback'))).not.toHaveProperty('contact');
  });

  it.each([
    ['longer than 80 chars', 'x'.repeat(81), /^contact: .*80/],
    ['blank', '   ', /^contact: .*empty/],
    ['invisible characters only', '\u200b\u2060', /^contact: .*empty/],
    ['with a control character', 'Wang\u0000Fang', /^contact: .*control/],
    ['with a C1 control character', 'Wang\u0085Fang', /^contact: .*control/],
  ])('parseCallEvent() dead-letters a contact %s', (_what, contact, expected) => {
    expect(reason(outcome('outcome', 'callback', 'contact', contact))).toMatch(expected);
  });

  it('parseCallEvent() accepts a ts up to 5 minutes ahead of the entry id time', () => {
    const ahead = String(ID_TIME + MAX_TS_AHEAD_MS);
    expect(MAX_TS_AHEAD_MS).toBe(5 * 60_000);
    expect(ok(['type', 'rep.ready', 'rep', 'r1', 'ts', ahead]).at).toBe(ID_TIME + MAX_TS_AHEAD_MS);
  });

  it.each([
    [MAX_TS_AHEAD_MS + 1000, '5 min 1 s'],
    [(3 * 60 + 12) * 60_000, '3 h 12 min'],
    [400 * 86_400_000 + 5 * 3600_000, '400 d 5 h'],
  ])('parseCallEvent() dead-letters a ts %i ms ahead of the entry id time as ts_ahead', (aheadMs, words) => {
    const result = parseCallEvent(ID, ['type', 'rep.ready', 'rep', 'r1', 'ts', String(ID_TIME + aheadMs)]);
    expect(result).toEqual({
      ok: false,
      code: 'ts_ahead',
      reason: `ts: ${words} ahead of the entry's arrival (at most 5 min): check the producer's clock`,
    });
  });

  it('parseCallEvent() accepts a follow-up time up to 400 days from the call and refuses one further', () => {
    const day = 86_400_000;
    const at = (followUpAt: number) => outcome('outcome', 'callback', 'followUpAt', String(followUpAt));
    expect(ok(at(ID_TIME + 400 * day))).toMatchObject({ followUpAt: ID_TIME + 400 * day });
    expect(reason(at(ID_TIME + 401 * day))).toMatch(/^followUpAt: more than 400 days/);
    expect(reason(at(ID_TIME - 401 * day))).toMatch(/^followUpAt: more than 400 days/);
    expect(parseCallEvent(ID, at(ID_TIME + 401 * day))).not.toHaveProperty('code');
  });

  it('parseCallEvent() trims the display name', () => {
    expect(ok(['type', 'rep.login', 'rep', 'r1', 'name', '  Ann  '])).toMatchObject({ name: 'Ann' });
  });

  it('parseCallEvent() accepts a rep id of exactly 64 chars and drops unknown fields', () => {
    const rep = 'a'.repeat(64);
    const event = ok(['type', 'rep.ready', 'rep', rep, 'source', 'pbx-2']);
    expect(event).toEqual({ type: 'rep.ready', rep, id: ID, at: ID_TIME });
  });

  it('parseCallEvent() treats fields named like Object.prototype members as unknown, not duplicates', () => {
    const event = ok(['type', 'rep.ready', 'rep', 'r1', 'constructor', 'x', 'toString', 'y', '__proto__', 'z']);
    expect(event).toEqual({ type: 'rep.ready', rep: 'r1', id: ID, at: ID_TIME });
  });
});

describe('parseCallEvent() bad entries', () => {
  it.each([
    ['an unknown type', ['type', 'call.transfer', 'rep', 'r1'], /^type: .*call\.transfer/],
    ['a missing type', ['rep', 'r1'], /^type: missing/],
    ['an empty type', ['type', '', 'rep', 'r1'], /^type: /],
    ['a missing rep', ['type', 'rep.login'], /^rep: /],
    ['a rep id with spaces', ['type', 'rep.login', 'rep', 'ann lee'], /^rep: /],
    ['a rep id of 65 chars', ['type', 'rep.login', 'rep', 'a'.repeat(65)], /^rep: /],
    ['a unicode rep id', ['type', 'rep.login', 'rep', 'rép-1'], /^rep: /],
    ['a Chinese rep id', ['type', 'rep.login', 'rep', '张三'], /^rep: /],
    ['an empty rep id', ['type', 'rep.login', 'rep', ''], /^rep: /],
    ['a bad team id', ['type', 'rep.login', 'rep', 'r1', 'team', 'team a'], /^team: /],
    ['a blank name', ['type', 'rep.login', 'rep', 'r1', 'name', '   '], /^name: /],
    ['a missing pause reason', ['type', 'rep.pause', 'rep', 'r1'], /^reason: /],
    ['an unknown pause reason', ['type', 'rep.pause', 'rep', 'r1', 'reason', 'nap'], /^reason: /],
    ['a dial without call', ['type', 'call.dial', 'rep', 'r1'], /^call: /],
    ['an answer without call', ['type', 'call.answer', 'rep', 'r1'], /^call: /],
    ['a hangup without call', ['type', 'call.hangup', 'rep', 'r1'], /^call: /],
    ['an outcome without call', ['type', 'call.outcome', 'rep', 'r1', 'outcome', 'lead'], /^call: /],
    ['a call id with spaces', ['type', 'call.dial', 'rep', 'r1', 'call', 'c 1'], /^call: /],
    ['a missing outcome', outcome(), /^outcome: /],
    ['an unknown outcome', outcome('outcome', 'maybe'), /^outcome: /],
    ['a malformed amount', outcome('outcome', 'sale', 'amount', 'abc'), /^amount: /],
    ['a blank refusal reason', outcome('outcome', 'refused', 'reason', '  '), /^reason: .*empty/],
    ['a refusal reason with a newline', outcome('outcome', 'refused', 'reason', 'price\n'), /^reason: .*control/],
    ['a name with a control character', ['type', 'rep.login', 'rep', 'r1', 'name', 'Li\u0007Wei'], /^name: .*control/],
    [
      'a name with a C1 control character',
      ['type', 'rep.login', 'rep', 'r1', 'name', 'Li\u0085Wei'],
      /^name: .*control/,
    ],
    [
      'a name of invisible characters only',
      ['type', 'rep.login', 'rep', 'r1', 'name', '\u200b\u202e'],
      /^name: .*empty/,
    ],
    ['a follow-up time that is not a date', outcome('outcome', 'callback', 'followUpAt', 'soon'), /^followUpAt: /],
    ['a negative amount', outcome('outcome', 'sale', 'amount', '-5'), /^amount: /],
    ['a NaN amount', outcome('outcome', 'sale', 'amount', 'NaN'), /^amount: /],
    ['an Infinity amount', outcome('outcome', 'sale', 'amount', 'Infinity'), /^amount: /],
    ['a huge amount', outcome('outcome', 'sale', 'amount', '1000000000'), /^amount: /],
    ['an amount in exponent form', outcome('outcome', 'sale', 'amount', '1e5'), /^amount: /],
    ['an amount with 3 decimals', outcome('outcome', 'sale', 'amount', '1.005'), /^amount: /],
    ['an empty amount', outcome('outcome', 'sale', 'amount', ''), /^amount: /],
    ['a non-numeric ts', ['type', 'rep.login', 'rep', 'r1', 'ts', 'yesterday'], /^ts: /],
    ['an ISO ts', ['type', 'rep.login', 'rep', 'r1', 'ts', '2026-11-23T09:00:00Z'], /^ts: /],
    ['a negative ts', ['type', 'rep.login', 'rep', 'r1', 'ts', '-1'], /^ts: /],
    ['a fractional ts', ['type', 'rep.login', 'rep', 'r1', 'ts', '1795424400000.5'], /^ts: /],
    ['an over-long field', ['type', 'rep.login', 'rep', 'r1', 'name', 'x'.repeat(1025)], /^name: .*1024/],
    ['a duplicate field', ['type', 'rep.login', 'rep', 'r1', 'rep', 'r2'], /^rep: .*twice/],
    ['a duplicate type', ['type', 'rep.login', 'type', 'rep.logout', 'rep', 'r1'], /^type: .*twice/],
  ])('parseCallEvent() rejects %s with a reason naming the field', (_what, fields, expected) => {
    expect(reason(fields)).toMatch(expected);
  });

  it('parseCallEvent() rejects more than 32 fields', () => {
    const fields = ['type', 'rep.ready', 'rep', 'r1'];
    for (let i = 0; i < 31; i++) fields.push(`x${i}`, 'v');
    expect(reason(fields)).toMatch(/more than 32 fields/);
    expect(parseCallEvent(ID, fields.slice(0, -2)).ok).toBe(true);
  });

  it('parseCallEvent() accepts a value of exactly 1024 chars where the field allows it', () => {
    const call = 'c'.repeat(128);
    expect(ok(['type', 'call.dial', 'rep', 'r1', 'call', call, 'note', 'n'.repeat(1024)])).toMatchObject({ call });
  });

  it('parseCallEvent() keeps a reason short when the unknown type is huge', () => {
    expect(reason(['type', 'x'.repeat(1000), 'rep', 'r1']).length).toBeLessThan(100);
  });

  it('parseCallEvent() never throws, whatever the fields', () => {
    const junk = [
      [],
      ['type'],
      ['type', 'rep.login', 'rep'],
      ['\u0000', '\u0000'],
      ['type', 'call.outcome', 'outcome', 'sale'],
    ];
    for (const fields of junk) expect(() => parseCallEvent(ID, fields)).not.toThrow();
  });
});

describe('toStreamFields()', () => {
  it('toStreamFields() writes ts for the event time and leaves the id out', () => {
    const b = createEventBuilder({ start: ID_TIME });
    expect(toStreamFields(b.dial('r1', 'c1', { at: 1234 }))).toEqual([
      'type',
      'call.dial',
      'rep',
      'r1',
      'call',
      'c1',
      'ts',
      '1234',
    ]);
  });

  it('toStreamFields() round-trips every event type through parseCallEvent()', () => {
    const b = createEventBuilder({ start: Date.UTC(2026, 10, 23, 9, 0) });
    const events: CallEvent[] = [
      b.login('rep.1', { name: 'Ann', team: 'team-a' }),
      b.login('rep_2'),
      b.pause('rep.1', 'training'),
      b.ready('rep.1'),
      ...b.callSequence('rep.1', 'c1', { talkMs: 90_000, outcome: 'sale', amount: 1299.99 }),
      ...b.callSequence('rep.1', 'c2', { talkMs: 30_000, outcome: 'refused', reason: 'price' }),
      ...b.callSequence('rep.1', 'c3', { talkMs: 30_000, outcome: 'callback', followUpAt: Date.UTC(2026, 10, 24, 10) }),
      ...b.callSequence('rep.1', 'c4', { outcome: 'no_answer' }),
      b.logout('rep.1'),
    ];
    for (const event of events) {
      expect(parseCallEvent(event.id, toStreamFields(event))).toEqual({ ok: true, event });
    }
  });
});

describe('parseCallEvent() call context fields (issue #15)', () => {
  const dial = (...extra: string[]) => ['type', 'call.dial', 'rep', 'r1', 'call', 'c1', ...extra];
  const hangup = (...extra: string[]) => ['type', 'call.hangup', 'rep', 'r1', 'call', 'c1', ...extra];

  it('keeps campaign, list, source, callerId, customer and contact on a dial and an outcome', () => {
    const fields = [
      ...['campaign', 'spring-24', 'list', 'L.07', 'source', 'web_form', 'callerId', '+862155550100'],
      ...['customer', 'crm:88231', 'contact', 'Wang Fang'],
    ];
    const expected = {
      campaign: 'spring-24',
      list: 'L.07',
      source: 'web_form',
      callerId: '+862155550100',
      customer: 'crm:88231',
      contact: 'Wang Fang',
    };
    expect(ok(dial(...fields))).toMatchObject(expected);
    expect(ok(outcome('outcome', 'sale', ...fields))).toMatchObject(expected);
  });

  it('keeps a cause on a hangup and an outcome, and ignores it on a dial (unknown there, as any extra field)', () => {
    expect(ok(hangup('cause', 'USER_BUSY'))).toMatchObject({ cause: 'USER_BUSY' });
    expect(ok(outcome('outcome', 'invalid', 'cause', '404'))).toMatchObject({ cause: '404' });
    expect(ok(dial('cause', 'USER_BUSY'))).not.toHaveProperty('cause');
  });

  it.each([
    [dial('campaign', 'spring 24'), 'campaign: must be 1-64 chars of A-Za-z0-9._-'],
    [dial('list', 'x'.repeat(65)), 'list: must be 1-64 chars of A-Za-z0-9._-'],
    [dial('source', ''), 'source: must be 1-64 chars of A-Za-z0-9._-'],
    [dial('callerId', '12'), 'callerId: must be 3-20 digits with an optional leading +'],
    [dial('callerId', '+86-21-5555'), 'callerId: must be 3-20 digits with an optional leading +'],
    [dial('callerId', '1'.repeat(21)), 'callerId: must be 3-20 digits with an optional leading +'],
    [dial('customer', 'a b'), 'customer: must be 1-128 chars of A-Za-z0-9._:@-'],
    [dial('customer', 'c'.repeat(129)), 'customer: must be 1-128 chars of A-Za-z0-9._:@-'],
    [dial('contact', 'Wang\u0007Fang'), 'contact: must not contain control characters'],
    [dial('contact', 'x'.repeat(81)), 'contact: must be at most 80 chars'],
    [hangup('cause', 'busy here'), 'cause: must be 1-40 chars of A-Za-z0-9._-'],
    [outcome('outcome', 'busy', 'cause', 'x'.repeat(41)), 'cause: must be 1-40 chars of A-Za-z0-9._-'],
  ])('dead-letters %j with the reason', (fields, expected) => {
    expect(reason(fields)).toBe(expected);
  });

  it('writes the fields back for XADD (toStreamFields round-trips)', () => {
    const event = ok(dial('campaign', 'c1', 'customer', 'crm:1', 'callerId', '+8621555'));
    expect(ok(toStreamFields(event))).toEqual({ ...event, at: ID_TIME });
  });
});
