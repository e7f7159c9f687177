import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';

const load = (env: Record<string, string>) => loadConfig(env, { clientDir: null });

describe('ingestion settings', () => {
  it('caps a floor at 10,000 reps unless FLOORBOARD_MAX_REPS says otherwise', () => {
    expect(load({}).maxReps).toBe(10_000);
    expect(load({ FLOORBOARD_MAX_REPS: '5000' }).maxReps).toBe(5000);
    expect(() => load({ FLOORBOARD_MAX_REPS: '0' })).toThrow(/FLOORBOARD_MAX_REPS/);
  });

  it('reads Redis Sentinel as host:port list plus a master name, both or neither', () => {
    expect(load({}).sentinel).toBeNull();
    expect(
      load({ REDIS_SENTINELS: '10.0.0.1:26379, sentinel-b:26380', REDIS_SENTINEL_MASTER: 'floor' }).sentinel,
    ).toEqual({
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: 'sentinel-b', port: 26380 },
      ],
      name: 'floor',
    });
    expect(() => load({ REDIS_SENTINELS: '10.0.0.1:26379' })).toThrow(/REDIS_SENTINEL_MASTER: .*set both or neither/);
    expect(() => load({ REDIS_SENTINEL_MASTER: 'floor' })).toThrow(ConfigError);
    expect(() => load({ REDIS_SENTINELS: '10.0.0.1', REDIS_SENTINEL_MASTER: 'floor' })).toThrow(
      /each sentinel must be host:port/,
    );
    expect(() => load({ REDIS_SENTINELS: 'a:70000', REDIS_SENTINEL_MASTER: 'floor' })).toThrow(/port must be 1-65535/);
  });
});
