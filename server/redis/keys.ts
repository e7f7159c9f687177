import type { Config } from '../config';

/** Every Redis key the server touches, in one place. */
export interface RedisKeys {
  /** The ingestion stream dialers write to. */
  events: string;
  /** Malformed or unknown entries, with the reason and the original fields. */
  deadLetters: string;
}

export function redisKeys(config: Pick<Config, 'stream' | 'deadLetterStream'>): RedisKeys {
  return { events: config.stream, deadLetters: config.deadLetterStream };
}
