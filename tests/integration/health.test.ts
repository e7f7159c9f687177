import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addPeople, logIn } from './support/people';
import { createTestFloor, noonClock, startTestApp, type RunningApp, type TestFloor } from './support/testApp';

let floor: TestFloor;
let running: RunningApp;

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'));
  running = await startTestApp(floor.config, noonClock());
  await addPeople(floor.config);
});

afterAll(async () => {
  await running?.stop();
  await floor?.writer.quit();
});

const get = (path: string, token?: string) =>
  fetch(`${running.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('/healthz and /metrics', () => {
  it('tell a load balancer the status and nothing else', async () => {
    for (const token of [undefined, floor.token, (await logIn(running.url, 'lead-a')).token, 'not-a-token']) {
      const res = await get('/healthz', token);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    }
  });

  it('give the whole report to a supervisor and to the metrics token', async () => {
    for (const token of [floor.metricsToken, (await logIn(running.url, 'boss')).token]) {
      const body = await (await get('/healthz', token)).json();
      expect(body).toMatchObject({
        status: 'ok',
        redis: 'up',
        stale: false,
        deadLetters: 0,
        sockets: 0,
        process: { rssBytes: expect.any(Number), eventLoopDelayP99Ms: expect.any(Number) },
      });
    }
  });

  it('serve Prometheus text to the metrics token or a supervisor only', async () => {
    for (const token of [undefined, floor.token, (await logIn(running.url, 'lead-a')).token])
      expect((await get('/metrics', token)).status).toBe(401);
    for (const token of [floor.metricsToken, (await logIn(running.url, 'boss')).token]) {
      const res = await get('/metrics', token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await res.text();
      expect(text).toMatch(/^floorboard_redis_up 1$/m);
      expect(text).toMatch(/^floorboard_sockets 0$/m);
      expect(text).toMatch(/^floorboard_dead_letters 0$/m);
      expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
      expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
    }
  });
});
