/**
 * Exports (issue #17 item 3) over real Redis and HTTP: CSV parsed back equals the leaderboard and
 * the saved day totals, per-campaign days saved at day end (and folded again from the stream when
 * the saved hash is missing), Chinese text and the BOM, XLSX typed cells, formula injection
 * defused, no personal data, and who may export what.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CampaignsResponse } from '../../shared/contracts/campaigns';
import type { NewKioskResponse } from '../../shared/contracts/http';
import type { LeaderboardResponse } from '../../shared/domain/leaderboard';
import type { SourceEvent } from '../../shared/events/callEvent';
import { addDays } from '../../shared/domain/leaderboard';
import { zeroCounts } from '../../shared/contracts/campaigns';
import { createCampaignDayRepo } from '../../server/exports/campaignDays';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { addPeople, call, logIn } from './support/people';
import {
  createTestFloor,
  noonClock,
  startTestApp,
  testDayNoon,
  type RunningApp,
  type TestFloor,
} from './support/testApp';
import { waitFor } from './support/waitFor';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const noon = testDayNoon();
const TODAY = new Date(noon).toISOString().slice(0, 10);
const YESTERDAY = addDays(TODAY, -1);
const PERSONAL = ['crm:', '13812345678', 'Mr Wang', 'Ms Li'];
const FORMULA = '=HYPERLINK("http://x","y")';

let floor: TestFloor;
let running: RunningApp;
const tokens: Record<string, string> = {};

function callOf(rep: string, id: string, at: number, campaign: string, outcome?: 'sale' | 'refused', amount = 0) {
  const events: SourceEvent[] = [
    { type: 'call.dial', rep, call: id, at, campaign, customer: `crm:${id}` } as SourceEvent,
    { type: 'call.answer', rep, call: id, at: at + 5000 },
    { type: 'call.hangup', rep, call: id, at: at + 95_000 },
  ];
  if (outcome)
    events.push({ type: 'call.outcome', rep, call: id, at: at + 96_000, outcome, ...(amount ? { amount } : {}) });
  return events;
}

async function get(who: string, path: string): Promise<Response> {
  return fetch(`${running.url}${path}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
}

async function csvOf(who: string, path: string): Promise<{ raw: Buffer; rows: Record<string, string>[] }> {
  const res = await get(who, path);
  expect(res.status).toBe(200);
  const raw = Buffer.from(await res.arrayBuffer());
  return { raw, rows: parse(raw, { bom: true, columns: true }) as Record<string, string>[] };
}

/** Every cell of every sheet, as text (an XLSX file is zipped: its bytes hide nothing and show nothing). */
async function xlsxText(data: ArrayBuffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data);
  const cells: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(cell.text))));
  expect(cells.length).toBeGreaterThan(0);
  return cells.join('\n');
}

beforeAll(async () => {
  // A zone ahead of UTC: times in the files are the floor's wall clock (20:00 here at UTC noon).
  floor = createTestFloor(inject('redisUrl'), { FLOORBOARD_TZ: 'Asia/Shanghai' });
  const y = noon - DAY;
  const events: SourceEvent[] = [
    { type: 'rep.login', rep: 'rep-a1', team: 'team-a', name: '张伟', at: y - HOUR },
    { type: 'rep.login', rep: 'rep-b1', team: 'team-b', name: FORMULA, at: y - HOUR },
    ...callOf('rep-a1', 'y-a1', y, 'spring', 'sale', 300),
    ...callOf('rep-a1', 'y-a2', y + 10 * MIN, 'spring', 'refused'),
    ...callOf('rep-b1', 'y-b1', y, 'autumn', 'sale', 50.5),
    // Today: the first event closes yesterday (its totals and per-campaign figures are saved).
    { type: 'rep.login', rep: 'rep-a1', team: 'team-a', name: '张伟', at: noon - 2 * HOUR },
    ...callOf('rep-a1', 't-a1', noon - HOUR, 'spring', 'sale', 120),
    ...callOf('rep-a1', 't-a2', noon - 50 * MIN, 'winter', undefined),
    ...callOf('rep-b1', 't-b1', noon - HOUR, 'autumn', 'refused'),
    { type: 'call.dial', rep: 'rep-a1', call: 'cb-1', at: noon - 100 * MIN, customer: 'crm:555' } as SourceEvent,
    {
      type: 'call.outcome',
      rep: 'rep-a1',
      call: 'cb-1',
      at: noon - 99 * MIN,
      outcome: 'callback',
      followUpAt: noon - 70 * MIN,
      contact: 'Mr Wang 13812345678',
      customer: 'crm:555',
    } as SourceEvent,
    {
      type: 'lead.handoff',
      rep: 'rep-a1',
      lead: 'L-1',
      to: 'team-b',
      contact: 'Ms Li',
      customer: 'crm:555',
      amount: 900,
      at: noon - 30 * MIN,
    } as SourceEvent,
  ];
  // Entry IDs at the events' times (as a dialer writing live would have made them), then a cold
  // start: the floor folds yesterday, closes it when today's first event comes, and saves it.
  let lastId = 0;
  for (const event of [...events].sort((a, b) => a.at - b.at)) {
    lastId = Math.max(lastId + 1, event.at);
    await floor.writer.xadd(floor.config.stream, `${lastId}-0`, ...toStreamFields(event));
  }
  running = await startTestApp(floor.config, noonClock());
  await addPeople(floor.config);
  await waitFor('the calls folded', () => running.app.floor.repView('rep-a1').dials === 3);
  await waitFor('the handoff read', async () => {
    const res = await call(running.url, (await logIn(running.url, 'boss')).token, 'GET', '/api/handoffs');
    return JSON.stringify(res.body).includes('L-1');
  });
  await waitFor(
    'yesterday saved',
    async () => (await floor.writer.hlen(`${floor.config.keyPrefix}campaign-day:${YESTERDAY}`)) > 0,
  );
  for (const who of ['boss', 'lead-a', 'lead-b', 'ann']) tokens[who] = (await logIn(running.url, who)).token;
  const kiosk = (await call(running.url, tokens.boss, 'POST', '/api/kiosks', { name: 'TV' })).body as NewKioskResponse;
  tokens.kiosk = kiosk.token;
}, 30_000);

afterAll(async () => {
  await running?.stop();
  await floor?.writer.quit();
});

const range = `from=${YESTERDAY}&to=${TODAY}`;

describe('GET /api/exports/reps', () => {
  it('CSV: a BOM, CRLF, and figures equal to the leaderboard (today) and the saved day totals (yesterday)', async () => {
    const { raw, rows } = await csvOf('boss', `/api/exports/reps.csv?${range}`);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString('utf8')).toContain('\r\n');
    expect(raw.toString('utf8').replace(/\r\n/g, '')).not.toContain('\n');

    const today = rows.filter((r) => r.day === TODAY);
    for (const metric of ['dials', 'deals', 'revenue', 'effectiveCalls'] as const) {
      const board = (await call(running.url, tokens.boss, 'GET', `/api/leaderboard?metric=${metric}&period=today`))
        .body as LeaderboardResponse;
      expect(new Map(today.map((r) => [r.rep, Number(r[metric])]))).toEqual(
        new Map(board.rows.map((r) => [r.rep, r.value])),
      );
    }
    const saved = await floor.writer.hgetall(`${floor.config.keyPrefix}day:${YESTERDAY}`);
    const past = rows.filter((r) => r.day === YESTERDAY);
    expect(past.map((r) => r.rep).sort()).toEqual(Object.keys(saved).sort());
    for (const r of past) {
      const t = JSON.parse(saved[r.rep!]!) as Record<string, number>;
      for (const k of ['dials', 'connects', 'effectiveCalls', 'talkSeconds', 'leads', 'deals', 'revenue'])
        expect(Number(r[k]), `${r.rep} ${k}`).toBe(t[k]);
      expect(r.targetRevenue).toBe(''); // a past day's targets are not kept
    }
    expect(past.find((r) => r.rep === 'rep-a1')).toMatchObject({ deals: '1', revenue: '300.00' });
    expect(past.find((r) => r.rep === 'rep-b1')).toMatchObject({ revenue: '50.50' });
  });

  it('keeps Chinese text and defuses a formula', async () => {
    const { rows } = await csvOf('boss', `/api/exports/reps.csv?${range}`);
    expect(rows.find((r) => r.rep === 'rep-a1')!.name).toBe('张伟');
    expect(rows.find((r) => r.rep === 'rep-b1')!.name).toBe(`'${FORMULA}`);
  });

  it('XLSX: numbers as numbers, days as dates with a format, a frozen header, widths; read back with exceljs', async () => {
    const res = await get('boss', `/api/exports/reps.xlsx?${range}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="floorboard-reps-${YESTERDAY}_${TODAY}.xlsx"; filename*=UTF-8''floorboard-reps-${YESTERDAY}_${TODAY}.xlsx`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['day', 'rep', 'name', 'team', 'dials']);
    expect(sheet.getColumn(3).width).toBe(20);
    const isToday = (v: unknown) => v instanceof Date && v.toISOString().startsWith(TODAY);
    const ann = sheet
      .getRows(2, sheet.rowCount - 1)!
      .find((r) => r.getCell(2).value === 'rep-a1' && isToday(r.getCell(1).value))!;
    expect(ann.getCell(1).value).toBeInstanceOf(Date);
    expect((ann.getCell(1).value as Date).toISOString()).toBe(`${TODAY}T00:00:00.000Z`);
    expect(ann.getCell(1).numFmt).toBe('yyyy-mm-dd');
    expect(ann.getCell(3).value).toBe('张伟');
    expect(ann.getCell(5).value).toBe(3);
    expect(ann.getCell(5).type).toBe(ExcelJS.ValueType.Number);
    expect(ann.getCell(11).value).toBe(120);
    expect(ann.getCell(11).numFmt).toBe('#,##0.00');
  });
});

describe('GET /api/exports/campaigns', () => {
  it('today equals /api/campaigns; yesterday comes from the saved hash, or the stream when it is missing', async () => {
    const { rows } = await csvOf('boss', `/api/exports/campaigns.csv?${range}`);
    const live = (await call(running.url, tokens.boss, 'GET', '/api/campaigns')).body as CampaignsResponse;
    const today = rows.filter((r) => r.day === TODAY);
    expect(today.map((r) => r.campaign).sort()).toEqual(live.campaigns.map((c) => c.campaign).sort());
    for (const c of live.campaigns) {
      const row = today.find((r) => r.campaign === c.campaign)!;
      expect([row.dials, row.connects, row.deals, row.refused].map(Number)).toEqual([
        c.dials,
        c.connects,
        c.deals,
        c.refused,
      ]);
      expect(Number(row.revenue)).toBe(c.revenue);
    }
    expect(today.find((r) => r.campaign === 'winter')).toMatchObject({ dials: '1', deals: '0' });
    const past = rows.filter((r) => r.day === YESTERDAY).map((r) => [r.campaign, r.dials, r.deals, r.revenue]);
    expect(past).toEqual([
      ['autumn', '1', '1', '50.50'],
      ['spring', '2', '1', '300.00'],
    ]);
    // Days saved before this change have no hash: the retained stream is folded again.
    await floor.writer.del(`${floor.config.keyPrefix}campaign-day:${YESTERDAY}`);
    const again = await csvOf('boss', `/api/exports/campaigns.csv?${range}`);
    expect(again.rows).toEqual(rows);
  });

  it("gives a lead the team's campaigns only", async () => {
    const { rows } = await csvOf('lead-a', `/api/exports/campaigns.csv?${range}`);
    expect(new Set(rows.map((r) => r.team))).toEqual(new Set(['team-a']));
    expect(rows.map((r) => r.campaign)).not.toContain('autumn');
  });
});

describe('the per-campaign day hash', () => {
  it('is replaced whole on each save (a team left since the last save is gone), and an empty day is saved', async () => {
    const repo = createCampaignDayRepo(floor.writer, (day) => `${floor.config.keyPrefix}test-campaign-day:${day}`);
    const counts = { ...zeroCounts(), dials: 3 };
    await repo.save(
      '2026-01-05',
      new Map([
        ['a', new Map([['spring', counts]])],
        ['b', new Map([['spring', counts]])],
      ]),
    );
    await repo.save('2026-01-05', new Map([['a', new Map([['spring', { ...counts, dials: 6 }]])]]));
    await repo.save('2026-01-06', new Map());
    const loaded = await repo.load(['2026-01-05', '2026-01-06', '2026-01-07']);
    expect([...loaded.get('2026-01-05')!.keys()]).toEqual(['a']);
    expect(loaded.get('2026-01-05')!.get('a')!.get('spring')!.dials).toBe(6);
    expect(loaded.get('2026-01-06')!.size).toBe(0);
    expect(loaded.get('2026-01-07')).toBeNull(); // never saved: the stream is asked instead
  });
});

describe('GET /api/exports/callbacks and handoffs', () => {
  it('lists the ledgers over the range without customer ids, numbers or contact labels', async () => {
    const cb = await csvOf('boss', `/api/exports/callbacks.csv?${range}`);
    expect(cb.rows).toHaveLength(1);
    expect(cb.rows[0]).toMatchObject({ call: 'cb-1', rep: 'rep-a1', team: 'team-a', state: 'open', overdue: 'yes' });
    expect(cb.rows[0]!.dueAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const ho = await csvOf('lead-b', `/api/exports/handoffs.csv?${range}`); // incoming to team-b
    expect(ho.rows).toHaveLength(1);
    expect(ho.rows[0]).toMatchObject({ lead: 'L-1', rep: 'rep-a1', toTeam: 'team-b', amount: '900.00', state: 'open' });
    for (const who of ['boss', 'lead-a', 'lead-b'])
      for (const what of ['callbacks', 'handoffs', 'reps', 'campaigns'])
        for (const format of ['csv', 'xlsx']) {
          const res = await get(who, `/api/exports/${what}.${format}?${range}`);
          const body = format === 'csv' ? await res.text() : await xlsxText(await res.arrayBuffer());
          for (const secret of PERSONAL) expect(body, `${who} ${what}.${format}`).not.toContain(secret);
        }
    // XLSX: the due time is a real date holding the floor's wall clock (Shanghai, UTC+8).
    const res = await get('boss', `/api/exports/callbacks.xlsx?${range}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const row = book.worksheets[0]!.getRow(2);
    expect(row.getCell(1).value).toBe('cb-1');
    expect(row.getCell(5).value).toEqual(new Date(noon - 70 * MIN + 8 * HOUR));
    expect(row.getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(cb.rows[0]!.dueAt).toBe(new Date(noon - 70 * MIN + 8 * HOUR).toISOString().slice(0, 19).replace('T', ' '));
    const none = await csvOf('boss', `/api/exports/callbacks.csv?from=${addDays(TODAY, -5)}&to=${addDays(TODAY, -3)}`);
    expect(none.rows).toEqual([]);
  });
});

describe('who may export, and bad requests', () => {
  it('forces a lead to the own team and refuses another team, reps and wallboards (403)', async () => {
    const own = await csvOf('lead-a', `/api/exports/reps.csv?${range}`);
    expect(new Set(own.rows.map((r) => r.rep))).toEqual(new Set(['rep-a1']));
    expect((await csvOf('lead-a', `/api/exports/reps.csv?${range}&team=team-a`)).rows).toEqual(own.rows);
    expect((await get('lead-a', `/api/exports/reps.csv?${range}&team=team-b`)).status).toBe(403);
    expect((await get('lead-a', `/api/exports/handoffs.xlsx?${range}&team=team-b`)).status).toBe(403);
    expect((await get('ann', `/api/exports/reps.csv?${range}`)).status).toBe(403);
    expect((await get('kiosk', `/api/exports/callbacks.csv?${range}`)).status).toBe(403);
    expect((await fetch(`${running.url}/api/exports/reps.csv?${range}`)).status).toBe(401);
    const team = await csvOf('boss', `/api/exports/reps.csv?${range}&team=team-b`);
    expect(new Set(team.rows.map((r) => r.rep))).toEqual(new Set(['rep-b1']));
    // Names are data: team __proto__ is an unknown team here (no rows), and not lead-a's (403).
    expect((await csvOf('boss', `/api/exports/reps.csv?${range}&team=__proto__`)).rows).toEqual([]);
    expect((await get('lead-a', `/api/exports/reps.csv?${range}&team=__proto__`)).status).toBe(403);
  });

  it.each([
    ['from=2026-02-30&to=2026-03-01', 'from: is not a real date'],
    ['from=2026-03-01', 'to:'],
    ['from=2026-03-02&to=2026-03-01', 'to: must not be before from'],
    ['from=2026-01-01&to=2026-04-04', 'to: a range covers at most 93 days'],
    ['from=2026-03-01&to=2026-03-01&team=a%20b', 'team:'],
    ['from=2026-03-01&to=2026-03-01&rep=x', ''],
    ['from=1&to=2', 'from: must be a date written YYYY-MM-DD'],
  ])('400 for %s', async (query, message) => {
    const res = await get('boss', `/api/exports/reps.csv?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(message);
  });

  it('accepts 93 days and answers 404 for an unknown export or format', async () => {
    expect((await get('boss', '/api/exports/reps.csv?from=2026-01-01&to=2026-04-04')).status).toBe(400);
    expect((await get('boss', '/api/exports/reps.csv?from=2026-01-01&to=2026-04-03')).status).toBe(200);
    for (const file of ['users.csv', 'reps.pdf', 'reps', 'reps.csv.xlsx', '__proto__.csv'])
      expect((await get('boss', `/api/exports/${file}?${range}`)).status).toBe(404);
  });
});
