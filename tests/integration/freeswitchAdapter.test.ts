import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freeswitchAdapter } from '../../server/adapters/freeswitch';
import type { EventSink } from '../../server/adapters/types';
import type { FloorResponse } from '../../shared/contracts/http';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { TEST_AGENTS, recordingContext, scriptedMorning, startFakeEsl, type FakeEsl } from '../support/fakeEsl';
import {
  createTestFloor,
  noonClock,
  startTestApp,
  testDayNoon,
  type RunningApp,
  type TestFloor,
} from './support/testApp';
import { waitFor } from './support/waitFor';

// The real path: a FreeSWITCH event socket (a fake one speaking the protocol) → the adapter → a
// real redis-server stream → the real server → GET /api/floor.

let floor: TestFloor;
let running: RunningApp;
let esl: FakeEsl;
let lastId = '';
const dir = mkdtempSync(join(tmpdir(), 'esl-e2e-'));
const t0 = testDayNoon() - 900_000;
const frames = scriptedMorning(t0);

/** The smallest stream sink: XADD each event's contract fields, in order. */
const xaddSink = (): EventSink => ({
  async write(events) {
    for (const event of events) lastId = (await floor.writer.xadd(floor.config.stream, '*', ...toStreamFields(event)))!;
  },
});

const figures = async () => {
  const res = await fetch(`${running.url}/api/floor`, { headers: { authorization: `Bearer ${floor.token}` } });
  expect(res.status).toBe(200);
  const view = (await res.json()) as FloorResponse;
  const row = view.reps.find((r) => r.id === 'rep-a1');
  return { cursor: view.cursor, row };
};

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'));
  running = await startTestApp(floor.config, noonClock());
  esl = await startFakeEsl('ClueCon');
  writeFileSync(join(dir, 'agents.json'), JSON.stringify(TEST_AGENTS));
  writeFileSync(join(dir, 'password'), 'ClueCon\n');
});

afterAll(async () => {
  await esl?.close();
  await running?.stop();
  await floor?.writer.quit();
});

describe('freeswitch adapter end to end', () => {
  it('puts the scripted calls on the floor; replaying the same transcript changes nothing', async () => {
    const rec = recordingContext();
    const context = { ...rec.context, sink: xaddSink() };
    const argv = [
      '--port',
      String(esl.port),
      '--password-file',
      join(dir, 'password'),
      '--agents',
      join(dir, 'agents.json'),
    ];
    const live = freeswitchAdapter.run(argv, context);
    const socket = await esl.subscribed();
    socket.write(Buffer.concat(frames));
    await waitFor('the break folded', async () => (await figures()).row?.status === 'paused');
    const expected = {
      status: 'paused',
      pauseReason: 'break',
      name: 'Ann Lee',
      team: 'team-a',
      dials: 5,
      connects: 2,
      effectiveCalls: 1,
      talkSeconds: 120,
      leads: 1,
      deals: 1,
      revenue: 120.5, // (a wallboard token's view carries no refusal reasons)
    };
    const first = await figures();
    expect(first.row).toMatchObject(expected);
    rec.stop();
    await live;

    const transcript = join(dir, 'capture.esl');
    writeFileSync(transcript, Buffer.concat([Buffer.from('Content-Type: auth/request\n\n'), ...frames]));
    const replay = recordingContext();
    await freeswitchAdapter.run(['--replay', transcript, '--agents', join(dir, 'agents.json')], {
      ...replay.context,
      sink: xaddSink(),
    });
    await waitFor('the replay read', async () => (await figures()).cursor === lastId);
    expect((await figures()).row).toMatchObject(expected);
  });
});
