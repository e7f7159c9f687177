import { z } from 'zod';
import { REFUSAL_REASONS } from './reasons';

/**
 * The configurable catalogue of refusal reasons and market-feedback tags (issue #16): a supervisor
 * edits it, everyone signed in reads it. Shipped entries carry no labels of their own (they keep
 * their locale messages, `refusal.<code>` / `feedbackTag.<code>`); an entry a supervisor adds
 * carries its own English and Chinese label. Aliases map codes seen on the stream (a synonym, a
 * dialer's own word) onto a catalogue code; they are applied when counting is read, so mapping a
 * code also corrects the days already counted.
 */

/** Feedback tags shipped with the product (what customers say about product, price, competitors). */
export const FEEDBACK_TAGS = [
  'price_high',
  'competitor_cheaper',
  'product_request',
  'feature_missing',
  'quality_concern',
  'service_complaint',
  'contract_terms',
  'positive_feedback',
  'referral',
] as const;

export const CATALOGUE_KINDS = ['refusal', 'tag'] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

/** At most this many entries, and this many aliases, in a catalogue. */
export const MAX_CATALOGUE_ENTRIES = 200;
export const MAX_ALIASES = 500;
/** A label's visible length (characters, not UTF-16 units). */
export const MAX_LABEL_CHARS = 40;

/** A catalogue code: the ingestion contract's id charset. */
export const codeSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 chars of A-Za-z0-9._-');

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2060\ufeff\u061c\u202a-\u202e\u2066-\u2069]/;

/** Visible text: no control or invisible characters, trimmed, 1..max characters (code points). */
export const visibleText = (max: number) =>
  z
    .string()
    .refine((value) => !CONTROL.test(value), 'must not contain control or invisible characters')
    .transform((value) => value.normalize('NFC').trim())
    .refine((value) => value.length > 0, 'must not be empty')
    .refine((value) => [...value].length <= max, `must be at most ${max} characters`);

export const catalogueLabelsSchema = z.object({ en: visibleText(MAX_LABEL_CHARS), zh: visibleText(MAX_LABEL_CHARS) });
export type CatalogueLabels = z.infer<typeof catalogueLabelsSchema>;

export const catalogueEntrySchema = z.object({
  code: codeSchema,
  kind: z.enum(CATALOGUE_KINDS),
  /** Own labels; required on a code not shipped, optional (an override) on a shipped one. */
  labels: catalogueLabelsSchema.optional(),
  /** Retired: kept so old counts still read in words, no longer offered. */
  retired: z.boolean().optional(),
});
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

/** A code as sent (a reason may be free text up to 64 chars) mapped to a catalogue code. */
export const aliasSchema = z.object({ from: visibleText(64), to: codeSchema });
export type Alias = z.infer<typeof aliasSchema>;

export interface Catalogue {
  /** Bumped by every accepted change; 0 is the shipped defaults, never stored. */
  version: number;
  entries: CatalogueEntry[];
  aliases: Alias[];
}

/** Whether a code ships with the product (then its labels are locale messages). */
export function isShipped(kind: CatalogueKind, code: string): boolean {
  return kind === 'refusal'
    ? (REFUSAL_REASONS as readonly string[]).includes(code)
    : (FEEDBACK_TAGS as readonly string[]).includes(code);
}

/** The locale message key of a shipped entry. */
export function shippedMessageKey(kind: CatalogueKind, code: string): string {
  return kind === 'refusal' ? `refusal.${code}` : `feedbackTag.${code}`;
}

export const DEFAULT_CATALOGUE: Catalogue = {
  version: 0,
  entries: [
    ...REFUSAL_REASONS.map((code) => ({ code, kind: 'refusal' as const })),
    ...FEEDBACK_TAGS.map((code) => ({ code, kind: 'tag' as const })),
  ],
  aliases: [],
};

/** The body of `PUT /api/reasons`: the whole catalogue and the version it was edited from. */
export const catalogueUpdateSchema = z
  .object({
    version: z.number().int().min(0),
    entries: z.array(catalogueEntrySchema).max(MAX_CATALOGUE_ENTRIES, `at most ${MAX_CATALOGUE_ENTRIES} entries`),
    aliases: z.array(aliasSchema).max(MAX_ALIASES, `at most ${MAX_ALIASES} aliases`),
  })
  .superRefine((value, ctx) => {
    const codes = new Set<string>();
    value.entries.forEach((entry, i) => {
      if (codes.has(entry.code))
        ctx.addIssue({ code: 'custom', path: ['entries', i, 'code'], message: `"${entry.code}" is listed twice` });
      codes.add(entry.code);
      if (!entry.labels && !isShipped(entry.kind, entry.code))
        ctx.addIssue({
          code: 'custom',
          path: ['entries', i, 'labels'],
          message: 'a new code needs its en and zh label',
        });
    });
    const froms = new Set<string>();
    value.aliases.forEach((alias, i) => {
      if (froms.has(alias.from))
        ctx.addIssue({ code: 'custom', path: ['aliases', i, 'from'], message: `"${alias.from}" is mapped twice` });
      froms.add(alias.from);
      if (!codes.has(alias.to))
        ctx.addIssue({ code: 'custom', path: ['aliases', i, 'to'], message: `"${alias.to}" is not in the catalogue` });
      if (codes.has(alias.from))
        ctx.addIssue({ code: 'custom', path: ['aliases', i, 'from'], message: `"${alias.from}" is a catalogue code` });
    });
  });
export type CatalogueUpdate = z.infer<typeof catalogueUpdateSchema>;

/** `GET /api/reasons` and a successful `PUT`. */
export const catalogueResponseSchema = z.object({
  version: z.number().int().min(0),
  entries: z.array(catalogueEntrySchema),
  aliases: z.array(aliasSchema),
});
export type CatalogueResponse = Catalogue;

/** How counting reads codes as sent: a catalogue code, an alias of one, or unknown (counted as sent). */
export interface CodeResolver {
  /** The catalogue code a code as sent counts under, or null when the catalogue does not know it. */
  resolve(sent: string): string | null;
  entry(code: string): CatalogueEntry | null;
}

export function codeResolver(catalogue: Pick<Catalogue, 'entries' | 'aliases'>): CodeResolver {
  // Maps: a code such as "__proto__" is data, never an object key.
  const entries = new Map(catalogue.entries.map((e) => [e.code, e]));
  const aliases = new Map(catalogue.aliases.map((a) => [a.from, a.to]));
  return {
    resolve(sent) {
      if (entries.has(sent)) return sent;
      const to = aliases.get(sent);
      return to !== undefined && entries.has(to) ? to : null;
    },
    entry: (code) => entries.get(code) ?? null,
  };
}
