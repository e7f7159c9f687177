import { z } from 'zod';
import { idSchema } from '../events/callEvent';
import { ALERT_RULES } from '../domain/alertTypes';
import { parseClockTime } from '../domain/targets';

/** Chat apps a target can be (issue #17, item 4): each has its own body format and signing. */
export const CHAT_VENDORS = ['wecom', 'dingtalk', 'feishu', 'slack', 'teams'] as const;
export type ChatVendor = (typeof CHAT_VENDORS)[number];

/** The language a target's messages are written in. */
export const CHAT_LANGUAGES = ['en', 'zh-CN'] as const;
export type ChatLanguage = (typeof CHAT_LANGUAGES)[number];

/** Any team id, "__proto__" included (README "Names are data"). */
const teamSchema = idSchema.nullable();
const clockSchema = z
  .string()
  .refine((v) => /^\d{2}:\d{2}$/.test(v) && parseClockTime(v) !== null, 'must be HH:MM (24-hour)');

/** Write-only fields: the URL (its token is the credential) and the signing secret. */
const urlSchema = z.string().min(8).max(2000);
const secretSchema = z.string().min(1).max(500);

/** POST /api/webhooks: a new target. */
export const newChatTargetSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    vendor: z.enum(CHAT_VENDORS),
    url: urlSchema,
    secret: secretSchema.nullable().default(null),
    language: z.enum(CHAT_LANGUAGES).default('zh-CN'),
    /** null: the whole floor; else one team's figures. */
    team: teamSchema.default(null),
    /** Local time (HH:MM) of the end-of-shift summary; null: no summary. */
    summaryAt: clockSchema.nullable().default(null),
  })
  .strict();
export type NewChatTarget = z.infer<typeof newChatTargetSchema>;

/** PUT /api/webhooks/:id: absent fields stay; `url`/`secret` replace the stored ones (secret null removes it). */
export const chatTargetUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    url: urlSchema,
    secret: secretSchema.nullable(),
    language: z.enum(CHAT_LANGUAGES),
    team: teamSchema,
    summaryAt: clockSchema.nullable(),
  })
  .partial()
  .strict();
export type ChatTargetUpdate = z.infer<typeof chatTargetUpdateSchema>;

/** POST /api/webhooks/rules: alerts of these kinds (empty: all), at or above a severity, of a team (null: any). */
export const newChatRuleSchema = z
  .object({
    target: z.string().regex(/^[a-f0-9]{16}$/, 'must be a chat target id'),
    kinds: z.array(z.enum(ALERT_RULES)).max(ALERT_RULES.length).default([]),
    minSeverity: z.enum(['warning', 'critical']).default('warning'),
    team: teamSchema.default(null),
    /** The same alert (rule and rep, or line) is sent again only after this long. */
    cooldownMinutes: z.number().int().min(0).max(1440).default(30),
  })
  .strict();
export type NewChatRule = z.infer<typeof newChatRuleSchema>;

/** What any API answers about a target: never the URL's token nor the secret. */
export interface ChatTargetView {
  id: string;
  name: string;
  vendor: ChatVendor;
  /** Scheme and host of the URL only, e.g. `https://oapi.dingtalk.com`. */
  host: string;
  urlSet: true;
  secretSet: boolean;
  language: ChatLanguage;
  team: string | null;
  summaryAt: string | null;
  createdAt: number;
  /** Deliveries: the last success, the last failure and its error. */
  lastOkAt: number | null;
  lastErrorAt: number | null;
  lastError: string | null;
}

export interface ChatRuleView extends NewChatRule {
  id: string;
}

export type ChatMessageState = 'pending' | 'sent' | 'failed';

/** One message in the outbox (the admin screen's delivery list). */
export interface ChatDeliveryView {
  id: string;
  target: string;
  kind: 'summary' | 'alert' | 'test';
  title: string;
  state: ChatMessageState;
  attempts: number;
  createdAt: number;
  /** Next try (pending), else null. */
  nextAt: number | null;
  sentAt: number | null;
  lastError: string | null;
}

export interface ChatAppsResponse {
  targets: ChatTargetView[];
  rules: ChatRuleView[];
  deliveries: ChatDeliveryView[];
  /** Whether review links are added (FLOORBOARD_PUBLIC_URL is set). */
  linksOn: boolean;
}
