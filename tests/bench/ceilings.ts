import { spawn, type ChildProcess } from 'node:child_process';
import { nextMessage, sleep, spawnTs } from './common';

export interface Ceilings {
  /** redis-benchmark pipelined XADD rate on the private Redis (requests/s), null if unavailable. */
  redisXaddPerSec: number | null;
  /** Frames/s a bare Socket.IO process delivers, broadcasting small messages to `fanoutClients` clients. */
  fanoutFramesPerSec: number | null;
  fanoutClients: number;
  notes: string[];
}

/** `redis-benchmark -q -n 200000 -P 50 XADD bench:s * f v` against the private Redis. */
export function redisXaddRate(port: number, register: (c: ChildProcess) => void): Promise<number | null> {
  return new Promise((resolve) => {
    const args = ['-p', String(port), '-q', '-n', '200000', '-P', '50', 'XADD', 'bench:ceiling', '*', 'f', 'v'];
    const child = spawn('redis-benchmark', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    register(child);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', () => resolve(null));
    child.once('exit', () => {
      // -q prints progress lines separated by \r, then "XADD …: 523560.22 requests per second, p50=…".
      const match = /([\d.]+) requests per second/.exec(out.split('\r').pop() ?? out);
      resolve(match ? Number(match[1]) : null);
    });
  });
}

/**
 * A bare Socket.IO server process broadcasting to `clients` sockets held by two client processes,
 * for `seconds`: delivered frames per second (all clients) from first to last receipt.
 */
export async function fanoutRate(
  clients: number,
  seconds: number,
  register: (c: ChildProcess) => void,
): Promise<number | null> {
  const server = spawnTs('./fanout.ts', ['server']);
  register(server);
  const kids: ChildProcess[] = [];
  try {
    const { port } = await nextMessage<{ type: 'listening'; port: number }>(server, 'listening', 20_000);
    const url = `http://127.0.0.1:${port}`;
    const shares = [Math.ceil(clients / 2), Math.floor(clients / 2)].filter((n) => n > 0);
    for (const n of shares) {
      const kid = spawnTs('./fanout.ts', ['clients', url, String(n)]);
      register(kid);
      kids.push(kid);
    }
    await Promise.all(kids.map((k) => nextMessage(k, 'connected', 30_000)));
    server.send({ type: 'go', seconds });
    await nextMessage(server, 'emitted', (seconds + 30) * 1000);
    // Let buffered frames drain, then collect.
    await sleep(1500);
    type Report = { type: 'report'; received: number; first: number; last: number };
    const reports = await Promise.all(
      kids.map((k) => {
        const reply = nextMessage<Report>(k, 'report', 10_000);
        k.send({ type: 'report' });
        return reply;
      }),
    );
    const received = reports.reduce((s, r) => s + r.received, 0);
    const first = Math.min(...reports.map((r) => r.first));
    const last = Math.max(...reports.map((r) => r.last));
    return last > first ? (received * 1000) / (last - first) : null;
  } catch {
    return null;
  } finally {
    for (const c of [server, ...kids]) if (c.exitCode === null) c.kill('SIGKILL');
  }
}
