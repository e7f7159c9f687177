import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatBlock } from '../../server/adapters/asterisk/amiFraming';
import { startFakeAmiServer, type FakeAmiServer } from '../../server/dev/fakePbx/amiServer';
import { adapterFiles, startAdapter, type AdapterRun } from './support/adapterRun';
import { waitFor } from './support/waitFor';

// The adapter against a TCP server that speaks AMI as documented, in --dry-run (events on stdout).
const SECRET = 'amp111';
let files: Awaited<ReturnType<typeof adapterFiles>>;
let pbx: FakeAmiServer | undefined;
let run: AdapterRun | undefined;

beforeAll(async () => {
  files = await adapterFiles({ agents: [{ rep: 'rep-001', team: 'team-a', endpoints: ['PJSIP/1001'] }] }, SECRET);
});

afterEach(async () => {
  await run?.stop();
  await pbx?.close();
  run = pbx = undefined;
});

const T = Math.floor(Date.now() / 1000) - 600;
const rep = { Channel: 'PJSIP/1001-00000001', Uniqueid: `${T}.1`, Linkedid: `${T}.1` };
const far = { Channel: 'PJSIP/trunk-00000002', Uniqueid: `${T}.2`, Linkedid: `${T}.1` };
const at = (s: number) => ({ Timestamp: `${T + s}.000000` });
const dial = formatBlock({ Event: 'DialBegin', ...at(0), ...rep, DestChannel: far.Channel });
const answer = formatBlock({ Event: 'DialEnd', ...at(5), ...rep, DialStatus: 'ANSWER' });
const hangup = formatBlock({ Event: 'Hangup', ...at(90), ...rep, Cause: 16 });

async function connected(argv: string[] = []): Promise<{ pbx: FakeAmiServer; run: AdapterRun }> {
  pbx = await startFakeAmiServer({ username: 'floorboard', secret: SECRET });
  run = startAdapter([
    'asterisk',
    '--dry-run',
    ...['--port', String(pbx.port), '--username', 'floorboard', '--secret-file', files.secret],
    ...['--agents', files.agents, '--timeout-seconds', '1', '--max-backoff-seconds', '1', ...argv],
  ]);
  await waitFor('the adapter logged in', () => pbx!.clients === 1);
  return { pbx, run };
}

const types = (r: AdapterRun) => r.out.map((line) => (JSON.parse(line) as { type: string }).type);

describe('Asterisk adapter over AMI', () => {
  it('logs in with its secret and Events: on, then maps events as they come', async () => {
    const { pbx, run } = await connected();
    expect(pbx.actions[0]).toMatchObject({ action: 'Login', username: 'floorboard', secret: SECRET, events: 'on' });
    expect(pbx.actions[0]!.actionid).toBeTruthy();
    pbx.raw(dial);
    await waitFor('the dial', () => run.out.length === 1);
    expect(JSON.parse(run.out[0]!)).toEqual({
      type: 'call.dial',
      rep: 'rep-001',
      call: `${T}.1`,
      ts: String(T * 1000),
    });
  });

  it('stops with exit code 1 and says why when the log-in is refused', async () => {
    pbx = await startFakeAmiServer({ username: 'floorboard', secret: 'another' });
    run = startAdapter(
      ['asterisk', '--dry-run', '--port', String(pbx.port), '--username', 'floorboard'].concat([
        '--secret-file',
        files.secret,
        '--agents',
        files.agents,
      ]),
    );
    expect(await run.done).toBe(1);
    expect(run.logs.join('\n')).toMatch(/AMI log-in refused for floorboard: Authentication failed/);
    expect(pbx.clients).toBe(0);
  });

  it('joins a frame split across TCP reads and splits two frames sent in one', async () => {
    const { pbx, run } = await connected();
    const bytes = Buffer.from(dial);
    for (const piece of [bytes.subarray(0, 7), bytes.subarray(7, 40), bytes.subarray(40)]) {
      pbx.raw(piece);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor('the split dial', () => run.out.length === 1);
    pbx.raw(answer + hangup);
    await waitFor('both frames', () => run.out.length === 3);
    expect(types(run)).toEqual(['call.dial', 'call.answer', 'call.hangup']);
  });

  it('ignores an unknown event, skips a malformed block with a warning, and goes on', async () => {
    const { pbx, run } = await connected();
    pbx.raw(formatBlock({ Event: 'SomethingNew', Channel: rep.Channel }));
    pbx.raw('Event: Hangup\r\nthis is not a header\r\n\r\n');
    pbx.raw(dial);
    await waitFor('the dial after them', () => run.out.length === 1);
    expect(types(run)).toEqual(['call.dial']);
    expect(run.logs.join('\n')).toMatch(/warn: malformed block skipped: not a "Key: Value" line/);
  });

  it('reconnects after the PBX drops the connection mid-call, and ends the call it knew', async () => {
    const { pbx, run } = await connected();
    pbx.raw(dial + answer);
    await waitFor('dial and answer', () => run.out.length === 2);
    pbx.drop();
    await waitFor('the adapter logged in again', () => pbx.clients === 1 && pbx.actions.length === 2, 5000);
    expect(run.logs.join('\n')).toMatch(/the PBX closed the connection; reconnecting in 1 s/);
    pbx.raw(formatBlock({ Event: 'Hangup', ...at(90), ...far, Cause: 16 }) + hangup);
    await waitFor('the hang-up', () => run.out.length === 3);
    expect(types(run)).toEqual(['call.dial', 'call.answer', 'call.hangup']);
  });

  it('pings to keep the connection alive, and reconnects when the PBX stops answering', async () => {
    const { pbx, run } = await connected(['--ping-seconds', '1']);
    await waitFor('a Ping', () => pbx.actions.some((a) => a.action === 'Ping'), 3000);
    pbx.answerPings = false;
    const logins = () => pbx.actions.filter((a) => a.action === 'Login').length;
    await waitFor('a new log-in', () => logins() === 2, 6000);
    expect(run.logs.join('\n')).toMatch(/no answer to Ping within 1000 ms/);
  });

  it('closes the connection with Logoff on SIGINT and exits 0', async () => {
    const { pbx, run } = await connected();
    expect(await run.stop()).toBe(0);
    await waitFor('the Logoff', () => pbx.actions.some((a) => a.action === 'Logoff'));
  });

  it('refuses a server that is not AMI', async () => {
    // An HTTP server or the like: whatever it says first is not the banner.
    const { createServer } = await import('node:net');
    const other = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as { port: number }).port;
    run = startAdapter(
      ['asterisk', '--dry-run', '--port', String(port), '--username', 'u'].concat([
        '--secret-file',
        files.secret,
        '--agents',
        files.agents,
        '--max-backoff-seconds',
        '1',
      ]),
    );
    await waitFor('the complaint', () => run!.logs.join('\n').includes('not an AMI server'), 3000);
    await run.stop();
    other.close();
  });
});
