import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FloorResponse } from '../../shared/contracts/http';
import { INGEST_MAX_BODY_BYTES, INGEST_MAX_EVENTS, type IngestRejection } from '../../shared/contracts/ingest';
import {
  createTestFloor,
  noonClock,
  startTestApp,
  testDayNoon,
  type RunningApp,
  type TestFloor,
} from './support/testApp';
import { addPeople, call, logIn } from './support/people';
import { createKey, postEvents, postRaw, sendHugeBody } from './support/ingest';
import { waitFor } from './support/waitFor';

let floor: TestFloor;
let running: RunningApp;
let boss: string;
let key: string;
const at = testDayNoon() - 600_000;

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'));
  running = await startTestApp(floor.config, noonClock());
  await addPeople(floor.config);
  boss = (await logIn(running.url, 'boss')).token;
  key = (await createKey(running.url, boss, 'crm')).secret;
});

afterAll(async () => {
  await running?.stop();
  await floor?.writer.quit();
});

const streamLength = () => floor.writer.xlen(floor.config.stream);
const outcome = (call: string, extra: Record<string, unknown> = {}) => ({
  type: 'call.outcome',
  rep: 'rep-v1',
  call,
  outcome: 'lead',
  ts: at,
  ...extra,
});

describe('POST /api/ingest/events: every item is checked, and one bad item writes nothing', () => {
  it('answers 422 with each bad item’s index and reason, and leaves the stream as it was', async () => {
    const before = await streamLength();
    const batch = [
      outcome('v-ok-1'),
      outcome('v-2', { outcome: 'maybe' }),
      { type: 'call.teleport', rep: 'rep-v1', call: 'v-3' },
      { type: 'call.dial', rep: 'rep-v1' },
      outcome('v-5', { amout: 12 }),
      outcome('v-6', { amount: true }),
      'call.dial',
      outcome('v-8', { via: 'someone-else' }),
      { type: 'rep.pause', rep: 'rep-v1', reason: 'lunch' },
      outcome('v-10', { ts: Date.now() + 86_400_000 * 3 }),
      outcome('v-11', { rep: 'has space' }),
      outcome('v-ok-12'),
    ];
    const res = await postEvents(running.url, key, batch);
    expect(res.status).toBe(422);
    const body = res.body as IngestRejection;
    expect(body.error).toBe('10 of 12 events refused; nothing was written');
    expect(body.errors.map((e) => e.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const reason = (index: number) => body.errors.find((e) => e.index === index)!.reason;
    expect(reason(1)).toMatch(/^outcome: /);
    expect(reason(2)).toBe('type: unknown event type "call.teleport"');
    expect(reason(3)).toMatch(/^call: /);
    expect(reason(4)).toBe('"amout": not a field of call.outcome');
    expect(reason(5)).toBe('"amount": must be a string or a number');
    expect(reason(6)).toBe('event: must be a JSON object');
    expect(reason(7)).toMatch(/^via: set by the server/);
    expect(reason(8)).toMatch(/^ts: required for rep events over HTTP/);
    expect(reason(9)).toMatch(/^ts: .* ahead of the entry's arrival/);
    expect(reason(10)).toMatch(/^rep: must be 1-64 chars/);
    expect(await streamLength()).toBe(before);
  });

  it('takes "__proto__" as a rep id like any other, and refuses it as a field name', async () => {
    const events = [
      `{"type":"rep.login","rep":"__proto__","name":"Proto","ts":${at}}`,
      `{"type":"call.dial","rep":"constructor","call":"v-proto-1","ts":${at}}`,
    ];
    const good = await postRaw(running.url, `[${events.join(',')}]`, { authorization: `Bearer ${key}` });
    expect(good).toMatchObject({ status: 200, body: { written: 2, duplicates: 0 } });
    const before = await streamLength();
    const hostile = `[{"type":"call.dial","rep":"rep-v1","call":"v-proto-2","__proto__":{"type":"x"}}]`;
    const bad = await postRaw(running.url, hostile, { authorization: `Bearer ${key}` });
    expect(bad.status).toBe(422);
    expect((bad.body as IngestRejection).errors).toEqual([
      { index: 0, reason: '"__proto__": not a field of call.dial' },
    ]);
    expect(await streamLength()).toBe(before);
    const view = await waitFor('the odd rep ids on the floor', async () => {
      const floorView = (await call(running.url, boss, 'GET', '/api/floor')).body as FloorResponse;
      const ids = floorView.reps.map((r) => r.id);
      return ids.includes('__proto__') && ids.includes('constructor') && floorView;
    });
    expect(view.reps.find((r) => r.id === '__proto__')).toMatchObject({ name: 'Proto', status: 'available' });
    expect(view.reps.find((r) => r.id === 'constructor')).toMatchObject({ dials: 1 });
  });

  it('refuses a body that is not a JSON array of events: 400, 415, and 413 past the count', async () => {
    const auth = { authorization: `Bearer ${key}` };
    expect((await postRaw(running.url, '{"type":"call.dial"}', auth)).status).toBe(400);
    expect((await postRaw(running.url, '[{"type":', auth)).status).toBe(400);
    expect((await postRaw(running.url, '[]', { ...auth, 'content-type': 'text/plain' })).status).toBe(415);
    expect((await postEvents(running.url, key, [])).body).toEqual({ written: 0, duplicates: 0 });
    const many = Array.from({ length: INGEST_MAX_EVENTS + 1 }, (_, i) => outcome(`v-many-${i}`));
    const tooMany = await postEvents(running.url, key, many);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body).toEqual({ error: `body: 501 events (at most ${INGEST_MAX_EVENTS} per request)` });
  });

  it('refuses a 100 MB body with 413 without reading it to the end, declared or chunked', async () => {
    const hundredMb = 100 * 1024 * 1024;
    const declared = await sendHugeBody(running.url, key, hundredMb, hundredMb);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toEqual({ error: expect.stringMatching(/^body: larger than 1048576 bytes/) });
    // The answer came while the body was still going out, not after 100 MB.
    expect(declared.sentBytes).toBeLessThan(hundredMb / 4);
    const chunked = await sendHugeBody(running.url, key, null, hundredMb);
    expect(chunked.status).toBe(413);
    expect(chunked.sentBytes).toBeGreaterThan(INGEST_MAX_BODY_BYTES);
    expect(chunked.sentBytes).toBeLessThan(hundredMb / 4);
    // Without a valid key the answer is a 401, as early.
    const stranger = await sendHugeBody(running.url, 'not-a-key', hundredMb, hundredMb);
    expect(stranger.status).toBe(401);
    expect(stranger.sentBytes).toBeLessThan(hundredMb / 4);
    // The server is fine afterwards.
    expect((await postEvents(running.url, key, [outcome('v-after-huge')])).status).toBe(200);
  });
});

describe('POST /api/ingest/events: idempotent per call and type', () => {
  it('appends a batch sent twice once; a repeat inside a batch counts as a duplicate', async () => {
    const batch = [
      { type: 'call.dial', rep: 'rep-i1', call: 'i-1', ts: at },
      { type: 'call.answer', rep: 'rep-i1', call: 'i-1', ts: at + 1000 },
      outcome('i-1', { rep: 'rep-i1', outcome: 'sale', amount: 99.5 }),
      { type: 'rep.pause', rep: 'rep-i1', reason: 'break', ts: at + 5000 },
    ];
    const before = await streamLength();
    expect((await postEvents(running.url, key, batch)).body).toEqual({ written: 4, duplicates: 0 });
    expect((await postEvents(running.url, key, batch)).body).toEqual({ written: 0, duplicates: 4 });
    expect(await streamLength()).toBe(before + 4);
    // The same call's outcome again (even with another outcome) and the same pause: duplicates;
    // the rep's next pause (another ts) is new.
    const next = [
      outcome('i-1', { rep: 'rep-i1', outcome: 'refused' }),
      { type: 'rep.pause', rep: 'rep-i1', reason: 'break', ts: at + 5000 },
      { type: 'rep.pause', rep: 'rep-i1', reason: 'lunch', ts: at + 60_000 },
      { type: 'rep.pause', rep: 'rep-i1', reason: 'lunch', ts: at + 60_000 },
    ];
    expect((await postEvents(running.url, key, next)).body).toEqual({ written: 1, duplicates: 3 });
    expect(await streamLength()).toBe(before + 5);
  });

  it('writes each event once when a hundred identical requests arrive at the same moment', async () => {
    const fresh = (await createKey(running.url, boss, 'crm-burst')).secret;
    const batch = Array.from({ length: 20 }, (_, i) => outcome(`burst-${i}`, { rep: 'rep-b9' }));
    const body = JSON.stringify(batch);
    const before = await streamLength();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => postRaw(running.url, body, { authorization: `Bearer ${fresh}` })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    const written = answers.map((a) => (a.body as { written: number }).written);
    expect(written.reduce((a, b) => a + b, 0)).toBe(20);
    expect(
      answers.every(
        (a) =>
          (a.body as { written: number; duplicates: number }).duplicates + (a.body as { written: number }).written ===
          20,
      ),
    ).toBe(true);
    expect(await streamLength()).toBe(before + 20);
  });

  it('records the key’s name on each entry, in a field the stream parser ignores', async () => {
    const id =
      (await postEvents(running.url, key, [outcome('src-1')])) &&
      (await floor.writer.xrevrange(floor.config.stream, '+', '-', 'COUNT', 1))[0]!;
    const [, fields] = id;
    expect(fields).toEqual([
      'type',
      'call.outcome',
      'rep',
      'rep-v1',
      'call',
      'src-1',
      'outcome',
      'lead',
      'ts',
      String(at),
      'via',
      'crm',
    ]);
    // Nothing the reader saw went to the dead letters.
    await waitFor('the reader to pass the entry', () => running.app.reader()?.status().cursor === id[0]);
    expect(running.app.reader()!.status().deadLettered).toBe(0);
  });
});

describe('POST /api/ingest/events: a failed write leaves nothing behind', () => {
  it('answers 503 when Redis refuses the append, and a retry then writes every event', async () => {
    const broken = createTestFloor(inject('redisUrl'));
    const app = await startTestApp(broken.config, noonClock());
    try {
      await addPeople(broken.config);
      const session = (await logIn(app.url, 'boss')).token;
      const secret = (await createKey(app.url, session, 'crm')).secret;
      // The stream key holds a string: XADD would fail, so the script must fail before any write.
      await broken.writer.set(broken.config.stream, 'not a stream');
      const batch = [outcome('w-1'), outcome('w-2')];
      const refused = await postEvents(app.url, secret, batch);
      expect(refused.status).toBe(503);
      expect(await broken.writer.get(broken.config.stream)).toBe('not a stream');
      await broken.writer.del(broken.config.stream);
      // No event was marked seen by the failed try: the retry appends both.
      expect((await postEvents(app.url, secret, batch)).body).toEqual({ written: 2, duplicates: 0 });
      expect(await broken.writer.xlen(broken.config.stream)).toBe(2);
    } finally {
      await app.stop();
      await broken.writer.quit();
    }
  });
});

describe('POST /api/ingest/events: rate limit per key', () => {
  it('answers 429 with Retry-After past the key’s allowance; another key has its own', async () => {
    const limited = createTestFloor(inject('redisUrl'), { FLOORBOARD_INGEST_REQUESTS: '3' });
    const app = await startTestApp(limited.config, noonClock());
    try {
      await addPeople(limited.config);
      const session = (await logIn(app.url, 'boss')).token;
      const [a, b] = [(await createKey(app.url, session, 'a')).secret, (await createKey(app.url, session, 'b')).secret];
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await postEvents(app.url, a, [outcome(`rl-${i}`)])).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await postEvents(app.url, a, [outcome('rl-5')]);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await postEvents(app.url, b, [outcome('rl-6')])).status).toBe(200);
      expect(await limited.writer.xlen(limited.config.stream)).toBe(4);
    } finally {
      await app.stop();
      await limited.writer.quit();
    }
  });
});

describe('POST /api/ingest/events: end to end', () => {
  it('shows the CRM’s outcomes on GET /api/floor', async () => {
    const rep = 'rep-e2e';
    const calls = ['e-1', 'e-2', 'e-3'];
    const pbx = [
      { type: 'rep.login', rep, name: 'Eve', team: 'team-e', ts: at },
      ...calls.flatMap((c, i) => [
        { type: 'call.dial', rep, call: c, ts: at + i * 100_000 + 1000 },
        { type: 'call.answer', rep, call: c, ts: at + i * 100_000 + 2000 },
        { type: 'call.hangup', rep, call: c, ts: at + i * 100_000 + 90_000 },
      ]),
    ];
    expect((await postEvents(running.url, key, pbx)).status).toBe(200);
    const crm = [
      { type: 'call.outcome', rep, call: 'e-1', outcome: 'sale', amount: 1200.5, ts: at + 91_000 },
      { type: 'call.outcome', rep, call: 'e-2', outcome: 'lead', ts: at + 191_000 },
      { type: 'call.outcome', rep, call: 'e-3', outcome: 'refused', reason: 'too expensive', ts: at + 291_000 },
    ];
    // Sent twice, as a CRM that did not hear the first answer would.
    expect((await postEvents(running.url, key, crm)).body).toEqual({ written: 3, duplicates: 0 });
    expect((await postEvents(running.url, key, crm)).body).toEqual({ written: 0, duplicates: 3 });
    const row = await waitFor('the outcomes on the floor', async () => {
      const view = (await call(running.url, boss, 'GET', '/api/floor')).body as FloorResponse;
      const found = view.reps.find((r) => r.id === rep);
      return found && found.leads === 2 && found;
    });
    expect(row).toMatchObject({ name: 'Eve', dials: 3, leads: 2, deals: 1, revenue: 1200.5 });
    expect(row.refusals).toEqual([{ reason: 'too expensive', count: 1 }]);
  });
});
