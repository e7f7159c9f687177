import { createLog } from '../log';
import { runAdapterCli } from './runner';

/** `npm run adapter -- <source> [flags]`: one adapter as its own process (server/adapters/runner.ts). */
const controller = new AbortController();
let signals = 0;
const onSignal = () => {
  // The first signal closes the source and writes what was read; a second one does not wait.
  if (++signals > 1) process.exit(130);
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const log = createLog('adapter', undefined, { pretty: process.env.FLOORBOARD_LOG_PRETTY === '1' });
const code = await runAdapterCli({
  argv: process.argv.slice(2),
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  log,
  signal: controller.signal,
});
process.exitCode = code;
