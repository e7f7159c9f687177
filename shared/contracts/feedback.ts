import { z } from 'zod';

/** Routes of the reason catalogue and the market-feedback view (issue #16 item 3). */
export const feedbackRoutes = {
  reasons: '/api/reasons',
  unknownCodes: '/api/reasons/unknown',
  feedback: '/api/feedback',
} as const;

const count = z.number().int().min(0);

/** A code's counts: `code` is the catalogue code (aliases applied) or, when `known` is false, the code as sent. */
export const feedbackCodeRowSchema = z.object({
  code: z.string(),
  known: z.boolean(),
  today: count,
  /** This week so far (Monday to today). */
  week: count,
  /** Last week over the same weekdays (Monday to last week's today): like for like. */
  lastWeek: count,
  /** This week per day, Monday to Sunday (days to come are 0). */
  perDay: z.array(count).length(7),
});
export type FeedbackCodeRow = z.infer<typeof feedbackCodeRowSchema>;

/** One campaign, list or team: its reasons and tags together, and its top codes this week. */
export const feedbackSliceRowSchema = z.object({
  id: z.string(),
  today: count,
  week: count,
  lastWeek: count,
  top: z.array(z.object({ code: z.string(), known: z.boolean(), week: count })),
});
export type FeedbackSliceRow = z.infer<typeof feedbackSliceRowSchema>;

export const feedbackSampleSchema = z.object({
  at: z.number(),
  rep: z.string(),
  team: z.string(),
  campaign: z.string(),
  list: z.string(),
  /** Free text, phone-like digit runs masked before it was stored. */
  remark: z.string(),
});
export type FeedbackSample = z.infer<typeof feedbackSampleSchema>;

export const feedbackResponseSchema = z.object({
  today: z.string(),
  /** This week's days, Monday to Sunday. */
  week: z.array(z.string()).length(7),
  filters: z.object({ team: z.string().nullable(), campaign: z.string().nullable(), list: z.string().nullable() }),
  reasons: z.array(feedbackCodeRowSchema),
  tags: z.array(feedbackCodeRowSchema),
  byCampaign: z.array(feedbackSliceRowSchema),
  byList: z.array(feedbackSliceRowSchema),
  byTeam: z.array(feedbackSliceRowSchema),
  /** The latest remarks per code this week (code "" = remarks without a code). */
  samples: z.array(z.object({ code: z.string(), known: z.boolean(), remarks: z.array(feedbackSampleSchema) })),
  /** What the filters may choose from (this and last week). */
  options: z.object({ teams: z.array(z.string()), campaigns: z.array(z.string()), lists: z.array(z.string()) }),
  serverNow: z.number(),
});
export type FeedbackResponse = z.infer<typeof feedbackResponseSchema>;

export const unknownCodesResponseSchema = z.object({
  /** Codes seen in the last 14 days that neither the catalogue nor an alias knows, most sent first. */
  codes: z.array(z.object({ code: z.string(), kind: z.enum(['refusal', 'tag']), count, lastSeen: z.string() })),
});
export type UnknownCodesResponse = z.infer<typeof unknownCodesResponseSchema>;
