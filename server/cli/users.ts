import { Redis } from 'ioredis';
import { runUsersCommand } from './usersCommand';

// The same defaults as server/config.ts, where an empty variable counts as unset.
const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const prefix = process.env.FLOORBOARD_KEY_PREFIX || 'floorboard:';

async function main(): Promise<number> {
  if (!/^rediss?:\/\//.test(url)) {
    process.stderr.write('users: REDIS_URL must be a redis:// or rediss:// URL\n');
    return 2;
  }
  // Fail within seconds when Redis is away, instead of retrying forever like the server does.
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    connectionName: 'floorboard:users-cli',
  });
  // Failures surface as rejected commands; the event would only print a second, noisier copy.
  redis.on('error', () => {});
  try {
    const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
    return await runUsersCommand(process.argv.slice(2), io, { redis, prefix, now: Date.now });
  } finally {
    // disconnect() on a connection that already failed would hold the process for 2 s.
    if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
    else if (redis.status !== 'end' && redis.status !== 'wait') redis.disconnect();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`users: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
