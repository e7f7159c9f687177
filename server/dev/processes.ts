import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Runs a command with the terminal's stdio; resolves with its exit code. */
export function runInherit(command: string, args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** Newest modification time under `paths` (files or directories), skipping `skip` names. */
export async function newestMtime(paths: string[], skip: Set<string>): Promise<number> {
  let newest = 0;
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) continue;
    if (!info.isDirectory()) {
      newest = Math.max(newest, info.mtimeMs);
      continue;
    }
    const entries = await readdir(path);
    const inner = entries.filter((name) => !skip.has(name)).map((name) => join(path, name));
    newest = Math.max(newest, await newestMtime(inner, skip));
  }
  return newest;
}

/** Oldest modification time of `files`, or null when one is missing. */
export async function oldestMtime(files: string[]): Promise<number | null> {
  let oldest = Infinity;
  for (const file of files) {
    const info = await stat(file).catch(() => null);
    if (!info) return null;
    oldest = Math.min(oldest, info.mtimeMs);
  }
  return oldest;
}

/** Sends SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
export async function terminate(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Calls `onLine` for each complete line a stream writes. */
export function eachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let rest = '';
  stream?.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
}

/** Polls `probe` every 200 ms until it is true; false once `deadline` (epoch ms) passes. */
export async function pollUntil(probe: () => Promise<boolean>, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
