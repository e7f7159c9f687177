/**
 * Reason codes and market feedback (issue #16 item 3) against a real Redis: the catalogue's
 * routes (who, validation, 409 on a stale version, 100 concurrent edits), counting at ingest
 * (a re-delivered outcome once, an earlier winner replacing the counted one, unknown codes flagged
 * and mapped by an alias), remarks masked, and who sees which team's feedback.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FeedbackResponse, UnknownCodesResponse } from '../../shared/contracts/feedback';
import type { NewKioskResponse } from '../../shared/contracts/http';
import type { Catalogue } from '../../shared/domain/reasonCatalogue';
import { DEFAULT_CATALOGUE } from '../../shared/domain/reasonCatalogue';
import { addPeople, call, logIn } from './support/people';
import { createTestFloor, startTestApp, testDayNoon, type RunningApp, type TestFloor } from './support/testApp';
import { waitFor } from './support/waitFor';

const MIN = 60_000;
let floor: TestFloor;
let running: RunningApp;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'), { FLOORBOARD_TZ: 'UTC' });
  const noon = testDayNoon();
  const started = Date.now();
  running = await startTestApp(floor.config, () => noon + (Date.now() - started));
  await addPeople(floor.config);
  for (const u of ['boss', 'lead-a', 'lead-b', 'ann']) tokens[u] = (await logIn(running.url, u)).token;
  const kiosk = await call(running.url, tokens.boss, 'POST', '/api/kiosks', { name: 'TV' });
  tokens.kiosk = (kiosk.body as NewKioskResponse).token;
});
afterAll(async () => {
  await running.stop();
  await floor.writer.quit();
});

const get = (who: string, path: string) => call(running.url, tokens[who], 'GET', path);
const put = (who: string, body: unknown) => call(running.url, tokens[who], 'PUT', '/api/reasons', body);
const catalogue = async () => (await get('boss', '/api/reasons')).body as Catalogue;
const feedback = async (who = 'boss', query = '') => (await get(who, `/api/feedback${query}`)).body as FeedbackResponse;
const row = (res: FeedbackResponse, kind: 'reasons' | 'tags', code: string) => res[kind].find((r) => r.code === code);

async function outcome(rep: string, call: string, at: number, extra: Record<string, string>) {
  await floor.addRaw([
    'type',
    'call.outcome',
    'rep',
    rep,
    'call',
    call,
    'ts',
    String(at),
    ...Object.entries(extra).flat(),
  ]);
}

describe('the reason catalogue', () => {
  it('ships the defaults to everyone signed in, wallboards included; nobody signed out', async () => {
    for (const who of ['boss', 'lead-a', 'ann', 'kiosk']) {
      const res = await get(who, '/api/reasons');
      expect(res.status).toBe(200);
      expect(res.body).toEqual(DEFAULT_CATALOGUE);
    }
    expect((await call(running.url, undefined, 'GET', '/api/reasons')).status).toBe(401);
  });

  it('lets only a supervisor change it', async () => {
    const body = { ...DEFAULT_CATALOGUE };
    for (const who of ['lead-a', 'ann', 'kiosk']) expect((await put(who, body)).status).toBe(403);
    expect((await get('lead-a', '/api/reasons/unknown')).status).toBe(403);
  });

  it.each([
    [{ entries: [{ code: 'bad code', kind: 'refusal', labels: { en: 'x', zh: 'x' } }] }, /entries\.0\.code: must be/],
    [{ entries: [{ code: 'x', kind: 'refusal', labels: { en: 'y'.repeat(41), zh: 'y' } }] }, /at most 40 characters/],
    [{ entries: [{ code: 'x', kind: 'refusal', labels: { en: 'a\u0007b', zh: 'y' } }] }, /control or invisible/],
    [{ entries: [{ code: 'x', kind: 'refusal', labels: { en: '   ', zh: 'y' } }] }, /must not be empty/],
    [{ entries: [{ code: 'brand_new', kind: 'tag' }] }, /needs its en and zh label/],
    [{ entries: [{ code: 'x', kind: 'nope', labels: { en: 'a', zh: 'b' } }] }, /entries\.0\.kind/],
    [
      {
        entries: [
          { code: 'price', kind: 'refusal' },
          { code: 'price', kind: 'refusal' },
        ],
      },
      /listed twice/,
    ],
    [{ aliases: [{ from: 'too expensive', to: 'missing_code' }] }, /not in the catalogue/],
    [
      {
        entries: Array.from({ length: 201 }, (_, i) => ({ code: `c${i}`, kind: 'tag', labels: { en: 'a', zh: 'b' } })),
      },
      /at most 200 entries/,
    ],
    [{ version: -1 }, /version/],
  ])('refuses %#: a clear 400, nothing written', async (change, message) => {
    const res = await put('boss', { ...DEFAULT_CATALOGUE, ...change });
    expect(res.status).toBe(400);
    expect((res.body as { error: string }).error).toMatch(message);
    expect((await catalogue()).version).toBe(0);
  });

  it('counts a 40-character Chinese label by characters, and keeps "__proto__" as a code', async () => {
    const zh = '价'.repeat(40);
    const entries = [...DEFAULT_CATALOGUE.entries, { code: '__proto__', kind: 'tag', labels: { en: 'Proto', zh } }];
    const res = await put('boss', { version: 0, entries, aliases: [] });
    expect(res.status).toBe(200);
    const now = await catalogue();
    expect(now.version).toBe(1);
    expect(now.entries.at(-1)).toEqual({ code: '__proto__', kind: 'tag', labels: { en: 'Proto', zh } });
  });

  it('takes the largest catalogue: 200 entries with 40-character labels and 500 aliases', async () => {
    const before = await catalogue();
    const zh = '拒'.repeat(40);
    const entries = Array.from({ length: 200 }, (_, i) => ({
      code: `${'c'.repeat(60)}${String(i).padStart(4, '0')}`,
      kind: 'tag' as const,
      labels: { en: 'e'.repeat(40), zh },
      retired: true,
    }));
    const aliases = Array.from({ length: 500 }, (_, i) => ({
      from: `${'原'.repeat(60)}${i}`,
      to: entries[i % 200]!.code,
    }));
    const big = await put('boss', { version: before.version, entries, aliases });
    expect(big.status).toBe(200);
    expect((await catalogue()).aliases).toHaveLength(500);
    const restored = await put('boss', { ...before, version: before.version + 1 });
    expect(restored.status).toBe(200);
    const huge = await put('boss', { ...before, padding: 'x'.repeat(300_000) });
    expect(huge).toEqual({ status: 413, body: { error: 'body: larger than 256kb' } });
  });

  it('answers 409 to a stale version and lets exactly one of 100 concurrent edits win', async () => {
    const before = await catalogue();
    const stale = await put('boss', { ...before, version: before.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ version: before.version });
    // Four sessions, 25 requests each: under the per-session write burst.
    const sessions = await Promise.all([1, 2, 3, 4].map(() => logIn(running.url, 'boss')));
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call(running.url, sessions[i % 4]!.token, 'PUT', '/api/reasons', {
          version: before.version,
          entries: [
            ...before.entries,
            { code: `edit-${i}`, kind: 'tag', labels: { en: `Edit ${i}`, zh: `编辑 ${i}` } },
          ],
          aliases: [],
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const after = await catalogue();
    expect(after.version).toBe(before.version + 1);
    const winner = results.findIndex((r) => r.status === 200);
    expect(after.entries.at(-1)?.code).toBe(`edit-${winner}`);
  });
});

describe('market feedback counting', () => {
  it('counts by code once per call, replaces with an earlier winner, flags unknown codes and maps them', async () => {
    const noon = testDayNoon();
    await floor.add({ type: 'rep.login', rep: 'rep-a1', team: 'team-a', at: noon - 60 * MIN });
    await floor.add({ type: 'rep.login', rep: 'rep-b1', team: 'team-b', at: noon - 60 * MIN });
    const a = { campaign: 'spring', list: 'list-1' };
    await outcome('rep-a1', 'c1', noon - 30 * MIN, {
      outcome: 'refused',
      reason: 'price',
      tags: 'competitor_cheaper,product_request',
      remark: 'Call me on 138 1234 5678 about the yearly plan',
      ...a,
    });
    // The same outcome delivered again (a new entry, the same ts): counted once.
    await outcome('rep-a1', 'c1', noon - 30 * MIN, {
      outcome: 'refused',
      reason: 'price',
      tags: 'competitor_cheaper,product_request',
      remark: 'Call me on 138 1234 5678 about the yearly plan',
      ...a,
    });
    // Call c2: a late-arriving outcome with an earlier ts wins and replaces the one counted.
    await outcome('rep-a1', 'c2', noon - 20 * MIN, { outcome: 'refused', reason: 'no_need', ...a });
    await outcome('rep-a1', 'c2', noon - 25 * MIN, {
      outcome: 'refused',
      reason: 'timing',
      remark: 'Next quarter',
      ...a,
    });
    // Unknown codes, counted as sent.
    await outcome('rep-b1', 'c3', noon - 10 * MIN, {
      outcome: 'refused',
      reason: 'too expensive',
      tags: 'wants-app',
      campaign: 'autumn',
    });
    await outcome('rep-b1', 'c4', noon - 9 * MIN, { outcome: 'refused', reason: 'too expensive', campaign: 'autumn' });

    const res = await waitFor('counted', async () => {
      const r = await feedback();
      return r.reasons.reduce((n, x) => n + x.today, 0) === 4 && r;
    });
    expect(row(res, 'reasons', 'price')).toMatchObject({ known: true, today: 1, week: 1 });
    expect(row(res, 'reasons', 'timing')).toMatchObject({ today: 1 });
    expect(row(res, 'reasons', 'no_need')).toBeUndefined();
    expect(row(res, 'reasons', 'too expensive')).toMatchObject({ known: false, today: 2 });
    expect(row(res, 'tags', 'competitor_cheaper')).toMatchObject({ known: true, today: 1 });
    expect(res.byCampaign.map((s) => [s.id, s.today])).toEqual([
      ['spring', 4],
      ['autumn', 3],
    ]);
    // The remark is kept beside the codes, its phone number masked.
    const price = res.samples.find((s) => s.code === 'price');
    expect(price?.remarks).toEqual([
      expect.objectContaining({ remark: 'Call me on 138****5678 about the yearly plan', team: 'team-a' }),
    ]);
    expect(JSON.stringify(res)).not.toContain('1234 5678');
    expect(res.samples.find((s) => s.code === 'no_need')).toBeUndefined();

    const unknown = (await get('boss', '/api/reasons/unknown')).body as UnknownCodesResponse;
    expect(unknown.codes).toEqual([
      expect.objectContaining({ code: 'too expensive', kind: 'refusal', count: 2 }),
      expect.objectContaining({ code: 'wants-app', kind: 'tag', count: 1 }),
    ]);

    // Map "too expensive" to price: the days already counted read under price.
    const cat = await catalogue();
    const mapped = await put('boss', { ...cat, aliases: [{ from: 'too expensive', to: 'price' }] });
    expect(mapped.status).toBe(200);
    const after = await feedback();
    expect(row(after, 'reasons', 'price')).toMatchObject({ known: true, today: 3 });
    expect(row(after, 'reasons', 'too expensive')).toBeUndefined();
    const left = (await get('boss', '/api/reasons/unknown')).body as UnknownCodesResponse;
    expect(left.codes.map((c) => c.code)).toEqual(['wants-app']);
  });

  it("shows a lead their own team's feedback only; reps and wallboards none", async () => {
    const lead = await waitFor('lead sees', async () => {
      const r = await feedback('lead-a');
      return r.reasons.length > 0 && r;
    });
    expect(lead.filters.team).toBe('team-a');
    expect(lead.byTeam.map((s) => s.id)).toEqual(['team-a']);
    expect(lead.reasons.find((r) => r.code === 'price')?.today).toBe(1);
    expect(lead.samples.flatMap((s) => s.remarks).every((r) => r.team === 'team-a')).toBe(true);
    expect((await get('lead-a', '/api/feedback?team=team-b')).status).toBe(403);
    expect((await get('lead-a', '/api/feedback?team=team-a')).status).toBe(200);
    expect((await get('ann', '/api/feedback')).status).toBe(403);
    expect((await get('kiosk', '/api/feedback')).status).toBe(403);
    expect((await get('boss', '/api/feedback?team=bad%20team')).status).toBe(400);
    const b = await feedback('boss', '?team=team-b');
    expect(b.byTeam.map((s) => s.id)).toEqual(['team-b']);
  });
});
