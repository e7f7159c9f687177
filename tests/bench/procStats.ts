import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const HZ = 100;
const PAGE = 4096;

export interface ProcSample {
  /** utime + stime, seconds. */
  cpuSeconds: number;
  rssBytes: number;
}

/** One reading of /proc/<pid>/stat, or null once the process is gone. */
export function readProc(pid: number): ProcSample | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: split after its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime 15, rss 24.
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const rss = Number(fields[21]);
    return { cpuSeconds: (utime + stime) / HZ, rssBytes: rss * PAGE };
  } catch {
    return null;
  }
}

export interface ProcStats {
  name: string;
  pid: number;
  /** Average CPU % of one core over the measured window. */
  cpuAvg: number;
  /** Highest one-second CPU %. */
  cpuMax: number;
  rssMaxBytes: number;
}

/** Samples CPU and RSS of named processes every second; `mark()` starts the measured window. */
export function createProcSampler(
  procs: () => { name: string; pid: number }[],
  intervalMs = 1000,
  read: (pid: number) => ProcSample | null = readProc,
) {
  const last = new Map<number, { at: number; sample: ProcSample }>();
  // The start of each process's current one-second step. CPU times count in 10 ms jiffies, so a
  // step of a few milliseconds (the tick that mark() or finish() adds) read one jiffy as 400 %:
  // a step counts toward the maximum only once it is most of an interval long.
  const stepStart = new Map<number, { at: number; sample: ProcSample }>();
  const marks = new Map<number, { at: number; cpuSeconds: number }>();
  const maxima = new Map<number, { cpuMax: number; rssMax: number }>();
  let measuring = false;

  function tick(): void {
    const now = performance.now();
    for (const { pid } of procs()) {
      const sample = read(pid);
      if (!sample) continue;
      last.set(pid, { at: now, sample });
      const step = stepStart.get(pid);
      const stepDone = !step || now - step.at >= intervalMs * 0.8;
      if (stepDone) stepStart.set(pid, { at: now, sample });
      if (!measuring) continue;
      const m = maxima.get(pid) ?? { cpuMax: 0, rssMax: 0 };
      if (step && stepDone) {
        const pct = ((sample.cpuSeconds - step.sample.cpuSeconds) * 100_000) / (now - step.at);
        m.cpuMax = Math.max(m.cpuMax, pct);
      }
      m.rssMax = Math.max(m.rssMax, sample.rssBytes);
      maxima.set(pid, m);
    }
  }
  const timer = setInterval(tick, intervalMs);
  timer.unref();

  return {
    /** Starts the measured window. */
    mark(): void {
      tick();
      measuring = true;
      const now = performance.now();
      for (const { pid } of procs()) {
        const s = read(pid);
        if (s) marks.set(pid, { at: now, cpuSeconds: s.cpuSeconds });
      }
    },
    /** Ends the window and returns the figures per process. */
    finish(): ProcStats[] {
      tick();
      clearInterval(timer);
      const now = performance.now();
      return procs().flatMap(({ name, pid }) => {
        const start = marks.get(pid);
        const end = last.get(pid);
        if (!start || !end) return [];
        const cpuAvg = ((end.sample.cpuSeconds - start.cpuSeconds) * 100_000) / Math.max(1, now - start.at);
        const m = maxima.get(pid) ?? { cpuMax: cpuAvg, rssMax: end.sample.rssBytes };
        return [{ name, pid, cpuAvg, cpuMax: Math.max(m.cpuMax, cpuAvg), rssMaxBytes: m.rssMax }];
      });
    },
    stop: () => clearInterval(timer),
  };
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
export function readMachine(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((s, x) => s + x, 0);
    // idle (4th) and iowait (5th) are not busy.
    return { busy: total - (v[3] ?? 0) - (v[4] ?? 0), total };
  } catch {
    return { busy: 0, total: 0 };
  }
}
