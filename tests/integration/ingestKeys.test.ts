import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLog } from '../../server/log';
import {
  testDayNoon,
  createTestFloor,
  noonClock,
  startTestApp,
  type RunningApp,
  type TestFloor,
} from './support/testApp';
import { addPeople, call, logIn } from './support/people';
import { createKey, EVENTS_PATH, KEYS_PATH, listKeys, postEvents, postRaw } from './support/ingest';

let floor: TestFloor;
let running: RunningApp;
let boss: string;
const lines: string[] = [];
const at = testDayNoon() - 600_000;
const outcome = (call: string) => ({ type: 'call.outcome', rep: 'rep-a1', call, outcome: 'lead', ts: at });

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'));
  running = await startTestApp(
    floor.config,
    noonClock(),
    createLog('test', (line) => lines.push(line)),
  );
  await addPeople(floor.config);
  boss = (await logIn(running.url, 'boss')).token;
});

afterAll(async () => {
  await running?.stop();
  await floor?.writer.quit();
});

const streamLength = () => floor.writer.xlen(floor.config.stream);

describe('POST /api/ingest/events: who may write', () => {
  it('refuses no key, a wrong key and a malformed one with 401, and writes nothing', async () => {
    const { secret } = await createKey(running.url, boss, 'crm-auth');
    const before = await streamLength();
    const none = await postEvents(running.url, undefined, [outcome('c-1')]);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    // The right id with another secret, then a token of the wrong shape.
    const wrong = secret.slice(0, -4) + (secret.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const key of [wrong, 'fbk_0000000000000000_' + 'A'.repeat(43), 'not-a-key'])
      expect((await postEvents(running.url, key, [outcome('c-1')])).status).toBe(401);
    expect(await streamLength()).toBe(before);
    expect((await postEvents(running.url, secret, [outcome('c-1')])).status).toBe(200);
    expect(await streamLength()).toBe(before + 1);
  });

  it("refuses a supervisor's session (cookie or bearer) and a wallboard token: only a key writes", async () => {
    const before = await streamLength();
    const body = JSON.stringify([outcome('c-2')]);
    const attempts: Record<string, string>[] = [
      { cookie: `fb_session=${encodeURIComponent(boss)}` },
      { authorization: `Bearer ${boss}` },
      { authorization: `Bearer ${floor.token}` },
    ];
    for (const headers of attempts) expect((await postRaw(running.url, body, headers)).status).toBe(401);
    expect(await streamLength()).toBe(before);
  });

  it('refuses a revoked key at once', async () => {
    const { key, secret } = await createKey(running.url, boss, 'crm-revoked');
    expect((await postEvents(running.url, secret, [outcome('c-3')])).status).toBe(200);
    expect((await call(running.url, boss, 'DELETE', `${KEYS_PATH}/${key.id}`)).status).toBe(204);
    expect((await postEvents(running.url, secret, [outcome('c-4')])).status).toBe(401);
    // Revoking twice, or a key that never was: 404.
    expect((await call(running.url, boss, 'DELETE', `${KEYS_PATH}/${key.id}`)).status).toBe(404);
    expect((await call(running.url, boss, 'DELETE', `${KEYS_PATH}/0123456789abcdef`)).status).toBe(404);
    const listed = (await listKeys(running.url, boss)).find((k) => k.id === key.id)!;
    expect(listed.revokedAt).toEqual(expect.any(Number));
  });

  it('answers any other method with 405', async () => {
    const { secret } = await createKey(running.url, boss, 'crm-get');
    const res = await call(running.url, secret, 'GET', EVENTS_PATH);
    expect(res.status).toBe(405);
  });
});

describe('ingestion API keys: the supervisor manages them', () => {
  it('lets only a supervisor create, list and revoke keys', async () => {
    const { key } = await createKey(running.url, boss, 'crm-owned');
    const { secret } = await createKey(running.url, boss, 'crm-as-session');
    for (const username of ['lead-a', 'ann']) {
      const session = (await logIn(running.url, username)).token;
      expect((await call(running.url, session, 'POST', KEYS_PATH, { name: 'mine' })).status).toBe(403);
      expect((await call(running.url, session, 'GET', KEYS_PATH)).status).toBe(403);
      expect((await call(running.url, session, 'DELETE', `${KEYS_PATH}/${key.id}`)).status).toBe(403);
    }
    // Nobody signed in, a wallboard, and an API key itself (a key is not a session).
    expect((await call(running.url, undefined, 'POST', KEYS_PATH, { name: 'x' })).status).toBe(401);
    expect((await call(running.url, secret, 'GET', KEYS_PATH)).status).toBe(401);
    expect((await call(running.url, floor.token, 'GET', KEYS_PATH)).status).toBe(403);
    expect((await listKeys(running.url, boss)).find((k) => k.id === key.id)?.revokedAt).toBeNull();
  });

  it('names keys uniquely among live ones, with a safe charset', async () => {
    await createKey(running.url, boss, 'crm-unique');
    const again = await call(running.url, boss, 'POST', KEYS_PATH, { name: 'crm-unique' });
    expect(again.status).toBe(409);
    for (const name of ['', 'has space', 'x'.repeat(33), '<b>', 'crm\nx', 'crm:1']) {
      const res = await call(running.url, boss, 'POST', KEYS_PATH, { name });
      expect(res.status, name).toBe(400);
    }
    expect((await call(running.url, boss, 'POST', KEYS_PATH, { name: 'a', extra: 1 })).status).toBe(400);
    // Once revoked, the name is free again.
    const { key } = await createKey(running.url, boss, 'crm-reuse');
    await call(running.url, boss, 'DELETE', `${KEYS_PATH}/${key.id}`);
    expect((await createKey(running.url, boss, 'crm-reuse')).key.id).not.toBe(key.id);
  });

  it('shows the secret once: never in the list, the stream or the logs; lists when it was last used', async () => {
    const { key, secret } = await createKey(running.url, boss, 'crm-secret');
    expect(secret).toMatch(new RegExp(`^fbk_${key.id}_[A-Za-z0-9_-]{43}$`));
    const hidden = secret.slice(`fbk_${key.id}_`.length);
    let listed = (await listKeys(running.url, boss)).find((k) => k.id === key.id)!;
    expect(listed).toEqual({ ...key, lastUsedAt: null, revokedAt: null });
    expect((await postEvents(running.url, secret, [outcome('c-secret')])).status).toBe(200);
    listed = (await listKeys(running.url, boss)).find((k) => k.id === key.id)!;
    expect(listed.lastUsedAt).toEqual(expect.any(Number));
    // A refused try with the key's id and a wrong secret is logged too, without either secret.
    await postEvents(running.url, `fbk_${key.id}_${'B'.repeat(43)}`, [outcome('c-x')]);
    const everything = [
      JSON.stringify(await call(running.url, boss, 'GET', KEYS_PATH)),
      JSON.stringify(await floor.writer.xrange(floor.config.stream, '-', '+')),
      lines.join('\n'),
    ].join('\n');
    expect(everything).not.toContain(hidden);
    expect(everything).not.toContain('B'.repeat(43));
    // Nor its hash: the list has no field that could carry it.
    expect(Object.keys(listed).sort()).toEqual(['createdAt', 'createdBy', 'id', 'lastUsedAt', 'name', 'revokedAt']);
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'ingest key created', name: 'crm-secret' }));
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'events ingested', source: 'crm-secret' }));
  });
});
