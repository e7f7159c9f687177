import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { newestMtime, oldestMtime } from '../../../server/dev/processes';
import { ROOT } from '../common';

/** What dist/client was when measured. */
export type ClientBuild = 'built' | 'up to date' | 'stale (build failed)' | 'profile build' | 'given dir';

/** Runs a command with its output on stderr (stdout stays the report's, or the JSON's). */
export function runToStderr(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 2, 2] });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** Like the bench's ensureBuilt, for the client too: dist/client older than client/ or shared/ is rebuilt. */
export async function ensureClientBuilt(log: (line: string) => void): Promise<ClientBuild> {
  const built = await oldestMtime([join(ROOT, 'dist/client/index.html')]);
  const sources = await newestMtime(
    [join(ROOT, 'client'), join(ROOT, 'shared'), join(ROOT, 'vite.config.ts')],
    new Set(['node_modules']),
  );
  if (built !== null && built >= sources) return 'up to date';
  log('dist/client is missing or stale: npm run build');
  if ((await runToStderr('npm', ['run', 'build'])) === 0) return 'built';
  if (built === null) throw new Error('npm run build failed and there is no dist/client to measure');
  log('npm run build failed (client mid-edit?): measuring the existing, stale dist/client');
  return 'stale (build failed)';
}

/** CDP Performance.getMetrics as a name → value record. */
export async function rendererMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}
