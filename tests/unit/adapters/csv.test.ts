import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvAdapter } from '../../../server/adapters/csv';
import type { CallEvent, SourceEvent } from '../../../shared/events/callEvent';
import type { StreamId } from '../../../shared/streamId';
import { countersOf, foldEach, refusalsOf, repOf } from '../shared/foldSupport';
import { recordingContext } from '../../support/fakeEsl';

const dir = mkdtempSync(join(tmpdir(), 'csv-test-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const S = Date.UTC(2026, 0, 5, 9) / 1000; // epoch seconds, 09:00 UTC
const agents = file(
  'agents.json',
  JSON.stringify({
    agents: [
      { match: '6001', rep: 'rep-a1', team: 'team-a', name: 'Ann Lee' },
      { match: '6002', rep: 'rep-a2', team: 'team-a' },
    ],
  }),
);

const header =
  'uniqueid,lead_id,list_id,campaign_id,call_date,start_epoch,end_epoch,length_in_sec,status,phone_code,phone_number,user,comments,processed,user_group,term_reason,alt_dial';
const logRow = (uid: string, start: number | string, len: number, status: string, user: string) =>
  `${uid},77,101,OUTB,2026-01-05 09:00:00,${start},${typeof start === 'number' ? start + len : ''},${len},${status},1,5551230001,${user},,N,AGENTS,CALLER,MAIN`;
const vicidialLog = file(
  'vicidial_log.csv',
  [
    header,
    logRow(`${S}.1001`, S, 120, 'SALE', '6001'),
    logRow(`${S + 200}.1002`, S + 200, 0, 'NA', '6001'),
    logRow(`${S + 300}.1003`, S + 300, 45, 'NI', '6002'),
    logRow(`${S + 400}.1004`, S + 400, 0, 'B', 'VDAD'),
    logRow(`${S + 500}.1005`, S + 500, 70, 'INTRST', '6002'),
    logRow(`${S + 600}.1006`, 'yesterday', 0, 'NA', '6001'),
    logRow(`${S + 700}.1007`, S + 700, 0, 'NA', 'bad user!'),
    '1768,1,2,3',
    logRow(`${S + 900}.1009`, S + 900, 0, 'DC', '6001'),
    '',
  ].join('\n'),
);

/** Stream IDs for a sequence of imported events, as Redis would give them. */
let seq = 0;
const asStream = (events: readonly SourceEvent[]): CallEvent[] =>
  events.map((e) => ({ ...e, id: `${Date.UTC(2026, 0, 5, 18)}-${seq++}` as StreamId }) as CallEvent);

async function importFile(...argv: string[]) {
  const rec = recordingContext();
  await csvAdapter.run(argv, rec.context);
  return rec;
}

describe('csv adapter: VICIdial vicidial_log', () => {
  it('imports calls with their original times and statuses; reports bad rows by line; sums up', async () => {
    const rec = await importFile(vicidialLog, '--format', 'vicidial', '--agents', agents);
    const sale = rec.events.filter((e) => 'call' in e && e.call === `vd-${S}.1001`);
    expect(sale).toEqual([
      { type: 'call.dial', rep: 'rep-a1', call: `vd-${S}.1001`, at: S * 1000 },
      { type: 'call.answer', rep: 'rep-a1', call: `vd-${S}.1001`, at: S * 1000 },
      { type: 'call.hangup', rep: 'rep-a1', call: `vd-${S}.1001`, at: (S + 120) * 1000 },
      { type: 'call.outcome', rep: 'rep-a1', call: `vd-${S}.1001`, at: (S + 120) * 1000, outcome: 'sale' },
    ]);
    const outcomes = rec.events.flatMap((e) => (e.type === 'call.outcome' ? [[e.call.slice(-4), e.outcome]] : []));
    expect(outcomes).toEqual([
      ['1001', 'sale'],
      ['1002', 'no_answer'],
      ['1003', 'refused'],
      ['1009', 'invalid'],
    ]);
    expect(rec.events.find((e) => e.type === 'call.outcome' && e.outcome === 'refused')).toMatchObject({
      reason: 'not_interested',
    });
    const bad = rec.logs.filter((l) => l.includes('row skipped'));
    expect(bad).toEqual([
      expect.stringMatching(/vicidial_log\.csv:7: start_epoch: "yesterday" is not epoch seconds/),
      expect.stringMatching(/vicidial_log\.csv:8: user "bad user!" is not a rep id/),
      expect.stringMatching(/vicidial_log\.csv:9: Invalid Record Length/),
    ]);
    expect(rec.logs).toContain(
      `csv: ${vicidialLog} (vicidial_log): 9 rows read, 5 imported as 17 events, 3 bad, 1 dialer rows without an agent skipped`,
    );
    expect(rec.logs).toContain('csv: statuses without an outcome: INTRST (1); give them one in --map "statuses"');
    expect(JSON.stringify(rec.events)).not.toContain('5551230001'); // phone numbers stay out
    const times = rec.events.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('imported twice, the floor is the same as imported once (deterministic call ids)', async () => {
    const once = (await importFile(vicidialLog, '--format', 'vicidial', '--agents', agents)).events;
    const again = (await importFile(vicidialLog, '--format', 'vicidial', '--agents', agents)).events;
    expect(again).toEqual(once);
    const single = foldEach(asStream(once));
    const double = foldEach(asStream([...once, ...again]));
    for (const rep of ['rep-a1', 'rep-a2'])
      expect(countersOf(repOf(double, rep))).toEqual(countersOf(repOf(single, rep)));
    expect(countersOf(repOf(single, 'rep-a1'))).toMatchObject({ dials: 3, connects: 1, effectiveCalls: 1, deals: 1 });
    expect(refusalsOf(repOf(single, 'rep-a2'))).toEqual({ not_interested: 1 });
  });

  it('takes --map overrides of statuses and pause codes', async () => {
    const map = file('vd-map.json', JSON.stringify({ statuses: { INTRST: 'lead', NA: { outcome: 'busy' } } }));
    const rec = await importFile(vicidialLog, '--format', 'vicidial', '--agents', agents, '--map', map);
    const outcomes = rec.events.flatMap((e) => (e.type === 'call.outcome' ? [e.outcome] : []));
    expect(outcomes).toEqual(['sale', 'busy', 'refused', 'lead', 'invalid']);
  });
});

describe('csv adapter: VICIdial vicidial_agent_log', () => {
  it('gives log-in, pauses with their codes, ready, and the talked call under the same call id', async () => {
    const agentLog = file(
      'agent_log.csv',
      [
        'agent_log_id,user,server_ip,event_time,lead_id,campaign_id,pause_epoch,pause_sec,wait_epoch,wait_sec,talk_epoch,talk_sec,dispo_epoch,dispo_sec,status,user_group,comments,sub_status,dead_epoch,dead_sec,processed,uniqueid',
        `1,6001,10.0.0.2,x,,OUTB,${S - 600},600,${S},1,${S},120,${S + 120},10,SALE,AGENTS,,LOGIN,0,0,N,${S}.1001`,
        `2,6001,10.0.0.2,x,,OUTB,${S + 130},1800,${S + 1930},5,0,0,0,0,,AGENTS,,LUNCH,0,0,N,`,
      ].join('\n'),
    );
    const rec = await importFile(agentLog, '--format', 'vicidial', '--agents', agents);
    expect(rec.events.map((e) => [e.type, e.at / 1000 - S, 'reason' in e ? e.reason : ''])).toEqual([
      ['rep.login', -600, ''],
      ['rep.pause', -600, 'other'],
      ['rep.ready', 0, ''],
      ['call.dial', 0, ''],
      ['call.answer', 0, ''],
      ['call.hangup', 120, ''],
      ['call.outcome', 120, ''],
      ['rep.pause', 130, 'lunch'],
      ['rep.ready', 1930, ''],
    ]);
    expect(rec.events[0]).toMatchObject({ name: 'Ann Lee', team: 'team-a' });
    expect(rec.events[3]).toMatchObject({ call: `vd-${S}.1001` });
  });
});

describe('csv adapter: generic file with a column map', () => {
  const map = file(
    'map.json',
    JSON.stringify({
      columns: {
        call: 'Call ID',
        rep: 'Agent',
        start: 'Dialled',
        answer: 'Answered',
        end: 'Ended',
        status: 'Result',
        amount: 'Amount',
        reason: 'Why',
        followUpAt: 'Call back',
      },
      statuses: { Sold: 'sale', 'No answer': 'no_answer', 'Not interested': 'refused', 'Call back': 'callback' },
    }),
  );
  const generic = file(
    'crm.csv',
    [
      'Call ID,Agent,Dialled,Answered,Ended,Result,Amount,Why,Call back',
      'A-1,rep-b1,2026-01-05T09:00:00Z,2026-01-05T09:00:10Z,2026-01-05T09:02:10Z,Sold,"1,250.00",,',
      'A-2,rep-b1,2026-01-05T09:05:00+08:00,,2026-01-05T09:05:30+08:00,No answer,,,',
      'A-3,rep-b1,2026-01-05 09:10:00,,,No answer,,,',
      'A-4,rep-b1,1767604200,1767604205,1767604300,Not interested,,price too high,',
      'A-5,rep-b1,1767604400000,1767604405000,1767604500000,Call back,,,2026-01-06T10:00:00Z',
      'A-6,,1767604400,,,No answer,,,',
      'A-7,rep-b1,1767604600,1767604605,,Sold,,,',
    ].join('\r\n'),
  );

  it('reads the columns the map names, keeps details, and reports bad rows by line', async () => {
    const rec = await importFile(generic, '--format', 'generic', '--map', map);
    const outcomes = rec.events.filter((e) => e.type === 'call.outcome');
    expect(outcomes.map((e) => [e.call, e.outcome])).toEqual([
      ['csv-A-2', 'no_answer'],
      ['csv-A-1', 'sale'],
      ['csv-A-4', 'refused'],
      ['csv-A-5', 'callback'],
    ]);
    expect(outcomes[1]).toMatchObject({ amount: 1250 });
    expect(outcomes[2]).toMatchObject({ reason: 'price too high' });
    expect(outcomes[3]).toMatchObject({ followUpAt: Date.UTC(2026, 0, 6, 10) });
    expect(rec.logs.filter((l) => l.includes('row skipped'))).toEqual([
      expect.stringMatching(/crm\.csv:4: Dialled: "2026-01-05 09:10:00" is not .* ISO-8601 with a zone/),
      expect.stringMatching(/crm\.csv:7: Agent: missing/),
      expect.stringMatching(/crm\.csv:8: an answered call needs an end time or talk seconds/),
    ]);
    const again = await importFile(generic, '--format', 'generic', '--map', map);
    expect(again.events).toEqual(rec.events);
  });

  it('refuses a generic import without a map, and a map without columns, before reading', async () => {
    await expect(importFile(generic, '--format', 'generic')).rejects.toThrow(/needs --map/);
    const empty = file('empty-map.json', '{}');
    await expect(importFile(generic, '--format', 'generic', '--map', empty)).rejects.toThrow(/"columns" is required/);
    await expect(importFile(generic, '--format', 'excel')).rejects.toThrow(/vicidial or generic/);
  });
});
