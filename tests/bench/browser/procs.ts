import { readdirSync, readFileSync } from 'node:fs';

/** Descendants of `root` (this process by default), from /proc: pid, parent, command line. */
function descendants(root = process.pid): { pid: number; cmdline: string }[] {
  const parent = new Map<number, number>();
  const cmd = new Map<number, string>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(Number(name), readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' '));
    } catch {
      // gone meanwhile
    }
  }
  const out: { pid: number; cmdline: string }[] = [];
  const walk = (pid: number) => {
    for (const [child, p] of parent) {
      if (p !== pid) continue;
      out.push({ pid: child, cmdline: cmd.get(child) ?? '' });
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** Chromium's processes started by this process, named by role (browser, renderer, gpu, utility …). */
export function chromiumProcesses(): { name: string; pid: number }[] {
  return descendants()
    .filter((p) => /chrom/i.test(p.cmdline.split(' ')[0] ?? ''))
    .map((p) => ({ pid: p.pid, name: `chromium ${/--type=([\w-]+)/.exec(p.cmdline)?.[1] ?? 'browser'}` }));
}

/** Every process still running below this one (for the no-stray-processes check). */
export function strayProcesses(): string[] {
  // tsx's own esbuild service lives as long as this process.
  return descendants()
    .filter((p) => !p.cmdline.includes('esbuild --service'))
    .map((p) => `${p.pid} ${p.cmdline.slice(0, 100)}`);
}
