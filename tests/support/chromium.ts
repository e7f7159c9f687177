import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's chromium for browser tests: installed when missing and root, else a one-line instruction. */
export async function ensureChromiumInstalled(): Promise<string> {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const missing = `chromium is missing: run "sudo apt-get install -y chromium"`;
  if (process.getuid?.() !== 0) throw new Error(missing);
  process.stdout.write('chromium is missing; installing it with apt-get (root)...\n');
  const result = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0 || !existsSync(CHROMIUM_PATH)) throw new Error(`${missing} (apt-get failed)`);
  return CHROMIUM_PATH;
}

/**
 * Flags headless Chromium needs as root (no sandbox) on a machine without a GPU or internet: without
 * the background-networking ones it keeps trying to reach Google's services and floods the network.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
