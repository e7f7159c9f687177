import { StringDecoder } from 'node:string_decoder';

/**
 * The Asterisk Manager Interface's wire framing, and nothing else (no socket, no log-in):
 * - on connect the server sends one banner line, `Asterisk Call Manager/<version>\r\n`;
 * - then messages, each a block of `Key: Value\r\n` lines ended by an empty line (`\r\n\r\n`);
 * - a block starting with `Event:` is an event, with `Response:` the answer to an action (matched by
 *   `ActionID`); an action is written the same way, starting with `Action:`.
 * Keys are matched case-insensitively (Asterisk's own parser does), values are kept as sent.
 */

export type AmiFields = Readonly<Record<string, string>>;

export interface AmiMessage {
  kind: 'event' | 'response' | 'other';
  /** The event name (`Event:`) or the response status (`Response:`); '' for other blocks. */
  name: string;
  /** Lower-cased keys; the first value wins when a key repeats (ChanVariable lines and the like). */
  fields: AmiFields;
}

export type AmiFrame =
  | { type: 'banner'; version: string }
  | { type: 'message'; message: AmiMessage }
  /** A block that is not `Key: Value` lines, or one too big: skipped, the stream goes on. */
  | { type: 'malformed'; reason: string; raw: string };

/** Longest line and block accepted; past these a peer is broken or hostile. */
export const MAX_LINE_CHARS = 8192;
export const MAX_BLOCK_LINES = 256;

const BANNER = /^Asterisk Call Manager\/(\S+)/;
const KEY = /^[A-Za-z0-9_.-]{1,64}$/;

export class AmiProtocolError extends Error {
  override name = 'AmiProtocolError';
}

/**
 * Turns what a socket delivers, in pieces of any size, into frames. `expectBanner` (default true):
 * the first line must be the banner, else AmiProtocolError (whatever answered is not AMI).
 */
export class AmiParser {
  private readonly decoder = new StringDecoder('utf8');
  private buffer = '';
  private lines: string[] = [];
  private blockBroken: string | null = null;
  private bannerDue: boolean;

  constructor(options: { expectBanner?: boolean } = {}) {
    this.bannerDue = options.expectBanner ?? true;
  }

  push(chunk: Buffer | string): AmiFrame[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const frames: AmiFrame[] = [];
    for (;;) {
      const end = this.buffer.indexOf('\n');
      if (end < 0) break;
      const line = this.buffer.slice(0, end).replace(/\r$/, '');
      this.buffer = this.buffer.slice(end + 1);
      this.line(line, frames);
    }
    if (this.buffer.length > MAX_LINE_CHARS) {
      // A line without end: drop it and the rest of its block.
      this.breakBlock(`a line longer than ${MAX_LINE_CHARS} chars`);
      this.buffer = '';
    }
    return frames;
  }

  /** At the end of a transcript: a last block without its blank line still counts. */
  end(): AmiFrame[] {
    const frames = this.push(this.decoder.end() + (this.buffer ? '\n' : ''));
    if (this.lines.length > 0 || this.blockBroken) this.line('', frames);
    return frames;
  }

  private line(line: string, frames: AmiFrame[]): void {
    if (this.bannerDue) {
      this.bannerDue = false;
      const banner = BANNER.exec(line);
      if (!banner) throw new AmiProtocolError(`not an AMI server: it greeted with "${line.slice(0, 60)}"`);
      frames.push({ type: 'banner', version: banner[1]! });
      return;
    }
    if (line === '') {
      if (this.blockBroken) {
        frames.push({ type: 'malformed', reason: this.blockBroken, raw: this.lines.join('\n').slice(0, 500) });
      } else if (this.lines.length > 0) {
        frames.push(toFrame(this.lines));
      }
      this.lines = [];
      this.blockBroken = null;
      return;
    }
    if (this.lines.length >= MAX_BLOCK_LINES) return this.breakBlock(`more than ${MAX_BLOCK_LINES} lines`);
    if (line.length > MAX_LINE_CHARS) return this.breakBlock(`a line longer than ${MAX_LINE_CHARS} chars`);
    this.lines.push(line);
  }

  private breakBlock(reason: string): void {
    this.blockBroken ??= reason;
  }
}

function toFrame(lines: string[]): AmiFrame {
  const fields = Object.create(null) as Record<string, string>;
  for (const line of lines) {
    const colon = line.indexOf(':');
    const key = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!KEY.test(key)) return { type: 'malformed', reason: `not a "Key: Value" line`, raw: lines.join('\n') };
    const lower = key.toLowerCase();
    if (!(lower in fields)) fields[lower] = line.slice(colon + 1).replace(/^ /, '');
  }
  const kind = 'event' in fields ? 'event' : 'response' in fields ? 'response' : 'other';
  const name = kind === 'event' ? fields.event! : kind === 'response' ? fields.response! : '';
  return { type: 'message', message: { kind, name, fields } };
}

/** One action block. A value with a line break would end the block early: refused, never sent. */
export function formatAction(action: string, actionId: string, fields: Record<string, string> = {}): string {
  const all: [string, string][] = [['Action', action], ['ActionID', actionId], ...Object.entries(fields)];
  for (const [key, value] of all) {
    if (!KEY.test(key) || /[\r\n]/.test(value)) throw new Error(`AMI action ${action}: bad header ${key}`);
  }
  return `${all.map(([key, value]) => `${key}: ${value}`).join('\r\n')}\r\n\r\n`;
}

/** One block as a server writes it (the fake PBX and tests). */
export function formatBlock(fields: Record<string, string | number>): string {
  return `${Object.entries(fields)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\r\n')}\r\n\r\n`;
}
