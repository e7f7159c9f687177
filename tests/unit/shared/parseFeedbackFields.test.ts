/** `tags` and `remark` on `call.outcome` (issue #16): limits, charset, control characters, `__proto__`. */
import { describe, expect, it } from 'vitest';
import { parseCallEvent, toStreamFields } from '../../../shared/events/parseCallEvent';
import type { CallEvent } from '../../../shared/events/callEvent';

const ID = '1795424400000-3';
const outcome = (...extra: string[]) => [
  'type',
  'call.outcome',
  'rep',
  'r1',
  'call',
  'c1',
  'outcome',
  'refused',
  ...extra,
];

function ok(fields: readonly string[]): CallEvent & { tags?: string[]; remark?: string } {
  const result = parseCallEvent(ID, fields);
  if (!result.ok) throw new Error(`expected to parse, got: ${result.reason}`);
  return result.event as CallEvent & { tags?: string[]; remark?: string };
}
function reason(fields: readonly string[]): string {
  const result = parseCallEvent(ID, fields);
  if (result.ok) throw new Error(`expected ${JSON.stringify(fields)} to be rejected`);
  return result.reason;
}

describe('call.outcome tags and remark', () => {
  it('reads comma-separated codes in order, once each, and keeps the remark beside them', () => {
    const e = ok(
      outcome('reason', 'price', 'tags', 'price,competitor, product_request,price', 'remark', 'Wants a yearly plan'),
    );
    expect(e.tags).toEqual(['price', 'competitor', 'product_request']);
    expect(e.remark).toBe('Wants a yearly plan');
  });

  it('takes 10 codes and refuses 11', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `t${i}`).join(',');
    expect(ok(outcome('tags', ten)).tags).toHaveLength(10);
    expect(reason(outcome('tags', `${ten},t10`))).toBe('tags: must be at most 10 comma-separated codes');
  });

  it.each([[''], ['price,,timing'], ['price;timing'], ['价格'], ['a b'], [`${'x'.repeat(65)}`]])(
    'refuses tags %j with the field named',
    (value) => {
      expect(reason(outcome('tags', value))).toMatch(/^tags: must be/);
    },
  );

  it('takes a remark of 200 characters and refuses 201', () => {
    expect(ok(outcome('remark', 'x'.repeat(200))).remark).toHaveLength(200);
    expect(reason(outcome('remark', 'x'.repeat(201)))).toBe('remark: must be at most 200 chars');
  });

  it('refuses control characters in a remark and strips invisible ones', () => {
    expect(reason(outcome('remark', 'line one\nline two'))).toBe('remark: must not contain control characters');
    expect(reason(outcome('remark', 'bell\u0007'))).toBe('remark: must not contain control characters');
    expect(ok(outcome('remark', 'a\u200bb\u202ec')).remark).toBe('abc');
    expect(reason(outcome('remark', '   '))).toBe('remark: must not be empty');
  });

  it('treats "__proto__" and "constructor" as codes, never as keys', () => {
    const e = ok(outcome('tags', '__proto__,constructor', 'reason', '__proto__'));
    expect(e.tags).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
  });

  it('ignores tags and remark on other event types, like any unknown field', () => {
    const result = parseCallEvent(ID, [
      'type',
      'call.dial',
      'rep',
      'r1',
      'call',
      'c1',
      'tags',
      'bad tag!',
      'remark',
      'x',
    ]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result).not.toHaveProperty('event.tags');
  });

  it('writes tags back as the comma-separated field', () => {
    const e = ok(outcome('tags', 'price,timing', 'remark', 'hi'));
    expect(toStreamFields(e)).toEqual(expect.arrayContaining(['tags', 'price,timing', 'remark', 'hi']));
    expect(ok(toStreamFields(e)).tags).toEqual(['price', 'timing']);
  });
});
