import { describe, expect, it } from 'vitest';
import { agentDirectory, parseAgentsFile } from '../../../server/adapters/freeswitch/agents';
import { EslFramingError, EslParser, parseEventPlain } from '../../../server/adapters/freeswitch/eslFraming';
import { eventPlain } from '../../support/fakeEsl';

describe('ESL framing', () => {
  it('frames a message split across reads, byte by byte', () => {
    const parser = new EslParser();
    const bytes = eventPlain({ 'Event-Name': 'HEARTBEAT', 'Up-Time': '0 years, 1 day' });
    const out = [...bytes].flatMap((byte) => parser.push(Buffer.from([byte])));
    expect(out).toHaveLength(1);
    expect(out[0]!.headers['Content-Type']).toBe('text/event-plain');
    const parsed = parseEventPlain(out[0]!.body);
    expect(parsed.ok && parsed.event.headers['Up-Time']).toBe('0 years, 1 day'); // URL-decoded
  });

  it('frames two messages in one read, and counts Content-Length in bytes (UTF-8)', () => {
    const parser = new EslParser();
    const both = Buffer.concat([
      Buffer.from('Content-Type: auth/request\n\n'),
      eventPlain({ 'Event-Name': 'CUSTOM', 'CC-Agent': '王芳@default' }),
    ]);
    const out = parser.push(both);
    expect(out.map((m) => m.headers['Content-Type'])).toEqual(['auth/request', 'text/event-plain']);
    const parsed = parseEventPlain(out[1]!.body);
    expect(parsed.ok && parsed.event.headers['CC-Agent']).toBe('王芳@default');
    expect(parser.leftover).toBe(0);
  });

  it('refuses a stream it cannot frame (bad Content-Length, oversized header block)', () => {
    expect(() => new EslParser().push(Buffer.from('Content-Length: lots\n\n'))).toThrow(EslFramingError);
    expect(() => new EslParser().push(Buffer.from('Content-Length: 999999999\n\n'))).toThrow(EslFramingError);
    expect(() => new EslParser().push(Buffer.alloc(70_000, 0x41))).toThrow(/64 KiB/);
  });

  it('reports a malformed event body without losing the framing', () => {
    expect(parseEventPlain('this is not a header\n\n')).toEqual({
      ok: false,
      reason: expect.stringMatching(/malformed/),
    });
    expect(parseEventPlain('Core-UUID: x\n\n')).toEqual({ ok: false, reason: 'event without Event-Name' });
  });
});

describe('agents file', () => {
  it("takes the Asterisk adapter's form too (endpoints, pauseReasons), matching case-insensitively", () => {
    const text = JSON.stringify({
      agents: [{ rep: 'rep-c1', name: 'Cai Li', endpoints: ['PJSIP/1003', 'Sofia/Internal/1003'] }],
      pauseReasons: { smoke: 'break' },
    });
    const agents = agentDirectory(parseAgentsFile(text));
    expect(agents.find(['nobody', 'sofia/internal/1003'])).toEqual({ rep: 'rep-c1', name: 'Cai Li' });
  });

  it('names the problem in a bad file: an entry without match or endpoints, one identity for two reps', () => {
    expect(() => parseAgentsFile('{"agents":[{"rep":"rep-1"}]}', 'a.json')).toThrow(/a\.json: agents\.0: give "match"/);
    expect(() => parseAgentsFile('{"agents":[{"match":"1","rep":"bad rep"}]}')).toThrow(/agents\.0\.rep/);
    expect(() => parseAgentsFile('not json')).toThrow(/not JSON/);
    const twice = parseAgentsFile('{"agents":[{"match":"1001","rep":"rep-1"},{"match":"1001","rep":"rep-2"}]}');
    expect(() => agentDirectory(twice)).toThrow(/"1001" is given to both rep-1 and rep-2/);
  });
});
