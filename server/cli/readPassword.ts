import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export class InputError extends Error {}

/** What a TTY stdin offers beyond a plain Readable (node:tty's ReadStream). */
type MaybeTty = Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

const MAX_LINE = 4096;

/** The first line of a piped stdin, without its line ending; the rest is left unread. */
export async function readFirstLine(input: Readable): Promise<string> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    const end = text.indexOf('\n');
    // Leaving the loop early destroys the stream: we want nothing more from it.
    if (end >= 0) return text.slice(0, end).replace(/\r$/, '');
    if (text.length > MAX_LINE) throw new InputError('the password line is too long');
  }
  text += decoder.end();
  if (text === '') throw new InputError('no password on standard input');
  return text.replace(/\r$/, '');
}

/** One line typed without echo; Ctrl+C or Ctrl+D on an empty line cancels. */
function readHidden(input: MaybeTty, output: Writable, prompt: string): Promise<string> {
  output.write(prompt);
  input.setRawMode?.(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish(null);
        if (char === '\u0003' || (char === '\u0004' && typed === '')) return finish(new InputError('cancelled'));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}

/**
 * A password from a person at a terminal (asked twice, not echoed) or from a pipe (its first
 * line), so that `npm run users -- add ...` works both interactively and in scripts.
 */
export async function readPassword(input: Readable, prompts: Writable): Promise<string> {
  const tty = input as MaybeTty;
  if (!tty.isTTY || typeof tty.setRawMode !== 'function') return readFirstLine(input);
  const first = await readHidden(tty, prompts, 'Password: ');
  const again = await readHidden(tty, prompts, 'Repeat password: ');
  if (first !== again) throw new InputError('the passwords do not match');
  return first;
}
