import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DeadLettersResponse } from '../../shared/contracts/http';
import { createApp } from '../../server/app';
import type { App } from '../../server/appTypes';
import { silentLog } from '../../server/log';
import { startCallEventReader } from '../../server/redis/callEventStream';
import { createBlockingConnection, createCommandConnection } from '../../server/redis/connections';
import { createDeadLetterRepo } from '../../server/redis/deadLetterRepo';
import { redisKeys } from '../../server/redis/keys';
import type { CallEvent } from '../../shared/events/callEvent';
import { addPeople, call, logIn } from './support/people';
import { createTestFloor, noonClock, testDayNoon, type TestFloor } from './support/testApp';
import { waitFor } from './support/waitFor';

const MB = 1024 * 1024;
const chunk = (list: string[]) => Object.fromEntries(list.flatMap((v, i) => (i % 2 === 0 ? [[v, list[i + 1]]] : [])));

describe('a 64 MB field (issue #10: it was copied whole into Node and into the dead-letter stream)', () => {
  let floor: TestFloor;
  let app: App;
  let url: string;
  const readerConnections: Redis[] = [];
  let redis: Redis;
  const giant = 'x'.repeat(64 * MB);

  beforeAll(async () => {
    floor = createTestFloor(inject('redisUrl'));
    await addPeople(floor.config);
    redis = createCommandConnection(floor.config.redisUrl).on('error', () => {});
    app = createApp({
      config: floor.config,
      redis,
      connectBlocking: () => {
        const conn = createBlockingConnection(floor.config.redisUrl).on('error', () => {});
        readerConnections.push(conn);
        return conn;
      },
      connectSubscriber: () => createBlockingConnection(floor.config.redisUrl).on('error', () => {}),
      clock: noonClock(),
      log: silentLog,
      readerBlockMs: 500,
    });
  });
  afterAll(async () => {
    await app?.stop();
    redis?.disconnect();
    await floor?.writer.quit();
  });

  it('never reaches Node whole, in history or live; the dead letter and the admin list keep an excerpt', async () => {
    const at = testDayNoon() - 60_000;
    // One before start (history replay), one after (live read), each followed by a good dial.
    await floor.addRaw(['type', 'call.dial', 'rep', 'rep-1', 'call', 'c0', 'note', giant]);
    await floor.add({ type: 'call.dial', rep: 'rep-1', call: 'c1', at });
    url = `http://127.0.0.1:${await app.start()}`;
    await floor.addRaw(['type', 'call.dial', 'rep', 'rep-1', 'call', 'c2', 'note', giant]);
    const last = await floor.add({ type: 'call.dial', rep: 'rep-1', call: 'c3', at: at + 1000 });
    await waitFor('reader past both giants', () => app.floor.cursor() === last, 20_000);

    expect(app.floor.state().reps.get('rep-1')?.dials).toBe(2);
    const status = app.reader()!.status();
    expect(status).toMatchObject({ deadLettered: 2, reconnects: 0, unreadable: 0 });
    // What crossed the wire to the reader: the two excerpts and the small entries, not 128 MB.
    const bytesRead = readerConnections.reduce((sum, c) => sum + c.stream.bytesRead, 0);
    expect(bytesRead).toBeLessThan(64 * 1024);

    const dead = await floor.writer.xrange(floor.config.deadLetterStream, '-', '+');
    expect(dead).toHaveLength(2);
    for (const [n, [, fields]] of dead.entries()) {
      const record = chunk(fields);
      expect(record.reason).toBe(`note: ${64 * MB} bytes (max 1024 chars)`);
      expect(record.bytes).toBe(String(64 * MB + 'typecall.dialreprep-1callc0note'.length));
      expect(record.truncated).toBe('1');
      const excerpt = JSON.parse(record.fields!) as string[];
      expect(excerpt.slice(0, 6)).toEqual(['type', 'call.dial', 'rep', 'rep-1', 'call', `c${2 * n}`]);
      expect(excerpt[7]).toBe('x'.repeat(256));
      expect(fields.join('').length).toBeLessThan(2048);
    }

    const { token } = await logIn(url, 'boss');
    const res = await call(url, token, 'GET', '/api/dead-letters');
    const body = res.body as DeadLettersResponse;
    expect(body.total).toBe(2);
    expect(body.entries[0]).toMatchObject({ truncated: true, reason: expect.stringContaining('note: ') });
    expect(JSON.stringify(body).length).toBeLessThan(4096);
  }, 60_000);
});

describe('an entry Redis cannot hand over (a 512 MB field; here the unreadable bound of the test seam)', () => {
  it('is skipped by ID with a dead letter after 3 tries, in history and live, never retried for ever', async () => {
    const floor = createTestFloor(inject('redisUrl'));
    const keys = redisKeys(floor.config);
    const redis = new Redis(floor.config.redisUrl);
    const batches: CallEvent[] = [];
    const at = testDayNoon();
    const big = 'y'.repeat(2 * MB);
    await floor.add({ type: 'call.dial', rep: 'rep-1', call: 'c1', at });
    const firstBig = await floor.addRaw(['type', 'call.dial', 'rep', 'rep-1', 'call', 'c2', 'note', big]);
    await floor.add({ type: 'call.dial', rep: 'rep-1', call: 'c3', at });
    const reader = startCallEventReader(
      {
        connect: () => new Redis(floor.config.redisUrl, { maxRetriesPerRequest: null }),
        deadLetters: createDeadLetterRepo(redis, keys.deadLetters),
        keys,
        clock: Date.now,
        log: silentLog,
        onBatch: (events) => void batches.push(...events),
        blockMs: 200,
        pollMs: 20,
        unreadableBytes: MB,
        maxTsAheadMs: floor.config.maxTsAheadMs,
      },
      '0-0',
    );
    try {
      await reader.caughtUp;
      const secondBig = await floor.addRaw(['type', 'call.dial', 'rep', 'rep-1', 'call', 'c4', 'note', big]);
      const last = await floor.add({ type: 'call.dial', rep: 'rep-1', call: 'c5', at });
      await waitFor('live past the second', () => reader.status().cursor === last, 15_000);
      expect(batches.map((e) => ('call' in e ? e.call : e.type))).toEqual(['c1', 'c3', 'c5']);
      // History: the page fails, c1 alone is read, the page fails again, the big entry alone fails
      // three times and is skipped (5). Live: the page fails, then three single reads (4). Not for ever.
      expect(reader.status()).toMatchObject({ unreadable: 2, deadLettered: 2, reconnects: 9 });
      const dead = await floor.writer.xrange(floor.config.deadLetterStream, '-', '+');
      expect(dead.map(([, fields]) => chunk(fields).source)).toEqual([firstBig, secondBig]);
      expect(chunk(dead[0]![1]).reason).toBe(
        `entry: unreadable (${2 * MB + 'typecall.dialreprep-1callc2note'.length} bytes in 4 fields)`,
      );
    } finally {
      await reader.stop();
      redis.disconnect();
      await floor.writer.quit();
    }
  });
});

describe('the dead-letter repo', () => {
  it('reads a record of the old, unbounded format as a cut excerpt, and bounds a page by bytes', async () => {
    const floor = createTestFloor(inject('redisUrl'));
    const redis = new Redis(floor.config.redisUrl);
    const repo = createDeadLetterRepo(redis, floor.config.deadLetterStream);
    try {
      // What the old reader wrote for a 2 MB field: the fields, whole, as JSON.
      const old = JSON.stringify(['type', 'call.dial', 'note', 'z'.repeat(2 * MB)]);
      await redis.xadd(floor.config.deadLetterStream, '*', 'source', '1-1', 'reason', 'note: longer', 'fields', old);
      for (let i = 0; i < 30; i++)
        await repo.add([
          { source: `2-${i}`, reason: 'r', fields: Array(64).fill('w'.repeat(300)), strings: 64, bytes: 64 * 300 },
        ]);
      expect(await repo.lastSource()).toBe('2-29');
      const page = await repo.newest(200, 256 * 1024);
      expect(page.total).toBe(31);
      // 30 records of 64 x 256 chars are ~500 KB: the page stops near its byte budget.
      expect(page.entries.length).toBeGreaterThan(5);
      expect(page.entries.length).toBeLessThan(30);
      expect(page.entries[0]).toMatchObject({ source: '2-29', truncated: true, bytes: 64 * 300 });
      expect(page.entries[0]!.fields).toEqual(Array(64).fill('w'.repeat(256)));
      const all = await repo.newest(200, 64 * MB);
      const oldest = all.entries.at(-1)!;
      expect(oldest).toMatchObject({ source: '1-1', reason: 'note: longer', truncated: true, bytes: null, fields: [] });
      expect(JSON.stringify(all).length).toBeLessThan(30 * 64 * 300);
    } finally {
      redis.disconnect();
      await floor.writer.quit();
    }
  });
});
