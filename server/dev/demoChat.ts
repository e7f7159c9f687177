import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createChatRepo } from '../redis/chatRepo';
import { redisKeys } from '../redis/keys';

/**
 * The demo's chat target: a WeCom-format group robot at the local receiver, in 简体中文, with the
 * end-of-shift summary at the shift's end and an alert rule for critical alerts (10-minute cool-down).
 */
export async function createDemoChatTarget(opts: {
  redisUrl: string;
  prefix: string;
  stream: string;
  receiverUrl: string;
  summaryAt: string;
}): Promise<void> {
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const keys = redisKeys({ stream: opts.stream, deadLetterStream: `${opts.stream}:dead`, keyPrefix: opts.prefix });
    const repo = createChatRepo(redis, keys);
    if ((await repo.targets()).some((t) => t.name === 'Demo group chat')) return;
    const id = randomBytes(8).toString('hex');
    await repo.saveTarget({
      ...{ id, name: 'Demo group chat', vendor: 'wecom', language: 'zh-CN', team: null, createdAt: Date.now() },
      url: `${opts.receiverUrl}/cgi-bin/webhook/send?key=${randomBytes(12).toString('hex')}`,
      secret: null,
      summaryAt: opts.summaryAt,
    });
    await repo.saveRule({
      ...{ id: randomBytes(8).toString('hex'), target: id, kinds: [], minSeverity: 'critical' },
      ...{ team: null, cooldownMinutes: 10 },
    });
  } finally {
    redis.disconnect();
  }
}
