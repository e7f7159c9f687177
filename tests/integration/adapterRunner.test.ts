import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SourceEvent } from '../../shared/events/callEvent';
import { formatBlock } from '../../server/adapters/asterisk/amiFraming';
import { createHealthTracker } from '../../server/adapters/healthTracker';
import { createStreamSink } from '../../server/adapters/sinks';
import { createCommandConnection } from '../../server/redis/connections';
import { ensureRedisServerInstalled, findFreePort, startRedisServer } from '../support/redisServer';
import { startFakeEsl } from '../support/fakeEsl';
import { adapterFiles, startAdapter } from './support/adapterRun';
import { createTestFloor, type TestFloor } from './support/testApp';
import { waitFor } from './support/waitFor';

let files: Awaited<ReturnType<typeof adapterFiles>>;
let floor: TestFloor;
const quietLog = { info: () => {}, warn: () => {} };
const T = Math.floor(Date.now() / 1000) - 600;

beforeAll(async () => {
  files = await adapterFiles({ agents: [{ rep: 'rep-001', endpoints: ['PJSIP/1001'] }] }, 'secret');
  floor = createTestFloor(inject('redisUrl'));
});
afterAll(async () => floor?.writer.quit());

const replayOf = async (name: string, blocks: Record<string, string | number>[]) => {
  const file = join(files.dir, name);
  await writeFile(file, blocks.map(formatBlock).join(''));
  return file;
};

describe('npm run adapter', () => {
  it('lists the sources and their flags with --help, and exits 2 without a source', async () => {
    const help = startAdapter(['--help']);
    expect(await help.done).toBe(0);
    expect(help.out.join('\n')).toMatch(/Usage: npm run adapter -- <source> \[--dry-run\]/);
    expect(help.out.join('\n')).toMatch(/asterisk --agents agents\.json/);
    expect(await startAdapter([]).done).toBe(2);
  });

  it('exits 2 naming the problem for an unknown source, a bad --name, a missing flag or file', async () => {
    const cases: [string[], RegExp][] = [
      [['sip-trunk'], /unknown source "sip-trunk"; sources: asterisk/],
      [['asterisk', '--name', 'a b', '--dry-run'], /--name must be 1-64 chars/],
      [['asterisk', '--dry-run', '--replay', 'x.ami'], /--agents FILE is required/],
      [
        ['asterisk', '--dry-run', '--agents', files.agents, '--replay', join(files.dir, 'none.ami')],
        /--replay .*none\.ami: ENOENT/,
      ],
      [
        ['asterisk', '--dry-run', '--agents', files.agents, '--username', 'u', '--port', '99999'],
        /--port must be 1-65535/,
      ],
      [['asterisk', '--dry-run', '--agents', files.secret, '--replay', 'x'], /agents file .*secret: not valid JSON/],
    ];
    const badRedis = startAdapter(['asterisk', '--agents', files.agents, '--replay', 'x'], { REDIS_URL: 'http://x' });
    expect(await badRedis.done).toBe(2);
    expect(badRedis.logs.join('\n')).toMatch(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    for (const [argv, message] of cases) {
      const run = startAdapter(argv);
      expect(await run.done, argv.join(' ')).toBe(2);
      expect(run.logs.join('\n')).toMatch(message);
      expect(run.logs.join('\n')).not.toContain('secret\n'); // a file's content never reaches the log
    }
  });

  it('exits 2 naming the problem for bad freeswitch and csv flags and files, like asterisk', async () => {
    const missing = join(files.dir, 'none.csv');
    const cases: [string[], RegExp][] = [
      [['freeswitch', '--dry-run', '--replay', 'x.esl'], /freeswitch: --agents FILE is required/],
      [['freeswitch', '--dry-run', '--agents', files.agents], /--password-file F \(or FLOORBOARD_ESL_PASSWORD\)/],
      [['freeswitch', '--dry-run', '--agents', files.agents, '--bogus'], /freeswitch: Unknown option '--bogus'/],
      [['freeswitch', '--dry-run', '--agents', files.agents, '--replay', 'x', 'extra'], /unexpected argument "extra"/],
      [
        ['freeswitch', '--dry-run', '--agents', files.agents, '--replay', 'x', '--port', '70000'],
        /--port must be an integer 1-65535/,
      ],
      [['freeswitch', '--dry-run', '--agents', files.secret, '--replay', 'x'], /secret: not JSON/],
      [['freeswitch', '--dry-run', '--agents', missing, '--replay', 'x'], /agents file .*none\.csv: ENOENT/],
      [['freeswitch', '--dry-run', '--agents', files.agents, '--replay', missing], /--replay .*none\.csv: ENOENT/],
      [
        ['freeswitch', '--dry-run', '--agents', files.agents, '--password-file', missing],
        /--password-file .*none\.csv: ENOENT/,
      ],
      [['csv', '--dry-run'], /csv: give exactly one FILE/],
      [['csv', '--dry-run', missing, '--format', 'excel'], /--format must be vicidial or generic/],
      [['csv', '--dry-run', missing, '--format', 'generic'], /--format generic needs --map/],
      [['csv', '--dry-run', missing, '--format', 'vicidial'], /csv: .*none\.csv: ENOENT/],
      [
        ['csv', '--dry-run', files.agents, '--format', 'generic', '--map', files.secret],
        /--map .*secret: not valid JSON/,
      ],
      [['csv', '--dry-run', files.agents, '--format', 'vicidial', '--agents', files.secret], /secret: not JSON/],
    ];
    for (const [argv, message] of cases) {
      const run = startAdapter(argv);
      expect(await run.done, argv.join(' ')).toBe(2);
      const logs = run.logs.join('\n');
      expect(logs, argv.join(' ')).toMatch(message);
      expect(logs).toMatch(/Usage|--format vicidial\|generic|--agents agents\.json/); // the usage follows
      expect(logs).not.toContain('secret\n'); // a file's content never reaches the log
    }
  });

  it('takes the ESL password from FLOORBOARD_ESL_PASSWORD when no --password-file is given', async () => {
    const esl = await startFakeEsl('from-env');
    try {
      const argv = ['freeswitch', '--dry-run', '--agents', files.agents, '--port', String(esl.port)];
      const run = startAdapter(argv, { FLOORBOARD_ESL_PASSWORD: 'from-env' });
      await esl.subscribed();
      expect(esl.commands[0]![0]).toBe('auth from-env');
      expect(await run.stop()).toBe(0);
      const blank = startAdapter(argv, { FLOORBOARD_ESL_PASSWORD: 'two\nlines' });
      expect(await blank.done).toBe(2);
      expect(blank.logs.join('\n')).toMatch(/FLOORBOARD_ESL_PASSWORD must be one line/);
    } finally {
      await esl.close();
    }
  });

  it('writes nothing the server would refuse: such an event is a source error, the rest goes on', async () => {
    const outcome = { Event: 'UserEvent', UserEvent: 'FloorboardOutcome', Linkedid: `${T}.1`, Rep: 'rep-001' };
    const file = await replayOf('bad.ami', [
      { ...outcome, Timestamp: T, Outcome: 'sale', Amount: '12.345' },
      { ...outcome, Timestamp: T, Outcome: 'lead' },
      { ...outcome, Timestamp: T + 86_400 * 30, Outcome: 'lead' },
    ]);
    const run = startAdapter(['asterisk', '--dry-run', '--replay', file, '--agents', files.agents]);
    expect(await run.done).toBe(0);
    expect(run.out.map((line) => JSON.parse(line) as Record<string, string>)).toEqual([
      { type: 'call.outcome', rep: 'rep-001', call: `${T}.1`, outcome: 'lead', ts: String(T * 1000) },
    ]);
    const logs = run.logs.join('\n');
    expect(logs).toMatch(/event not written: call.outcome of rep-001: amount: must be a non-negative amount/);
    expect(logs).toMatch(/event not written: call.outcome of rep-001: ts: .* ahead of the entry's arrival/);
  });

  it('writes contract fields to the stream and keeps them until Redis comes back', async () => {
    await ensureRedisServerInstalled();
    const port = await findFreePort();
    const redis = createCommandConnection(`redis://127.0.0.1:${port}`);
    redis.on('error', () => {});
    const warnings: string[] = [];
    const log = { info: () => {}, warn: (m: string) => void warnings.push(m) };
    const controller = new AbortController();
    const health = createHealthTracker('asterisk');
    const sink = createStreamSink({ redis, stream: 'events', health, log, signal: controller.signal });
    const events: SourceEvent[] = Array.from({ length: 1200 }, (_, i) => ({
      type: 'call.dial',
      rep: 'rep-001',
      call: `c${i}`,
      at: T * 1000 + i,
    }));
    // Redis is not there yet: the write waits and retries instead of failing or dropping.
    let settled = false;
    const written = sink.write(events).finally(() => (settled = true));
    await waitFor('a retry', () =>
      warnings.some((w) => /(cannot write to Redis|XADD\(s\) failed) .*; retrying/.test(w)),
    );
    expect(settled).toBe(false);
    const server = await startRedisServer({ port });
    try {
      await written;
      const entries = await redis.xrange('events', '-', '+');
      expect(entries.map(([, fields]) => fields[5])).toEqual(events.map((e) => (e as { call: string }).call));
      expect(entries[0]![1]).toEqual(['type', 'call.dial', 'rep', 'rep-001', 'call', 'c0', 'ts', String(T * 1000)]);
    } finally {
      redis.disconnect();
      await server.stop();
    }
  });

  it('gives up the retries when the run is aborted, saying how many events were not written', async () => {
    const redis = createCommandConnection(`redis://127.0.0.1:${await findFreePort()}`);
    redis.on('error', () => {});
    const controller = new AbortController();
    const sink = createStreamSink({
      redis,
      stream: 'events',
      health: createHealthTracker('asterisk'),
      log: quietLog,
      signal: controller.signal,
    });
    const written = sink.write([{ type: 'rep.ready', rep: 'rep-001', at: T * 1000 }]);
    controller.abort();
    await expect(written).rejects.toThrow(/stopped with 1 event\(s\) not written/);
    redis.disconnect();
  });
});
