/**
 * FreeSWITCH Event Socket framing (the wire protocol of mod_event_socket, inbound mode), kept in one
 * small module so the live connection and `--replay FILE` read bytes the same way.
 *
 * A message is a block of `Name: value` lines ended by a blank line; when the block has a
 * `Content-Length`, that many bytes of body follow. A `text/event-plain` body is itself a block of
 * headers, whose values are URL-encoded, optionally followed by the event's own body.
 */

/** One protocol message: its envelope headers (not encoded) and its body, if any. */
export interface EslMessage {
  headers: Record<string, string>;
  body: string;
}

/** One event from a `text/event-plain` body: decoded headers (and the event's own body, if any). */
export interface EslEvent {
  headers: Record<string, string>;
  body: string;
}

/** The byte stream cannot be framed any further (the connection must be dropped). */
export class EslFramingError extends Error {}

/** Longest header block accepted; FreeSWITCH's own are a few kB. */
export const MAX_HEADER_BYTES = 64 * 1024;
/** Largest body accepted (a channel event with every variable is some tens of kB). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

const BLANK = Buffer.from('\n\n');

/** Splits an incoming byte stream into messages, whatever the TCP reads' boundaries are. */
export class EslParser {
  private buffer: Buffer = Buffer.alloc(0);
  private pending: { headers: Record<string, string>; length: number } | null = null;

  /** Feeds bytes; returns the messages completed by them, in order. Throws EslFramingError. */
  push(chunk: Buffer): EslMessage[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: EslMessage[] = [];
    for (;;) {
      if (this.pending) {
        if (this.buffer.length < this.pending.length) break;
        const body = this.buffer.subarray(0, this.pending.length).toString('utf8');
        this.buffer = this.buffer.subarray(this.pending.length);
        out.push({ headers: this.pending.headers, body });
        this.pending = null;
        continue;
      }
      // Blank lines between messages are tolerated (some captures have them).
      let start = 0;
      while (start < this.buffer.length && this.buffer[start] === 0x0a) start++;
      if (start > 0) this.buffer = this.buffer.subarray(start);
      const end = this.buffer.indexOf(BLANK);
      if (end < 0) {
        if (this.buffer.length > MAX_HEADER_BYTES) throw new EslFramingError('header block longer than 64 KiB');
        break;
      }
      if (end > MAX_HEADER_BYTES) throw new EslFramingError('header block longer than 64 KiB');
      const headers = parseHeaderLines(this.buffer.subarray(0, end).toString('utf8'), false);
      this.buffer = this.buffer.subarray(end + 2);
      if (!headers) throw new EslFramingError('malformed envelope header (a line without "Name: value")');
      const lengthText = headers['Content-Length'];
      if (lengthText === undefined) {
        out.push({ headers, body: '' });
        continue;
      }
      if (!/^\d{1,9}$/.test(lengthText)) throw new EslFramingError(`bad Content-Length "${lengthText.slice(0, 20)}"`);
      const length = Number(lengthText);
      if (length > MAX_BODY_BYTES) throw new EslFramingError(`Content-Length ${length} over ${MAX_BODY_BYTES}`);
      this.pending = { headers, length };
    }
    return out;
  }

  /** Bytes received but not yet a whole message (a transcript that ends mid-message). */
  get leftover(): number {
    return this.buffer.length + (this.pending ? 1 : 0);
  }
}

/**
 * Parses `Name: value` lines; null when a line has no `: `. With `decode`, values are URL-decoded
 * (a value that does not decode is kept as it came: FreeSWITCH encodes every value it sends).
 */
function parseHeaderLines(text: string, decode: boolean): Record<string, string> | null {
  const headers = Object.create(null) as Record<string, string>;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') continue;
    const colon = line.indexOf(': ');
    if (colon <= 0) return null;
    const name = line.slice(0, colon);
    const value = line.slice(colon + 2);
    headers[name] = decode ? urlDecode(value) : value;
  }
  return headers;
}

function urlDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The event in a `text/event-plain` body, or why it is not one (the stream goes on: only this event is lost). */
export function parseEventPlain(body: string): { ok: true; event: EslEvent } | { ok: false; reason: string } {
  const end = body.indexOf('\n\n');
  const head = end < 0 ? body : body.slice(0, end);
  const headers = parseHeaderLines(head, true);
  if (!headers) return { ok: false, reason: 'malformed event (a line without "Name: value")' };
  if (!headers['Event-Name']) return { ok: false, reason: 'event without Event-Name' };
  let eventBody = '';
  if (end >= 0 && headers['Content-Length'] !== undefined) {
    const length = Number(headers['Content-Length']);
    eventBody = Number.isInteger(length)
      ? Buffer.from(body.slice(end + 2))
          .subarray(0, length)
          .toString('utf8')
      : '';
  }
  return { ok: true, event: { headers, body: eventBody } };
}

/** A command as the client sends it: the line, then a blank line. */
export function eslCommand(line: string): string {
  if (/[\r\n]/.test(line)) throw new Error('an ESL command is one line');
  return `${line}\n\n`;
}
