import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freeswitchAdapter } from '../../../server/adapters/freeswitch';
import { agentDirectory } from '../../../server/adapters/freeswitch/agents';
import { EslParser, parseEventPlain } from '../../../server/adapters/freeswitch/eslFraming';
import { createEslMapper } from '../../../server/adapters/freeswitch/mapping';
import {
  TEST_AGENTS,
  agentStatus,
  channelEvent,
  eventPlain,
  recordingContext,
  scriptedMorning,
  startFakeEsl,
  until,
  type FakeEsl,
} from '../../support/fakeEsl';

const T0 = Date.UTC(2026, 0, 5, 9);
const dir = mkdtempSync(join(tmpdir(), 'esl-test-'));
const agentsFile = join(dir, 'agents.json');
const passwordFile = join(dir, 'password');

beforeAll(() => {
  writeFileSync(agentsFile, JSON.stringify(TEST_AGENTS));
  writeFileSync(passwordFile, 'ClueCon\n');
});

const summary = (events: readonly { type: string }[]) =>
  events.map((e) => [e.type, 'call' in e ? e.call : '', 'outcome' in e ? e.outcome : ''].join(' ').trim());

describe('ESL mapping', () => {
  const map = (frames: Buffer[]) => {
    const mapper = createEslMapper(agentDirectory(TEST_AGENTS.agents));
    const parser = new EslParser();
    return parser.push(Buffer.concat(frames)).flatMap((m) => {
      const parsed = parseEventPlain(m.body);
      return parsed.ok ? mapper.map(parsed.event).events : [];
    });
  };

  it('turns a scripted morning into contract events, times from Event-Date-Timestamp (µs)', () => {
    const events = map(scriptedMorning(T0));
    expect(summary(events)).toEqual([
      'rep.login',
      'call.dial fs-5b7a0c1e-0000-4000-8000-00000000000a',
      'call.answer fs-5b7a0c1e-0000-4000-8000-00000000000a',
      'call.hangup fs-5b7a0c1e-0000-4000-8000-00000000000a',
      'call.outcome fs-5b7a0c1e-0000-4000-8000-00000000000a sale',
      'call.dial fs-uuid-b',
      'call.hangup fs-uuid-b',
      'call.outcome fs-uuid-b no_answer',
      'call.dial fs-uuid-c',
      'call.hangup fs-uuid-c',
      'call.outcome fs-uuid-c invalid',
      'call.dial fs-uuid-d',
      'call.hangup fs-uuid-d',
      'call.outcome fs-uuid-d busy',
      'call.dial fs-5b7a0c1e-0000-4000-8000-00000000000e',
      'call.answer fs-5b7a0c1e-0000-4000-8000-00000000000e',
      'call.hangup fs-5b7a0c1e-0000-4000-8000-00000000000e',
      'call.outcome fs-5b7a0c1e-0000-4000-8000-00000000000e refused',
      'rep.pause',
    ]);
    expect(events[0]).toEqual({ type: 'rep.login', rep: 'rep-a1', at: T0, name: 'Ann Lee', team: 'team-a' });
    expect(events[4]).toMatchObject({ amount: 120.5, at: T0 + 95_000 });
    expect(events[17]).toMatchObject({ reason: 'too expensive' });
    expect(events[18]).toMatchObject({ type: 'rep.pause', reason: 'break' });
    // No phone number reaches a contract field.
    expect(JSON.stringify(events)).not.toContain('5551230001');
  });

  it('keeps the outcome when a disposition detail is malformed, and names the problem', () => {
    const mapper = createEslMapper(agentDirectory(TEST_AGENTS.agents));
    const parser = new EslParser();
    const frames = Buffer.concat([
      channelEvent('CHANNEL_CREATE', 'u1', T0),
      channelEvent('CHANNEL_HANGUP_COMPLETE', 'u1', T0 + 70_000, {
        'Caller-Channel-Answered-Time': String((T0 + 2000) * 1000),
        variable_floorboard_outcome: 'SALE',
        variable_floorboard_amount: 'a lot',
      }),
      channelEvent('CHANNEL_CREATE', 'u2', T0),
      channelEvent('CHANNEL_HANGUP_COMPLETE', 'u2', T0 + 1000, { variable_floorboard_outcome: 'maybe' }),
    ]);
    const results = parser.push(frames).map((m) => {
      const parsed = parseEventPlain(m.body);
      return parsed.ok ? mapper.map(parsed.event) : null;
    });
    expect(summary(results[1]!.events)).toEqual(['call.answer fs-u1', 'call.hangup fs-u1', 'call.outcome fs-u1 sale']);
    expect(results[1]!.events[2]).not.toHaveProperty('amount');
    expect(results[1]!.problems[0]).toMatch(/amount.*kept without its details/);
    expect(results[3]!.problems[0]).toMatch(/"maybe" is not one of/);
    const named = mapper.map({
      headers: { 'Event-Name': 'CHANNEL_CREATE', 'Event-Date-Timestamp': '1', 'Unique-ID': 'u3' },
      body: '',
    });
    expect(named.events).toEqual([]); // no agent either: nothing written under a bad rep id
    const hostile = mapper.map({
      headers: {
        'Event-Name': 'CHANNEL_CREATE',
        'Event-Date-Timestamp': String(T0 * 1000),
        'Unique-ID': 'u4',
        variable_floorboard_rep: 'rep a1\n',
        'Caller-Caller-ID-Number': '1001',
      },
      body: '',
    });
    expect(hostile.problems).toEqual([expect.stringMatching(/floorboard_rep "rep a1\n" is not a rep id/)]);
    expect(hostile.events).toEqual([{ type: 'call.dial', rep: 'rep-a1', call: 'fs-u4', at: T0 }]); // found by its agent
    expect(summary(results[3]!.events)).toEqual(['call.hangup fs-u2']); // no cause given: no outcome guessed
  });

  it("ignores the rep's own phone leg and an inbound call; attributes a bridged leg to its agent leg", () => {
    const events = map([
      channelEvent('CHANNEL_CREATE', 'agent-leg', T0, {
        'Channel-Name': 'sofia/internal/1002@10.0.0.5:5060',
        'Caller-Caller-ID-Number': '0000',
      }),
      channelEvent('CHANNEL_CREATE', 'inbound', T0, { 'Call-Direction': 'inbound' }),
      channelEvent('CHANNEL_CREATE', 'cust', T0 + 10, {
        'Caller-Caller-ID-Number': '',
        'Other-Leg-Unique-ID': 'agent-leg',
      }),
      channelEvent('CHANNEL_HANGUP_COMPLETE', 'agent-leg', T0 + 9000, { variable_floorboard_outcome: 'lead' }),
    ]);
    expect(events).toEqual([
      { type: 'call.dial', rep: 'rep-a2', call: 'fs-cust', at: T0 + 10 },
      { type: 'call.outcome', rep: 'rep-a2', call: 'fs-cust', at: T0 + 9000, outcome: 'lead' },
    ]);
  });

  it('maps callcenter statuses: Available (log-in, then ready), On Break, Logged Out; ignores other events', () => {
    const events = map([
      eventPlain({ 'Event-Name': 'RE_SCHEDULE', 'Event-Date-Timestamp': '1' }),
      agentStatus('1002@default', 'Available', T0),
      agentStatus('1002@default', 'On Break', T0 + 1),
      agentStatus('1002@default', 'Available', T0 + 2),
      agentStatus('1002@default', 'Logged Out', T0 + 3),
      agentStatus('1002@default', 'Available (On Demand)', T0 + 4),
      agentStatus('9999@default', 'Available', T0 + 5),
    ]);
    expect(events.map((e) => e.type)).toEqual(['rep.login', 'rep.pause', 'rep.ready', 'rep.logout', 'rep.login']);
  });
});

describe('freeswitch adapter over TCP', () => {
  let esl: FakeEsl | undefined;
  afterEach(async () => {
    await esl?.close();
  });
  const argv = (port: number, ...more: string[]) => [
    '--port',
    String(port),
    '--password-file',
    passwordFile,
    '--agents',
    agentsFile,
    '--retry-ms',
    '10',
    ...more,
  ];

  it('logs in, subscribes, and maps events however TCP cuts them; skips unknown and malformed ones', async () => {
    esl = await startFakeEsl('ClueCon');
    const rec = recordingContext();
    const running = freeswitchAdapter.run(argv(esl.port), rec.context);
    const socket = await esl.subscribed();
    expect(esl.commands[0]).toEqual([
      'auth ClueCon',
      'event plain CHANNEL_CREATE CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE CUSTOM callcenter::info',
    ]);
    const frames = scriptedMorning(T0);
    const malformedBody = 'Event-Name CHANNEL_CREATE\n\n';
    const malformed = Buffer.from(
      `Content-Length: ${malformedBody.length}\nContent-Type: text/event-plain\n\n${malformedBody}`,
    );
    const unknown = eventPlain({ 'Event-Name': 'PRESENCE_IN', 'Event-Date-Timestamp': '1' });
    const all = Buffer.concat([frames[0]!, malformed, unknown, ...frames.slice(1)]);
    // Odd-sized writes: frames split across reads, and several frames in one read.
    for (let i = 0; i < all.length; i += 777) {
      socket.write(all.subarray(i, i + 777));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until('the break', () => rec.events.some((e) => e.type === 'rep.pause'));
    expect(rec.events).toHaveLength(19);
    expect(rec.health).toContain('connected');
    expect(rec.health.filter((h) => h.startsWith('error'))).toEqual([expect.stringMatching(/malformed/)]);
    expect(rec.health.filter((h) => h === 'received 1')).toHaveLength(frames.length + 2);
    rec.stop();
    await running;
  });

  it('fails clearly on a wrong password (-ERR invalid), without retrying', async () => {
    esl = await startFakeEsl('another');
    const rec = recordingContext();
    await expect(freeswitchAdapter.run(argv(esl.port), rec.context)).rejects.toThrow(
      /authentication failed \(-ERR invalid\): check --password-file/,
    );
    expect(esl.commands).toHaveLength(1);
  });

  it("fails clearly when the event socket's ACL turns the adapter away", async () => {
    esl = await startFakeEsl('ClueCon', { acl: 'deny' });
    const rec = recordingContext();
    await expect(freeswitchAdapter.run(argv(esl.port), rec.context)).rejects.toThrow(
      /connection refused \(event_socket.conf.xml apply-inbound-acl\): Access Denied, go away\./,
    );
  });

  it('reconnects after a drop mid-call, says so, and finishes the call from the new connection', async () => {
    esl = await startFakeEsl('ClueCon');
    const rec = recordingContext();
    const running = freeswitchAdapter.run(argv(esl.port), rec.context);
    const first = await esl.subscribed();
    first.write(
      Buffer.concat([channelEvent('CHANNEL_CREATE', 'mid', T0), channelEvent('CHANNEL_ANSWER', 'mid', T0 + 3000)]),
    );
    await until('the answer', () => rec.events.length === 2);
    first.destroy(); // FreeSWITCH restarts, or the network drops
    const second = await esl.subscribed();
    expect(rec.health.some((h) => h.startsWith('disconnected'))).toBe(true);
    second.write(
      channelEvent('CHANNEL_HANGUP_COMPLETE', 'mid', T0 + 80_000, {
        'Hangup-Cause': 'NORMAL_CLEARING',
        'Caller-Channel-Answered-Time': String((T0 + 3000) * 1000),
      }),
    );
    await until('the hangup', () => rec.events.length === 3);
    expect(summary(rec.events)).toEqual(['call.dial fs-mid', 'call.answer fs-mid', 'call.hangup fs-mid']);
    expect(rec.health.filter((h) => h === 'connected')).toHaveLength(2);
    rec.stop();
    await running;
  });

  it('probes a silent socket with a keep-alive and drops one that never answers', async () => {
    esl = await startFakeEsl('ClueCon');
    const rec = recordingContext();
    const running = freeswitchAdapter.run(argv(esl.port, '--keepalive-ms', '40'), rec.context);
    await esl.subscribed();
    await until('a keep-alive', () => esl!.commands[0]!.includes('api status'));
    rec.stop();
    await running;
  });

  it('drops a socket that answers no keep-alive, and reconnects', async () => {
    esl = await startFakeEsl('ClueCon', { mute: true });
    const rec = recordingContext();
    const running = freeswitchAdapter.run(argv(esl.port, '--keepalive-ms', '30'), rec.context);
    await esl.subscribed();
    await esl.subscribed(); // the second connection: the first was given up
    expect(rec.health).toContainEqual(expect.stringMatching(/^disconnected: no reply for \d+ ms \(keep-alive\)/));
    rec.stop();
    await running;
  });

  it('stops with the error, instead of dropping events, when the sink loses its store', async () => {
    esl = await startFakeEsl('ClueCon');
    const rec = recordingContext();
    const context = { ...rec.context, sink: { write: () => Promise.reject(new Error('Redis is gone')) } };
    const running = freeswitchAdapter.run(argv(esl.port), context);
    (await esl.subscribed()).write(agentStatus('1001@default', 'Available', T0));
    await expect(running).rejects.toThrow(/could not write events: Redis is gone/);
    expect(esl.commands).toHaveLength(1); // no reconnect that would skip past the lost event
  });

  it('replays a raw transcript (auth exchange included) the same as a live socket', async () => {
    const transcript = join(dir, 'capture.esl');
    writeFileSync(
      transcript,
      Buffer.concat([
        Buffer.from('Content-Type: auth/request\n\nContent-Type: command/reply\nReply-Text: +OK accepted\n\n'),
        ...scriptedMorning(T0),
      ]),
    );
    const rec = recordingContext();
    await freeswitchAdapter.run(['--replay', transcript, '--agents', agentsFile], rec.context);
    expect(rec.events).toHaveLength(19);
    const broken = join(dir, 'broken.esl');
    writeFileSync(broken, 'Content-Length: -3\n\n');
    await expect(freeswitchAdapter.run(['--replay', broken, '--agents', agentsFile], rec.context)).rejects.toThrow(
      /broken\.esl: bad Content-Length/,
    );
  });
});
