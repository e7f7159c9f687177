import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startFakeAmiServer } from './amiServer';

/**
 * A fake Asterisk to try the adapter against without a PBX (README, "Asterisk (AMI)"):
 * node --import tsx server/dev/fakePbx/cli.ts --port 5038 --username floorboard --secret-file F --play T.ami
 * Each client that logs in is sent the transcript's event blocks (its banner and responses are left out).
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5038' },
    username: { type: 'string', default: 'floorboard' },
    'secret-file': { type: 'string' },
    play: { type: 'string' },
  },
});
if (!values['secret-file'] || !values.play) {
  console.error('usage: server/dev/fakePbx/cli.ts [--port 5038] [--username U] --secret-file F --play TRANSCRIPT');
  process.exit(2);
}
const secret = (await readFile(values['secret-file'], 'utf8')).trim();
const transcript = (await readFile(values.play, 'utf8')).replace(/^Asterisk Call Manager\/.*\r?\n/, '');
const events = transcript
  .split(/\r?\n\r?\n/)
  .filter((block) => /^Event:/im.test(block))
  .map((block) => `${block.replace(/\r?\n/g, '\r\n')}\r\n\r\n`);
const pbx = await startFakeAmiServer({
  username: values.username,
  secret,
  port: Number(values.port),
  onClient: () => {
    console.log(`a client logged in: sending ${events.length} events`);
    pbx.raw(events.join(''));
  },
});
console.log(`fake Asterisk (AMI) listening on 127.0.0.1:${pbx.port}; Ctrl+C to stop`);
process.on('SIGINT', () => void pbx.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void pbx.close().then(() => process.exit(0)));
