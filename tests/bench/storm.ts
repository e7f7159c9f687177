import type { ChildProcess } from 'node:child_process';
import { nextMessage, type ClientsCommand, type ClientsMessage } from './common';
import type { StormFigures } from './report';

/**
 * Every subscriber's transport dropped at once; resolves when each socket holds a fresh snapshot,
 * with the servers' worst one-second event-loop p99 while it lasted (`sample` reads the window
 * since its previous read: ours from /healthz, the bare pipeline's over IPC).
 */
export async function reconnectStorm(
  servers: { sample: () => Promise<{ loopMs: number }> }[],
  clientProcs: ChildProcess[],
): Promise<StormFigures> {
  const loops: number[] = [];
  const poll = setInterval(() => {
    for (const x of servers)
      void x.sample().then(
        ({ loopMs }) => loops.push(loopMs),
        () => {},
      );
  }, 1000);
  const replies = clientProcs.map((c) =>
    nextMessage<Extract<ClientsMessage, { type: 'stormed' }>>(c, 'stormed', 120_000),
  );
  clientProcs.forEach((c) => c.send({ type: 'storm' } satisfies ClientsCommand));
  const stormed = await Promise.all(replies);
  clearInterval(poll);
  loops.push(...(await Promise.all(servers.map((x) => x.sample()))).map((s) => s.loopMs));
  return {
    sockets: stormed.reduce((s, r) => s + r.sockets, 0),
    resnapped: stormed.reduce((s, r) => s + r.resnapped, 0),
    allMs: Math.max(...stormed.map((r) => r.latestMs)),
    eventLoopP99MaxMs: Math.max(0, ...loops),
  };
}
