import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys';
import {
  alertSettingsUpdateSchema,
  defaultAlertSettings,
  DEFAULT_ALERT_THRESHOLDS,
  type Alert,
  type AlertSettings,
  type AlertSettingsUpdate,
} from '../../shared/domain/alertTypes';
import type { DayKey } from '../../shared/time';
import { namedRecord } from '../../shared/records';

export interface AlertRepo {
  /** Every alert of a local day (active and cleared). */
  load(day: DayKey): Promise<Alert[]>;
  get(day: DayKey, id: string): Promise<Alert | null>;
  /** Stores the alert unless one with its id exists (first writer wins); returns the stored one. */
  raise(day: DayKey, alert: Alert): Promise<Alert>;
  /**
   * Writes a change; acknowledgement and clearing are set once, so a stale copy from another
   * instance never undoes them and a severity never drops back. Returns the stored alert.
   */
  update(day: DayKey, alert: Alert): Promise<Alert>;
  loadSettings(): Promise<AlertSettings>;
  /** Floor: replaces the thresholds. Team: replaces its overrides ({} removes them). */
  saveSettings(update: AlertSettingsUpdate): Promise<AlertSettings>;
}

/** Past days stay readable for reviews (GET /api/alerts?day=), then Redis drops them. */
const RETENTION_SECONDS = 40 * 24 * 3600;

// Merged in Redis so that two instances (or an ack racing a clear) cannot lose either change.
const MERGE = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if not cur then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  return ARGV[2]
end
local old = cjson.decode(cur)
local new = cjson.decode(ARGV[2])
if old.ackBy ~= cjson.null then new.ackBy = old.ackBy; new.ackAt = old.ackAt end
if old.clearedAt ~= cjson.null then new.clearedAt = old.clearedAt end
if old.severity == 'critical' then new.severity = 'critical' end
new.raisedAt = old.raisedAt
local out = cjson.encode(new)
redis.call('HSET', KEYS[1], ARGV[1], out)
return out
`;

function parseAlert(json: string | null | undefined): Alert | null {
  if (!json) return null;
  try {
    const alert = JSON.parse(json) as Alert;
    return typeof alert.id === 'string' && typeof alert.rule === 'string' ? alert : null;
  } catch {
    return null;
  }
}

/** The fields that are set (zod leaves an optional one absent, but a spread must not copy `undefined`). */
function definedOf<T extends object>(t: T): Partial<T> {
  return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function createAlertRepo(redis: Redis, keys: Pick<RedisKeys, 'alerts' | 'alertSettings'>): AlertRepo {
  async function loadSettings(): Promise<AlertSettings> {
    const hash = await redis.hgetall(keys.alertSettings);
    const settings = defaultAlertSettings();
    for (const [field, json] of Object.entries(hash)) {
      let thresholds: unknown;
      try {
        thresholds = JSON.parse(json);
      } catch {
        continue;
      }
      // Redis is a boundary: a hand-edited or outdated entry is skipped, never trusted.
      const update = field.startsWith('campaign:')
        ? { scope: 'campaign', campaign: field.slice('campaign:'.length), thresholds }
        : field === 'floor'
          ? { scope: 'floor', thresholds }
          : { scope: 'team', team: field.slice('team:'.length), thresholds };
      const parsed = alertSettingsUpdateSchema.safeParse(update);
      if (!parsed.success) continue;
      const data = parsed.data;
      // A floor stored before a threshold existed takes its default.
      if (data.scope === 'floor') settings.floor = { ...DEFAULT_ALERT_THRESHOLDS, ...definedOf(data.thresholds) };
      else if (data.scope === 'team' && field.startsWith('team:')) settings.teams[data.team] = data.thresholds;
      else if (data.scope === 'campaign') (settings.campaigns ??= namedRecord())[data.campaign] = data.thresholds;
    }
    return settings;
  }

  return {
    async load(day) {
      const hash = await redis.hgetall(keys.alerts(day));
      return Object.values(hash).flatMap((json) => parseAlert(json) ?? []);
    },
    async get(day, id) {
      return parseAlert(await redis.hget(keys.alerts(day), id));
    },
    async raise(day, alert) {
      const key = keys.alerts(day);
      const results = await redis
        .multi()
        .hsetnx(key, alert.id, JSON.stringify(alert))
        .expire(key, RETENTION_SECONDS)
        .hget(key, alert.id)
        .exec();
      const created = results?.[0]?.[1];
      const stored = results?.[2]?.[1];
      return created === 1 ? alert : (parseAlert(stored as string | null) ?? alert);
    },
    async update(day, alert) {
      const stored = (await redis.eval(MERGE, 1, keys.alerts(day), alert.id, JSON.stringify(alert))) as string;
      return parseAlert(stored) ?? alert;
    },
    loadSettings,
    async saveSettings(update) {
      if (update.scope === 'floor') {
        // A floor sent without a newer threshold keeps its current value.
        const floor = { ...(await loadSettings()).floor, ...definedOf(update.thresholds) };
        await redis.hset(keys.alertSettings, 'floor', JSON.stringify(floor));
        return loadSettings();
      }
      const field = update.scope === 'team' ? `team:${update.team}` : `campaign:${update.campaign}`;
      if (Object.keys(update.thresholds).length === 0) await redis.hdel(keys.alertSettings, field);
      else await redis.hset(keys.alertSettings, field, JSON.stringify(update.thresholds));
      return loadSettings();
    },
  };
}
