import { describe, expect, it } from 'vitest';
import {
  AmiParser,
  AmiProtocolError,
  MAX_BLOCK_LINES,
  MAX_LINE_CHARS,
  formatAction,
  type AmiFrame,
} from '../../../../server/adapters/asterisk/amiFraming';

const BANNER = 'Asterisk Call Manager/9.0.0\r\n';
const DIAL = 'Event: DialBegin\r\nPrivilege: call,all\r\nChannel: PJSIP/1001-00000001\r\nLinkedid: 1.1\r\n\r\n';
const names = (frames: AmiFrame[]) =>
  frames.map((f) => (f.type === 'message' ? `${f.message.kind}:${f.message.name}` : f.type));

describe('AMI framing', () => {
  it('reads the banner, then blocks of Key: Value lines ended by a blank line', () => {
    const parser = new AmiParser();
    const frames = parser.push(
      `${BANNER}Response: Success\r\nActionID: a1\r\nMessage: Authentication accepted\r\n\r\n${DIAL}`,
    );
    expect(frames[0]).toEqual({ type: 'banner', version: '9.0.0' });
    expect(names(frames)).toEqual(['banner', 'response:Success', 'event:DialBegin']);
    const dial = frames[2]!.type === 'message' ? frames[2]!.message : null;
    expect(dial?.fields).toEqual({
      event: 'DialBegin',
      privilege: 'call,all',
      channel: 'PJSIP/1001-00000001',
      linkedid: '1.1',
    });
  });

  it('refuses a peer whose first line is not the AMI banner', () => {
    expect(() => new AmiParser().push('SSH-2.0-OpenSSH_9.6\r\n')).toThrow(AmiProtocolError);
  });

  it('joins a frame split across reads, byte by byte, a UTF-8 character cut in two included', () => {
    const parser = new AmiParser();
    const text = `${BANNER}Event: QueueMemberAdded\r\nMemberName: 李娜\r\nInterface: PJSIP/1001\r\n\r\n`;
    const bytes = Buffer.from(text);
    const frames: AmiFrame[] = [];
    for (let i = 0; i < bytes.length; i++) frames.push(...parser.push(bytes.subarray(i, i + 1)));
    expect(names(frames)).toEqual(['banner', 'event:QueueMemberAdded']);
    const member = frames[1]!.type === 'message' ? frames[1]!.message : null;
    expect(member?.fields.membername).toBe('李娜');
  });

  it('reads two frames delivered in one read', () => {
    const frames = new AmiParser({ expectBanner: false }).push(DIAL + DIAL.replace('1.1', '2.2'));
    expect(names(frames)).toEqual(['event:DialBegin', 'event:DialBegin']);
  });

  it('accepts bare LF line ends and keeps the first of a repeated key', () => {
    const frames = new AmiParser({ expectBanner: false }).push('Event: X\nChanVariable: a=1\nChanVariable: b=2\n\n');
    expect(frames).toEqual([
      { type: 'message', message: { kind: 'event', name: 'X', fields: { event: 'X', chanvariable: 'a=1' } } },
    ]);
  });

  it('skips a malformed block with its reason and goes on with the next', () => {
    const parser = new AmiParser({ expectBanner: false });
    const frames = parser.push(`Event: Hangup\r\nthis line has no colon\r\n\r\n${DIAL}`);
    expect(names(frames)).toEqual(['malformed', 'event:DialBegin']);
    expect(frames[0]).toMatchObject({ reason: 'not a "Key: Value" line' });
  });

  it('drops an endless line or an oversized block instead of growing without bound', () => {
    const parser = new AmiParser({ expectBanner: false });
    const long = parser.push(`Event: X\r\nKey: ${'a'.repeat(MAX_LINE_CHARS + 10)}`);
    expect(long).toEqual([]);
    expect(names(parser.push(`\r\n\r\n${DIAL}`))).toEqual(['malformed', 'event:DialBegin']);
    const many = `Event: X\r\n${'K: v\r\n'.repeat(MAX_BLOCK_LINES + 1)}\r\n`;
    expect(names(parser.push(many + DIAL))).toEqual(['malformed', 'event:DialBegin']);
  });

  it('counts a last block without its blank line at the end of a transcript', () => {
    const parser = new AmiParser({ expectBanner: false });
    expect(parser.push('Event: Hangup\r\nLinkedid: 1.1')).toEqual([]);
    expect(names(parser.end())).toEqual(['event:Hangup']);
  });

  it('writes actions with ActionID and refuses a value that would end the block early', () => {
    expect(formatAction('Login', 'a1', { Username: 'fb', Secret: 's', Events: 'on' })).toBe(
      'Action: Login\r\nActionID: a1\r\nUsername: fb\r\nSecret: s\r\nEvents: on\r\n\r\n',
    );
    expect(() => formatAction('Login', 'a1', { Secret: 'x\r\n\r\nAction: Originate' })).toThrow(/bad header/);
  });
});
