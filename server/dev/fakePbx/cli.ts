import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { EslParser } from '../../adapters/freeswitch/eslFraming';
import { startFakeAmiServer } from './amiServer';
import { startFakeEsl } from './eslServer';

/**
 * A fake Asterisk or FreeSWITCH to try an adapter against without a PBX (README, "Asterisk (AMI)",
 * "FreeSWITCH (ESL)"):
 * node --import tsx server/dev/fakePbx/cli.ts --port 5038 --username floorboard --secret-file F --play T.ami
 * node --import tsx server/dev/fakePbx/cli.ts --esl --port 8021 --password-file F --play T.esl
 * Each client that logs in is sent the transcript's events (its banner, auth and replies are left out).
 */
const USAGE = `usage: server/dev/fakePbx/cli.ts [--port 5038] [--username U] --secret-file F --play TRANSCRIPT.ami
       server/dev/fakePbx/cli.ts --esl [--port 8021] --password-file F --play TRANSCRIPT.esl`;
let values;
try {
  ({ values } = parseArgs({
    options: {
      esl: { type: 'boolean', default: false },
      port: { type: 'string' },
      username: { type: 'string', default: 'floorboard' },
      'secret-file': { type: 'string' },
      'password-file': { type: 'string' },
      play: { type: 'string' },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const secretFile = values.esl ? values['password-file'] : values['secret-file'];
if (!secretFile || !values.play) {
  console.error(USAGE);
  process.exit(2);
}
const secret = (await readFile(secretFile, 'utf8')).trim();
const port = Number(values.port ?? (values.esl ? 8021 : 5038));
let close: () => Promise<void>;

if (values.esl) {
  const messages = new EslParser()
    .push(await readFile(values.play))
    .filter((m) => m.headers['Content-Type'] === 'text/event-plain')
    .map((m) => {
      const body = Buffer.from(m.body, 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\nContent-Type: text/event-plain\n\n`), body]);
    });
  const fs = await startFakeEsl(secret, {
    port,
    queueSubscribed: false,
    onClient: (socket) => {
      console.log(`a client subscribed to events: sending ${messages.length} events`);
      socket.write(Buffer.concat(messages));
    },
  });
  console.log(`fake FreeSWITCH (event socket) listening on 127.0.0.1:${fs.port}; Ctrl+C to stop`);
  close = fs.close;
} else {
  const transcript = (await readFile(values.play, 'utf8')).replace(/^Asterisk Call Manager\/.*\r?\n/, '');
  const events = transcript
    .split(/\r?\n\r?\n/)
    .filter((block) => /^Event:/im.test(block))
    .map((block) => `${block.replace(/\r?\n/g, '\r\n')}\r\n\r\n`);
  const pbx = await startFakeAmiServer({
    username: values.username,
    secret,
    port,
    onClient: () => {
      console.log(`a client logged in: sending ${events.length} events`);
      pbx.raw(events.join(''));
    },
  });
  console.log(`fake Asterisk (AMI) listening on 127.0.0.1:${pbx.port}; Ctrl+C to stop`);
  close = pbx.close;
}
process.on('SIGINT', () => void close().then(() => process.exit(0)));
process.on('SIGTERM', () => void close().then(() => process.exit(0)));
