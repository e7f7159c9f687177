import { createI18n } from 'vue-i18n';
import consoleEn from './locales/console.en';
import consoleZhCN from './locales/console.zhCN';
import manageEn from './locales/manage.en';
import manageZhCN from './locales/manage.zhCN';
import callbacksEn from './locales/callbacks.en';
import callbacksZhCN from './locales/callbacks.zhCN';
import handoffsEn from './locales/handoffs.en';
import handoffsZhCN from './locales/handoffs.zhCN';
import { en } from './locales/en';
import { zhCN } from './locales/zhCN';
import ingestEn from './locales/ingest.en';
import ingestZhCN from './locales/ingest.zhCN';
import sourcesEn from './locales/sources.en';
import sourcesZhCN from './locales/sources.zhCN';
import feedbackEn from './locales/feedback.en';
import feedbackZhCN from './locales/feedback.zhCN';
import campaignsEn from './locales/campaigns.en';
import campaignsZhCN from './locales/campaigns.zhCN';
import campaignTargetsEn from './locales/campaignTargets.en';
import campaignTargetsZhCN from './locales/campaignTargets.zhCN';
import historyEn from './locales/history.en';
import historyZhCN from './locales/history.zhCN';
import coachingEn from './locales/coaching.en';
import coachingZhCN from './locales/coaching.zhCN';
import replayEn from './locales/replay.en';
import replayZhCN from './locales/replay.zhCN';
import chatAppsEn from './locales/chatApps.en';
import chatAppsZhCN from './locales/chatApps.zhCN';
import exportsEn from './locales/exports.en';
import exportsZhCN from './locales/exports.zhCN';
import reviewEn from './locales/review.en';
import reviewZhCN from './locales/review.zhCN';

/** Every message of a language: the app's own, the console's (console, progress, notes) and alerts/boards/trends/TV. */
export const messages = {
  en: {
    ...en,
    ...consoleEn,
    ...manageEn,
    ...ingestEn,
    ...callbacksEn,
    ...sourcesEn,
    ...campaignsEn,
    ...feedbackEn,
    ...handoffsEn,
    ...campaignTargetsEn,
    ...historyEn,
    ...coachingEn,
    ...replayEn,
    ...chatAppsEn,
    ...exportsEn,
    ...reviewEn,
  },
  'zh-CN': {
    ...zhCN,
    ...consoleZhCN,
    ...manageZhCN,
    ...ingestZhCN,
    ...callbacksZhCN,
    ...sourcesZhCN,
    ...campaignsZhCN,
    ...feedbackZhCN,
    ...handoffsZhCN,
    ...campaignTargetsZhCN,
    ...historyZhCN,
    ...coachingZhCN,
    ...replayZhCN,
    ...chatAppsZhCN,
    ...exportsZhCN,
    ...reviewZhCN,
  },
};
export type AppMessages = (typeof messages)['en'];

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** How each language names itself on the switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'EN', 'zh-CN': '中文' };

const STORAGE_KEY = 'floorboard.locale';

declare module 'vue-i18n' {
  // Makes t('...') keys checked against the English messages; augmentation needs an interface.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends AppMessages {}
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

// Some TV browsers throw on storage access (private mode, disabled storage): then nothing is remembered.
function tryStorage<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** The remembered choice of this screen, else the browser's language. */
export function initialLocale(storage?: Pick<Storage, 'getItem'>, language: string = navigator.language): Locale {
  const saved = tryStorage(() => (storage ?? localStorage).getItem(STORAGE_KEY));
  if (isLocale(saved)) return saved;
  return language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function rememberLocale(locale: Locale, storage?: Pick<Storage, 'setItem'>): void {
  document.documentElement.lang = locale;
  tryStorage(() => (storage ?? localStorage).setItem(STORAGE_KEY, locale));
}

export function createAppI18n(locale: Locale) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
  });
}
