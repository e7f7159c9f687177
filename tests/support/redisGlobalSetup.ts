import type { TestProject } from 'vitest/node';
import { ensureRedisServerInstalled, startRedisServer } from '../../server/dev/redisServer';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** One private redis-server (AOF on) for the whole integration run; tests isolate by key prefix. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureRedisServerInstalled();
  const server = await startRedisServer({ appendOnly: true });
  project.provide('redisUrl', server.url);
  return () => server.stop();
}
