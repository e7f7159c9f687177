import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdapterCli } from '../../../server/adapters/runner';
import type { AgentsFile } from '../../../server/adapters/agents';
import { createLog } from '../../../server/log';

/** An adapter run in this process, as `npm run adapter -- <argv>` would run it. */
export interface AdapterRun {
  /** stdout lines (dry-run events, help). */
  out: string[];
  /** Log lines as `level: message` (the adapter writes them to stderr as JSON lines). */
  logs: string[];
  /** Resolves with the exit code. */
  done: Promise<number>;
  /** SIGINT: aborts and waits for the exit code. */
  stop(): Promise<number>;
}

export function startAdapter(argv: string[], env: Record<string, string> = {}, healthEveryMs = 100): AdapterRun {
  const out: string[] = [];
  const logs: string[] = [];
  const controller = new AbortController();
  const done = runAdapterCli({
    argv,
    env,
    out: (line) => out.push(...line.split('\n')),
    log: createLog('adapter', (line) => {
      const { level, msg } = JSON.parse(line) as { level: string; msg: string };
      logs.push(`${level}: ${msg}`);
    }),
    signal: controller.signal,
    healthEveryMs,
  });
  return {
    out,
    logs,
    done,
    stop: () => (controller.abort(), done),
  };
}

/** A temporary directory with the agents file and the AMI secret. */
export async function adapterFiles(
  agents: AgentsFile,
  secret: string,
): Promise<{ dir: string; agents: string; secret: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'floorboard-ami-'));
  await writeFile(join(dir, 'agents.json'), JSON.stringify(agents));
  await writeFile(join(dir, 'secret'), `${secret}\n`, { mode: 0o600 });
  return { dir, agents: join(dir, 'agents.json'), secret: join(dir, 'secret') };
}
