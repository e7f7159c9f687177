/** Child process: a share of a large viewer pool (the 5,000-socket storm), driven over IPC. */
import { CLIENT_RECONNECT } from '../../../shared/contracts/socket';
import { createViewerPool, type ViewerPool } from './viewers';
import type { WorkerCommand, WorkerMessage } from './workers';

let pool: ViewerPool | null = null;
const send = (msg: WorkerMessage) => process.send?.(msg);

process.on('message', (cmd: WorkerCommand) => {
  void (async () => {
    if (cmd.type === 'init') {
      pool = createViewerPool(cmd.url, cmd.token, CLIENT_RECONNECT); // as the browsers retry
      const r = await pool.connect(cmd.count, cmd.concurrency);
      send({ type: 'connected', ...r });
    } else if (cmd.type === 'storm') {
      pool?.storm();
      send({ type: 'stormed' });
    } else if (cmd.type === 'converge') {
      const r = await pool!.waitConverged(cmd.expected, cmd.timeoutMs, cmd.since);
      send({ type: 'converged', ...r });
    } else if (cmd.type === 'exit') {
      pool?.close();
      process.exit(0);
    }
  })();
});
process.on('disconnect', () => process.exit(0));
