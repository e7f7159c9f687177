import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCallEvent } from '../../shared/events/parseCallEvent';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import type { DeadLettersResponse, HealthResponse } from '../../shared/contracts/http';
import { floorScript } from './support/floorScript';
import { hostileEntry, seeded } from './support/hostile';
import { addPeople, call, logIn } from './support/people';
import { comparable, referenceFloor } from './support/reference';
import {
  connectClient,
  createTestFloor,
  noonClock,
  startTestApp,
  testDayNoon,
  type RunningApp,
  type TestFloor,
} from './support/testApp';
import { waitFor } from './support/waitFor';

let floor: TestFloor;
let running: RunningApp;
const today = new Date(testDayNoon()).toISOString().slice(0, 10);

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'));
  running = await startTestApp(floor.config, noonClock());
  await addPeople(floor.config);
});
afterAll(async () => {
  await running?.stop();
  await floor?.writer.quit();
});

describe('fuzzing: hostile input never stops the floor or loses a good event', () => {
  it('dead-letters 10,000 hostile entries with reasons and counts every good entry between them', async () => {
    const random = seeded(99);
    const good = floorScript({ reps: 8, callsPerRep: 40, startAt: testDayNoon() - 3 * 3600_000, seed: 5 });
    const pipeline = floor.writer.pipeline();
    let hostile = 0;
    let g = 0;
    for (let i = 0; i < 10_000; i++) {
      const fields = hostileEntry(random, i);
      expect(parseCallEvent('1-0', fields).ok, JSON.stringify(fields).slice(0, 200)).toBe(false);
      pipeline.xadd(floor.config.stream, '*', ...fields);
      hostile++;
      if (i % 4 === 0 && g < good.length) pipeline.xadd(floor.config.stream, '*', ...toStreamFields(good[g++]!));
    }
    while (g < good.length) pipeline.xadd(floor.config.stream, '*', ...toStreamFields(good[g++]!));
    const results = (await pipeline.exec()) ?? [];
    const last = results.at(-1)![1] as string;
    await waitFor('reader through the fuzz', () => running.app.floor.cursor() === last, 30_000);

    const dead = await floor.writer.xrange(floor.config.deadLetterStream, '-', '+');
    expect(dead).toHaveLength(hostile);
    for (const [, fields] of dead) expect(fields[fields.indexOf('reason') + 1]).toMatch(/^[\w.]+: .+/);
    // A supervisor's view: a wallboard's leaves call-backs and refusal reasons out.
    const { token: boss } = await logIn(running.url, 'boss');
    const view = comparable((await call(running.url, boss, 'GET', '/api/floor')).body as never);
    expect(view.totals.dials).toBe(good.filter((e) => e.type === 'call.dial').length);
    expect(view).toEqual(comparable(await referenceFloor(floor.writer, floor.config, today)));
    const health = (await (
      await fetch(`${running.url}/healthz`, { headers: { authorization: `Bearer ${floor.metricsToken}` } })
    ).json()) as HealthResponse;
    expect(health.deadLetters).toBe(hostile);
    const shown = (await call(running.url, boss, 'GET', '/api/dead-letters?limit=5')).body as DeadLettersResponse;
    expect(shown.total).toBe(hostile);
    expect(shown.entries).toHaveLength(5);
    expect(shown.entries[0]).toMatchObject({ reason: expect.stringMatching(/: /), fields: expect.any(Array) });
    expect(health.status).toBe('ok');
  });

  it('answers random HTTP payloads with a 4xx and a reason, never a 5xx', async () => {
    // Writes are rate-limited per session (30 at once): spread the fuzz over ten sessions.
    // One after another: parallel log-ins of one account count against its attempt allowance.
    const tokens: string[] = [];
    for (let i = 0; i < 10; i++) tokens.push((await logIn(running.url, 'boss')).token);
    const token = tokens[0]!;
    const random = seeded(7);
    const values = [
      null,
      0,
      -1,
      1e308,
      '',
      'x'.repeat(5000),
      [],
      {},
      { rep: {} },
      true,
      '<img src=x onerror=alert(1)>',
      '💥',
    ];
    const pick = () => values[Math.floor(random() * values.length)];
    const routes: [string, string][] = [
      ['POST', '/api/coaching-notes'],
      ['PUT', '/api/targets'],
      ['POST', '/api/users'],
      ['POST', '/api/kiosks'],
      ['POST', '/api/auth/login'],
      ['PUT', '/api/users/boss/password'],
    ];
    for (let i = 0; i < 300; i++) {
      const [method, path] = routes[i % routes.length]!;
      const body =
        random() < 0.5
          ? pick()
          : {
              rep: pick(),
              text: pick(),
              scope: pick(),
              username: pick(),
              name: pick(),
              password: pick(),
              targets: pick(),
            };
      const res = await call(running.url, tokens[i % tokens.length], method, path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body).slice(0, 100)}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect((res.body as { error?: unknown }).error).toEqual(expect.any(String));
    }
    for (const query of ['?rep=', '?rep=%00', `?rep=${'r'.repeat(100)}`, '?team=a%20b', '?rep[]=x']) {
      const res = await call(running.url, token, 'GET', `/api/coaching-notes${query}`);
      expect(res.status, query).toBe(400);
    }
    const huge = await fetch(`${running.url}/api/coaching-notes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rep: 'rep-a1', text: 'x'.repeat(100_000) }),
    });
    expect(huge.status).toBe(413);
  });

  it('slows down a session that writes too fast, with Retry-After', async () => {
    const { token } = await logIn(running.url, 'lead-a');
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push(
        (await call(running.url, token, 'POST', '/api/coaching-notes', { rep: 'rep-zz', text: 'x' })).status,
      );
    }
    expect(statuses.slice(0, 30).every((s) => s === 403)).toBe(true); // no such rep on the team: refused, but counted
    expect(statuses.slice(30)).toContain(429);
    const other = (await logIn(running.url, 'boss')).token;
    expect(
      (
        await call(running.url, other, 'PUT', '/api/targets', {
          scope: { kind: 'floor' },
          period: 'daily',
          targets: {},
        })
      ).status,
    ).toBe(200);
  });

  it('survives random socket payloads and keeps serving', async () => {
    const { token } = await logIn(running.url, 'ann');
    const socket = connectClient(running.url, token);
    await new Promise<void>((resolve) => socket.once('floor:snapshot', () => resolve()));
    const emitAny = socket.emit.bind(socket) as unknown as (event: string, ...args: unknown[]) => void;
    const answers: unknown[] = [];
    const payloads = [null, 42, {}, 'x'.repeat(10_000), ['a'], '00000000-0000-0000-0000-000000000000'];
    for (const payload of payloads) {
      // note:ack was a socket command once; commands go over HTTP now, so nobody answers it.
      emitAny('note:ack', payload, (answer: unknown) => answers.push(answer));
      emitAny('no:such:event', payload, (answer: unknown) => answers.push(answer));
    }
    let snapshots = 0;
    socket.on('floor:snapshot', () => snapshots++);
    // The server handles a socket's packets in order: the answer to the first resync (the
    // others fall in its one-a-second limit) shows it went past all of the above still connected.
    for (const payload of payloads) emitAny('floor:resync', payload);
    await waitFor('the resync answered', () => snapshots === 1);
    expect(socket.connected).toBe(true);
    expect(answers).toEqual([]);
    socket.disconnect();
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  });
});
