import { noonZone } from '../support/noonZone';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sourcesResponseSchema, type FloorResponse } from '../../shared/contracts/http';
import { redisKeys } from '../../server/redis/keys';
import { createSourceHealthRepo } from '../../server/redis/sourceHealthRepo';
import { adapterFiles, startAdapter } from './support/adapterRun';
import { addPeople, call, logIn } from './support/people';
import { createTestFloor, startTestApp, type RunningApp, type TestFloor } from './support/testApp';
import { waitFor } from './support/waitFor';

// End to end: a VICIdial export -> `npm run adapter -- csv` (the runner, its real stream sink) ->
// redis-server -> the server -> GET /api/floor.
let floor: TestFloor;
let running: RunningApp;
let files: Awaited<ReturnType<typeof adapterFiles>>;
let csv: string;

// In the past of the real clock (the sink refuses times ahead of it), and today: the server runs
// on the real clock in a zone where it is now about noon.
const S = Math.floor((Date.now() - 1800_000) / 1000);
const header =
  'uniqueid,lead_id,list_id,campaign_id,call_date,start_epoch,end_epoch,length_in_sec,status,phone_code,phone_number,user,comments,processed,user_group,term_reason,alt_dial';
const row = (uid: string, start: number | string, len: number, status: string, user: string) =>
  `${uid},77,101,OUTB,x,${start},${typeof start === 'number' ? start + len : ''},${len},${status},1,5551230001,${user},,N,AGENTS,CALLER,MAIN`;

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'), { FLOORBOARD_TZ: noonZone(Date.now()).timeZone });
  running = await startTestApp(floor.config, Date.now);
  await addPeople(floor.config);
  files = await adapterFiles(
    {
      agents: [
        { endpoints: ['6001'], rep: 'rep-c1', team: 'team-c', name: 'Cai Lin' },
        { endpoints: ['6002'], rep: 'rep-c2', team: 'team-c' },
      ],
    },
    'unused',
  );
  csv = join(files.dir, 'vicidial_log.csv');
  await writeFile(
    csv,
    [
      header,
      row(`${S}.1`, S, 120, 'SALE', '6001'), // answered 120 s: connect, effective call, lead and deal
      row(`${S + 200}.2`, S + 200, 0, 'NA', '6001'), // no answer
      row(`${S + 300}.3`, S + 300, 45, 'NI', '6001'), // answered 45 s: refused, not effective
      row(`${S + 100}.4`, S + 100, 0, 'B', '6002'), // busy
      row(`${S + 400}.5`, S + 400, 70, 'DNC', '6002'), // answered 70 s: refused (do not call)
      row(`${S + 450}.6`, S + 450, 0, 'NA', 'VDAD'), // the dialer's own row: skipped
      row(`${S + 500}.7`, 'yesterday', 0, 'NA', '6002'), // bad row: reported, the rest imported
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await running?.stop();
  await floor?.writer.quit();
});

const env = () => ({
  REDIS_URL: floor.config.redisUrl,
  FLOORBOARD_STREAM: floor.config.stream,
  FLOORBOARD_KEY_PREFIX: floor.config.keyPrefix,
});

async function settledFloor(): Promise<FloorResponse> {
  const [newest] = await floor.writer.xrevrange(floor.config.stream, '+', '-', 'COUNT', 1);
  return waitFor('the server folded the stream', async () => {
    const view = (await call(running.url, floor.token, 'GET', '/api/floor')).body as FloorResponse;
    return view.cursor === newest?.[0] && view;
  });
}
const figures = (view: FloorResponse) =>
  view.reps
    .filter((r) => r.id.startsWith('rep-c'))
    .map(({ id, dials, connects, effectiveCalls, talkSeconds, leads, deals, revenue }) => ({
      ...{ id, dials, connects, effectiveCalls, talkSeconds },
      ...{ leads, deals, revenue },
    }))
    .sort((a, b) => a.id.localeCompare(b.id));

describe('CSV import, end to end', () => {
  it('puts on the floor what the file implies; importing the same file again changes nothing', async () => {
    const first = startAdapter(['csv', csv, '--format', 'vicidial', '--agents', files.agents], env());
    expect(await first.done).toBe(0);
    const logs = first.logs.join('\n');
    expect(logs).toMatch(/vicidial_log\.csv:8: start_epoch: "yesterday" is not epoch seconds; row skipped/);
    expect(logs).toMatch(/7 rows read, 5 imported as \d+ events, 1 bad, 1 dialer rows without an agent skipped/);
    const expected = [
      { id: 'rep-c1', dials: 3, connects: 2, effectiveCalls: 1, talkSeconds: 165, leads: 1, deals: 1, revenue: 0 },
      { id: 'rep-c2', dials: 2, connects: 1, effectiveCalls: 1, talkSeconds: 70, leads: 0, deals: 0, revenue: 0 },
    ];
    const once = await settledFloor();
    expect(figures(once)).toEqual(expected);
    const length = await floor.writer.xlen(floor.config.stream);

    const again = startAdapter(['csv', csv, '--format', 'vicidial', '--agents', files.agents], env());
    expect(await again.done).toBe(0);
    expect(await floor.writer.xlen(floor.config.stream)).toBeGreaterThan(length); // written again...
    const twice = await settledFloor();
    expect(figures(twice)).toEqual(expected); // ...and counted once
    expect(twice.totals).toEqual(once.totals);

    // The last import's health (each run writes its own): its rows read and its bad row.
    const [health] = await createSourceHealthRepo(floor.writer, redisKeys(floor.config)).loadAll();
    expect(health).toMatchObject({ source: 'csv', eventsPerMinute: 6, errorsPerMinute: 1 });
    expect(health!.lastError).toMatch(/vicidial_log\.csv:8/);
    // A supervisor sees it on the stream health as an import that ended (no silent-source alert).
    const { token } = await logIn(running.url, 'boss');
    const listed = await call(running.url, token, 'GET', '/api/sources');
    expect(listed.status).toBe(200);
    const { sources, silentMinutes } = sourcesResponseSchema.parse(listed.body);
    expect(silentMinutes).toBe(5);
    expect(sources).toEqual([
      expect.objectContaining({ source: 'csv', kind: 'adapter', connected: false, endedAt: expect.any(Number) }),
    ]);
  });
});
