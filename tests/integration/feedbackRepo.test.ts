/** The market-feedback counts' Lua script against a real Redis: caps, samples per code, replacement. */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { feedbackRecordsOf, maskDigitRuns } from '../../server/ingest/feedbackLedger';
import { SAMPLES_PER_CODE, SEP, countField, createFeedbackRepo, overflowField } from '../../server/redis/feedbackRepo';
import type { CallEvent } from '../../shared/events/callEvent';

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());
const DAY = '2026-10-12';
const dayOf = () => DAY;

function refused(
  call: string,
  at: number,
  extra: Partial<Extract<CallEvent, { type: 'call.outcome' }>> = {},
): CallEvent {
  return { type: 'call.outcome', id: `${at}-0`, rep: 'r1', call, at, outcome: 'refused', ...extra };
}

describe('feedback counts in Redis', () => {
  it('counts new combinations past the daily cap under the overflow field, existing ones as before', async () => {
    const repo = createFeedbackRepo(redis, { feedback: `test:${randomUUID()}:fb:` }, { countFields: 3 });
    const codes = ['a', 'b', 'c', 'd', 'e', 'a'];
    for (const [i, code] of codes.entries())
      for (const r of feedbackRecordsOf([refused(`c${i}`, 1000 + i, { reason: code })], () => 't1', dayOf))
        await repo.record(r);
    const [counts] = await repo.counts([DAY]);
    expect(Object.fromEntries(counts!)).toEqual({
      [countField('r', 't1', '', '', 'a')]: 2,
      [countField('r', 't1', '', '', 'b')]: 1,
      [countField('r', 't1', '', '', 'c')]: 1,
      [overflowField('r')]: 2,
    });
  });

  it('keeps the latest samples per code, and takes back a replaced outcome with its sample', async () => {
    const repo = createFeedbackRepo(redis, { feedback: `test:${randomUUID()}:fb:` });
    for (let i = 0; i < SAMPLES_PER_CODE + 3; i++)
      for (const r of feedbackRecordsOf(
        [refused(`c${i}`, 1000 + i, { reason: 'price', remark: `r${i}` })],
        () => 't1',
        dayOf,
      ))
        expect(await repo.record(r)).toBe('counted');
    let [samples] = await repo.samples([DAY]);
    const list = samples!.get(`t1${SEP}price`)!;
    expect(list.map((s) => s.remark)).toEqual(['r7', 'r6', 'r5', 'r4', 'r3']);
    // c7 again, same ts and a later entry: kept as it was. Earlier ts: replaces (its count and sample).
    const [again] = feedbackRecordsOf(
      [{ ...refused('c7', 1007, { reason: 'price', remark: 'r7' }), id: '1007-5' }],
      () => 't1',
      dayOf,
    );
    expect(await repo.record(again!)).toBe('kept');
    const [earlier] = feedbackRecordsOf([refused('c7', 900, { reason: 'timing' })], () => 't1', dayOf);
    expect(await repo.record(earlier!)).toBe('replaced');
    const [counts] = await repo.counts([DAY]);
    expect(counts!.get(countField('r', 't1', '', '', 'price'))).toBe(7);
    expect(counts!.get(countField('r', 't1', '', '', 'timing'))).toBe(1);
    [samples] = await repo.samples([DAY]);
    expect(samples!.get(`t1${SEP}price`)!.map((s) => s.remark)).toEqual(['r6', 'r5', 'r4', 'r3']);
  });

  it('masks phone-like digit runs in remarks, keeps short numbers', () => {
    expect(maskDigitRuns('call +86 138-1234-5678 after 5')).toBe('call +86138****5678 after 5');
    expect(maskDigitRuns('wants 20 seats at 1299')).toBe('wants 20 seats at 1299');
    expect(maskDigitRuns('13812345678')).toBe('138****5678');
  });

  it('writes nothing for an outcome without reason, tags or remark; a reason only on refusals', () => {
    expect(feedbackRecordsOf([refused('c1', 1)], () => null, dayOf)).toEqual([]);
    const sale: CallEvent = {
      type: 'call.outcome',
      id: '1-0',
      rep: 'r1',
      call: 'c2',
      at: 1,
      outcome: 'sale',
      reason: 'price',
      tags: ['referral'],
    };
    expect(feedbackRecordsOf([sale], () => null, dayOf)[0]?.fields).toEqual([countField('t', '', '', '', 'referral')]);
  });
});
