import { noonZone } from '../support/noonZone';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FloorResponse } from '../../shared/contracts/http';
import type { SourceEvent } from '../../shared/events/callEvent';
import { formatBlock } from '../../server/adapters/asterisk/amiFraming';
import { startFakeAmiServer, type FakeAmiServer } from '../../server/dev/fakePbx/amiServer';
import { createAmiScript } from '../../server/dev/fakePbx/amiScript';
import { createSourceHealthRepo } from '../../server/redis/sourceHealthRepo';
import { redisKeys } from '../../server/redis/keys';
import { adapterFiles, startAdapter } from './support/adapterRun';
import { call } from './support/people';
import { createTestFloor, startTestApp, type RunningApp, type TestFloor } from './support/testApp';
import { waitFor } from './support/waitFor';

// End to end: fake Asterisk -> the adapter (real runner, real sink) -> redis-server -> the server -> GET /api/floor.
const SECRET = 'ami-secret';
const PHONES: Record<string, string> = { 'rep-a1': 'PJSIP/2001', 'rep-a2': 'PJSIP/2002' };
let floor: TestFloor;
let running: RunningApp;
let pbx: FakeAmiServer;
let files: Awaited<ReturnType<typeof adapterFiles>>;
let transcript = 'Asterisk Call Manager/9.0.0\r\n';

/** The day's script, as the simulator would write it: two reps, six calls, a lunch. */
function script(t0: number): SourceEvent[] {
  const s = (seconds: number) => t0 + seconds * 1000;
  const calls: SourceEvent[] = [];
  const answered = (rep: string, c: string, at: number, talk: number, outcome: SourceEvent | null) => {
    calls.push({ type: 'call.dial', rep, call: c, at: s(at) });
    calls.push({ type: 'call.answer', rep, call: c, at: s(at + 10) });
    calls.push({ type: 'call.hangup', rep, call: c, at: s(at + 10 + talk) });
    if (outcome) calls.push(outcome);
  };
  const failed = (rep: string, c: string, at: number, outcome: 'busy' | 'no_answer' | 'invalid') => {
    calls.push({ type: 'call.dial', rep, call: c, at: s(at) });
    calls.push({ type: 'call.hangup', rep, call: c, at: s(at + 8) });
    calls.push({ type: 'call.outcome', rep, call: c, outcome, at: s(at + 9) });
  };
  calls.push({ type: 'rep.login', rep: 'rep-a1', at: s(0) }, { type: 'rep.login', rep: 'rep-a2', at: s(1) });
  answered('rep-a1', 'c1', 60, 120, {
    type: 'call.outcome',
    rep: 'rep-a1',
    call: 'c1',
    outcome: 'sale',
    amount: 1500,
    at: s(200),
  });
  failed('rep-a1', 'c2', 300, 'no_answer');
  answered('rep-a1', 'c3', 400, 30, {
    type: 'call.outcome',
    rep: 'rep-a1',
    call: 'c3',
    outcome: 'refused',
    reason: 'too expensive',
    at: s(450),
  });
  failed('rep-a2', 'c4', 100, 'busy');
  failed('rep-a2', 'c5', 200, 'invalid');
  answered('rep-a2', 'c6', 300, 90, { type: 'call.outcome', rep: 'rep-a2', call: 'c6', outcome: 'lead', at: s(420) });
  calls.push(
    { type: 'rep.pause', rep: 'rep-a1', reason: 'lunch', at: s(500) },
    { type: 'rep.ready', rep: 'rep-a1', at: s(800) },
  );
  calls.push({ type: 'rep.logout', rep: 'rep-a1', at: s(900) }, { type: 'rep.logout', rep: 'rep-a2', at: s(901) });
  return calls.sort((a, b) => a.at - b.at);
}

const floorNow = async () => (await call(running.url, floor.token, 'GET', '/api/floor')).body as FloorResponse;
const figures = (view: FloorResponse) =>
  view.reps.map(({ version: _version, ...row }) => row).sort((a, b) => a.id.localeCompare(b.id));

/** The floor once the server has folded everything in the stream. */
async function settledFloor(): Promise<FloorResponse> {
  const [newest] = await floor.writer.xrevrange(floor.config.stream, '+', '-', 'COUNT', 1);
  const last = newest?.[0];
  return waitFor('the server folded the stream', async () => {
    const view = await floorNow();
    return view.cursor === last && view;
  });
}

beforeAll(async () => {
  // The adapter stamps with the real clock and refuses times ahead of it: the server runs on the
  // real clock too, in a zone where it is now about noon, so an hour ago is today at any hour.
  floor = createTestFloor(inject('redisUrl'), { FLOORBOARD_TZ: noonZone(Date.now()).timeZone });
  running = await startTestApp(floor.config, Date.now);
  pbx = await startFakeAmiServer({ username: 'floorboard', secret: SECRET });
  files = await adapterFiles(
    { agents: Object.entries(PHONES).map(([rep, phone]) => ({ rep, team: 'team-a', endpoints: [phone] })) },
    SECRET,
  );
});

afterAll(async () => {
  await pbx?.close();
  await running?.stop();
  await floor?.writer.quit();
});

const env = () => ({
  REDIS_URL: floor.config.redisUrl,
  FLOORBOARD_STREAM: floor.config.stream,
  FLOORBOARD_KEY_PREFIX: floor.config.keyPrefix,
});

describe('Asterisk adapter, end to end', () => {
  let live: FloorResponse;

  it('puts on the floor exactly what the calls on the PBX imply, across a dropped connection', async () => {
    const run = startAdapter(
      ['asterisk', '--port', String(pbx.port), '--username', 'floorboard', '--secret-file', files.secret].concat([
        '--agents',
        files.agents,
        '--max-backoff-seconds',
        '1',
      ]),
      env(),
    );
    await waitFor('the adapter logged in', () => pbx.clients === 1);
    const play = createAmiScript((rep) => PHONES[rep]!);
    const events = script(Date.now() - 3600_000);
    for (const [i, event] of events.entries()) {
      if (i === 4) {
        // Mid-call (c1 answered, its hang-up to come): the PBX restarts; the adapter logs in again.
        expect(events[i - 1]).toMatchObject({ type: 'call.answer', call: 'c1' });
        pbx.drop();
        await waitFor('the adapter logged in again', () => pbx.clients === 1, 5000);
      }
      for (const block of play(event)) {
        pbx.event(block);
        transcript += formatBlock(block);
      }
    }
    const view = await waitFor('every rep logged out', async () => {
      const v = await floorNow();
      return (
        v.reps.filter((r) => r.status === 'offline').length === 2 && v.reps.reduce((n, r) => n + r.leads, 0) === 2 && v
      );
    });
    const [a1, a2] = figures(view);
    expect(a1).toMatchObject({
      dials: 3,
      connects: 2,
      effectiveCalls: 1,
      talkSeconds: 150,
      leads: 1,
      deals: 1,
      revenue: 1500,
    });
    expect(a1!.pauseSeconds).toBe(300);
    expect(a2).toMatchObject({
      dials: 3,
      connects: 1,
      effectiveCalls: 1,
      talkSeconds: 90,
      leads: 1,
      deals: 0,
      revenue: 0,
    });
    expect(view.totals).toMatchObject({ dials: 6, connects: 3, leads: 2, deals: 1, revenue: 1500 });

    // The adapter writes its health every 5 s: the record that counts these events may come after the floor has them.
    const health = await waitFor('the health record counting the events', async () => {
      const all = await createSourceHealthRepo(floor.writer, redisKeys(floor.config)).loadAll();
      return (all[0]?.eventsPerMinute ?? 0) > 30 && all;
    });
    expect(health).toEqual([expect.objectContaining({ source: 'asterisk', connected: true, errorsPerMinute: 0 })]);
    expect(health[0]!.eventsPerMinute).toBeGreaterThan(30);
    expect(await run.stop()).toBe(0);
    const after = await createSourceHealthRepo(floor.writer, redisKeys(floor.config)).loadAll();
    expect(after[0]).toMatchObject({ connected: false, lastError: 'stopped' });
    live = await settledFloor();
  });

  it('changes nothing when the same transcript is replayed, twice', async () => {
    const file = join(files.dir, 'transcript.ami');
    await writeFile(file, transcript);
    const written = await floor.writer.xlen(floor.config.stream);
    for (let i = 1; i <= 2; i++) {
      const replay = startAdapter(['asterisk', '--replay', file, '--agents', files.agents], env());
      expect(await replay.done).toBe(0);
      // Every event is written again (the same ids and times), and the fold counts none twice.
      expect(await floor.writer.xlen(floor.config.stream)).toBe(written * (i + 1));
      const view = await settledFloor();
      expect(figures(view)).toEqual(figures(live));
      expect(view.totals).toEqual(live.totals);
    }
  });
});
