import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';

const TOKEN = 'a'.repeat(32);
const load = (env: Record<string, string>) =>
  loadConfig({ FLOORBOARD_WALLBOARD_TOKENS: TOKEN, ...env }, { clientDir: null });

describe('loadConfig()', () => {
  it('gives documented defaults', () => {
    const config = load({});
    expect(config).toMatchObject({
      port: 3000,
      redisUrl: 'redis://127.0.0.1:6379',
      stream: 'floorboard:events',
      deadLetterStream: 'floorboard:events:dead',
      timeZone: 'UTC',
      shiftStart: '09:00',
      shiftEnd: '18:00',
      effectiveCallSeconds: 60,
      defaultTargets: { dials: 120, effectiveCalls: 25, talkMinutes: 150, leads: 6, deals: 2, revenue: 2000 },
      wallboardTokens: [TOKEN],
    });
  });

  it('reads every setting from the environment', () => {
    const config = load({
      PORT: '8080',
      FLOORBOARD_STREAM: 'dialer:events',
      FLOORBOARD_TZ: 'Asia/Shanghai',
      FLOORBOARD_SHIFT_START: '08:30',
      FLOORBOARD_SHIFT_END: '17:30',
      FLOORBOARD_EFFECTIVE_CALL_SECONDS: '45',
      FLOORBOARD_TARGET_DIALS: '200',
      FLOORBOARD_TARGET_REVENUE: '5000.5',
      FLOORBOARD_WALLBOARD_TOKENS: `${TOKEN}, ${'b'.repeat(30)}`,
    });
    expect(config).toMatchObject({
      port: 8080,
      stream: 'dialer:events',
      deadLetterStream: 'dialer:events:dead',
      timeZone: 'Asia/Shanghai',
      shiftStart: '08:30',
      effectiveCallSeconds: 45,
      wallboardTokens: [TOKEN, 'b'.repeat(30)],
    });
    expect(config.defaultTargets.dials).toBe(200);
    expect(config.defaultTargets.revenue).toBe(5000.5);
  });

  it('names every bad variable in one clear error', () => {
    let error: unknown;
    try {
      load({ PORT: 'eighty', FLOORBOARD_TZ: 'Mars/Olympus', REDIS_URL: 'http://x', FLOORBOARD_SHIFT_START: '9am' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = String((error as Error).message);
    for (const name of ['PORT', 'FLOORBOARD_TZ', 'REDIS_URL', 'FLOORBOARD_SHIFT_START'])
      expect(message).toContain(name);
  });

  it('refuses a shift that ends before it starts and a weak wallboard token', () => {
    expect(() => load({ FLOORBOARD_SHIFT_START: '18:00', FLOORBOARD_SHIFT_END: '09:00' })).toThrow(
      /FLOORBOARD_SHIFT_END/,
    );
    expect(loadConfig({}, { clientDir: null }).wallboardTokens).toEqual([]);
    expect(() => load({ FLOORBOARD_WALLBOARD_TOKENS: 'short' })).toThrow(/24-128 chars/);
  });

  it('accepts a night shift ending after midnight once the business day starts outside it', () => {
    expect(load({})).toMatchObject({ dayStart: '00:00', dayStartMinute: 0 });
    const night = load({
      FLOORBOARD_SHIFT_START: '21:00',
      FLOORBOARD_SHIFT_END: '05:00',
      FLOORBOARD_DAY_START: '06:00',
    });
    expect(night).toMatchObject({ shiftStart: '21:00', shiftEnd: '05:00', dayStart: '06:00', dayStartMinute: 360 });
    expect(load({ FLOORBOARD_SHIFT_START: '18:00', FLOORBOARD_SHIFT_END: '00:00' }).shiftEnd).toBe('00:00');
  });

  it('refuses a shift over the day start, an empty shift and a day start off the quarter hour, saying why', () => {
    expect(() => load({ FLOORBOARD_SHIFT_START: '21:00', FLOORBOARD_SHIFT_END: '05:00' })).toThrow(
      /FLOORBOARD_SHIFT_END: the shift 21:00-05:00 runs over the business day start 00:00: set FLOORBOARD_DAY_START/,
    );
    expect(() =>
      load({ FLOORBOARD_SHIFT_START: '05:00', FLOORBOARD_SHIFT_END: '14:00', FLOORBOARD_DAY_START: '06:00' }),
    ).toThrow(/runs over the business day start 06:00/);
    expect(() => load({ FLOORBOARD_SHIFT_START: '09:00', FLOORBOARD_SHIFT_END: '09:00' })).toThrow(/no length/);
    expect(() => load({ FLOORBOARD_DAY_START: '06:10' })).toThrow(/FLOORBOARD_DAY_START: must be on a quarter hour/);
    expect(() => load({ FLOORBOARD_DAY_START: '6am' })).toThrow(/FLOORBOARD_DAY_START: must be HH:MM/);
    expect(() => load({ FLOORBOARD_DAY_START: 'noon', FLOORBOARD_TZ: 'Mars/Olympus' })).toThrow(/FLOORBOARD_TZ/);
  });

  it('refuses a day start in the hour the clocks repeat (it would start the day twice), not one outside it', () => {
    const newYork = {
      FLOORBOARD_TZ: 'America/New_York',
      FLOORBOARD_SHIFT_START: '21:00',
      FLOORBOARD_SHIFT_END: '01:00',
    };
    expect(() => load({ ...newYork, FLOORBOARD_DAY_START: '01:30' })).toThrow(
      /FLOORBOARD_DAY_START: 01:30 falls in the hour America\/New_York repeats/,
    );
    expect(load({ ...newYork, FLOORBOARD_DAY_START: '06:00' }).dayStartMinute).toBe(360);
    // The clocks skip 02:00-03:00 in spring: a day start there just comes at 03:00 that day.
    expect(load({ ...newYork, FLOORBOARD_DAY_START: '02:30' }).dayStartMinute).toBe(150);
    expect(load({ FLOORBOARD_TZ: 'America/New_York' }).dayStartMinute).toBe(0);
  });

  it('reads working weekdays and session length', () => {
    expect(load({}).workingWeekdays).toEqual([1, 2, 3, 4, 5]);
    expect(load({ FLOORBOARD_WORKING_DAYS: '1-3,6' }).workingWeekdays).toEqual([1, 2, 3, 6]);
    expect(load({ FLOORBOARD_SESSION_HOURS: '8' }).sessionTtlMs).toBe(8 * 3600_000);
    expect(() => load({ FLOORBOARD_WORKING_DAYS: 'weekdays' })).toThrow(/FLOORBOARD_WORKING_DAYS/);
  });

  it('reads the proxy to trust as express does, and the transport and log-in limits', () => {
    expect(load({}).trustProxy).toBe(false);
    expect(load({ FLOORBOARD_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(load({ FLOORBOARD_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(() => load({ FLOORBOARD_TRUST_PROXY: 'true' })).toThrow(/hop count/);
    expect(() => load({ FLOORBOARD_TRUST_PROXY: '10.0.0.0/99' })).toThrow(/FLOORBOARD_TRUST_PROXY/);
    expect(load({})).toMatchObject({
      loginAddressFailures: 100,
      socketsPerSession: 20,
      socketsPerWallboard: 200,
      connectionsPerAddress: 2000,
      headersTimeoutMs: 10_000,
      idleTimeoutMs: 5_000,
      metricsToken: null,
    });
    expect(() => load({ FLOORBOARD_METRICS_TOKEN: 'short' })).toThrow(/FLOORBOARD_METRICS_TOKEN/);
  });

  it("reads the floor's currency: ISO 4217, CNY by default, unknown codes refused", () => {
    expect(load({}).currency).toBe('CNY');
    expect(load({ FLOORBOARD_CURRENCY: 'USD' }).currency).toBe('USD');
    expect(load({ FLOORBOARD_CURRENCY: ' eur ' }).currency).toBe('EUR');
    for (const bad of ['XYZ', 'US', 'USDX', '¥', '__proto__', 'cny;drop'])
      expect(() => load({ FLOORBOARD_CURRENCY: bad })).toThrow(/FLOORBOARD_CURRENCY: must be an ISO 4217/);
  });
});
