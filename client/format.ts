import type { EpochMs } from '../shared/time';

/** Whole seconds from `since` to `now`; never negative (a source clock a little ahead must not show -0:01). */
export function elapsedSeconds(since: EpochMs, now: EpochMs): number {
  return Math.max(0, Math.floor((now - since) / 1000));
}

/** A live timer: "m:ss" under an hour, "h:mm:ss" from then on. */
export function formatTimer(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Hours and minutes of a long duration (talk time), for the duration.hm message. */
export function splitHoursMinutes(totalSeconds: number): { h: number; m: number } {
  const minutes = Math.floor(Math.max(0, totalSeconds) / 60);
  return { h: Math.floor(minutes / 60), m: minutes % 60 };
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Whole numbers with the locale's grouping (12,480). */
export function formatCount(value: number, locale: string): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })));
  return format.format(value);
}

/** A ratio as a whole percentage ("87%"); "–" when there is nothing to divide by. */
export function formatRatio(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '–' : `${Math.round(ratio * 100)}%`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * An amount of the floor's money, whole units with the locale's grouping and the currency's sign
 * as the locale writes it ("¥12,480" in zh-CN, "CN¥12,480" in English, "US$1,200" in zh-CN).
 * The one money formatter: every revenue and amount on every screen goes through it.
 */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        currencyDisplay: 'symbol',
        minimumFractionDigits: 0,
        maximumFractionDigits: 0,
      });
    } catch {
      // A code Intl cannot read (the server validates, so only a broken answer): the code itself, never nothing.
      return `${currency} ${formatCount(amount, locale)}`;
    }
    moneyFormats.set(key, format);
  }
  return format.format(Number.isFinite(amount) ? amount : 0);
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * How old something is (data, a source's last event): seconds while under two minutes (a wall
 * that is 40 s behind must say so), then a span in words ("75 min" would read oddly: "1 h 15 min").
 */
export function formatAge(ms: number, t: Translate): string {
  const s = Math.max(0, Math.floor(Number.isFinite(ms) ? ms / 1000 : 0));
  return s < 120 ? t('duration.s', { s }) : formatSpan(s, t);
}

/**
 * A span of time in words, never clock-like: "< 1 min", "15 min", "1 h 5 min", "3 h"
 * (zh-CN: 不到 1 分钟, 15 分钟, 1 小时 5 分钟). `withSeconds` keeps the seconds of a short
 * span ("4 min 5 s": an average handle time). For the live m:ss timers, see formatTimer.
 */
export function formatSpan(totalSeconds: number, t: Translate, withSeconds = false): string {
  const s = Math.max(0, Math.floor(Number.isFinite(totalSeconds) ? totalSeconds : 0));
  if (withSeconds && s < 3600) {
    const m = Math.floor(s / 60);
    if (m === 0) return t('duration.s', { s });
    return s % 60 === 0 ? t('duration.m', { m }) : t('duration.ms', { m, s: s % 60 });
  }
  if (s < 60) return t('duration.underMinute');
  const { h, m } = splitHoursMinutes(s);
  if (h === 0) return t('duration.m', { m });
  return m === 0 ? t('duration.h', { h }) : t('duration.hm', { h, m });
}
