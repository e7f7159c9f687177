import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readFirstLine, readPassword } from '../../../server/cli/readPassword';

/** A stdin that claims to be a terminal and records raw-mode switches. */
function fakeTty(keys: string[]) {
  const stream = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] });
  const tty = Object.assign(stream, { setRawMode: (mode: boolean) => tty.rawModes.push(mode) });
  // Keys arrive after the prompt, as a person types them.
  setImmediate(() => keys.forEach((k) => tty.write(k)));
  return tty;
}

function sink() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return { stream, text: () => text };
}

describe('reading a password from standard input', () => {
  it('takes the first line of a pipe, without its line ending, keeping inner spaces', async () => {
    expect(await readFirstLine(Readable.from(['  two words  \r\nsecond line\n']))).toBe('  two words  ');
    expect(await readFirstLine(Readable.from([Buffer.from('p\u00e4ss'), Buffer.from('word-1\n')]))).toBe(
      'p\u00e4ssword-1',
    );
    expect(await readFirstLine(Readable.from(['no newline at end']))).toBe('no newline at end');
    await expect(readFirstLine(Readable.from([]))).rejects.toThrow('no password on standard input');
  });

  it('at a terminal asks twice without echo, honours backspace and restores the terminal', async () => {
    const tty = fakeTty(['secret-passwordX', '\u007f', '1\r', 'secret-password1\r']);
    const prompts = sink();
    expect(await readPassword(tty, prompts.stream)).toBe('secret-password1');
    expect(prompts.text()).toBe('Password: \nRepeat password: \n');
    expect(tty.rawModes).toEqual([true, false, true, false]);
  });

  it('at a terminal refuses two different entries and stops on Ctrl+C', async () => {
    await expect(readPassword(fakeTty(['one-password-1\r', 'two-password-2\r']), sink().stream)).rejects.toThrow(
      'the passwords do not match',
    );
    await expect(readPassword(fakeTty(['abc\u0003']), sink().stream)).rejects.toThrow('cancelled');
  });
});
