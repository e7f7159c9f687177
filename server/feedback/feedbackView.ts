import type { FeedbackCodeRow, FeedbackResponse, FeedbackSliceRow } from '../../shared/contracts/feedback';
import type { CodeResolver } from '../../shared/domain/reasonCatalogue';
import type { DayKey } from '../../shared/time';
import { SEP, type FeedbackSample } from '../redis/feedbackRepo';

/** What the view reads: 14 days, last week's Monday to this week's Sunday, in order. */
export interface FeedbackInput {
  today: DayKey;
  /** Last week's Monday .. this week's Sunday (14 days). */
  days: readonly DayKey[];
  counts: readonly Map<string, number>[];
  samples: readonly Map<string, FeedbackSample[]>[];
}

export interface FeedbackFilters {
  team: string | null;
  campaign: string | null;
  list: string | null;
}

const SAMPLES_SHOWN = 3;
const TOP_CODES = 3;

interface Parsed {
  kind: 'r' | 't';
  team: string;
  campaign: string;
  list: string;
  code: string;
}

function parseField(field: string): Parsed | null {
  const parts = field.split(SEP);
  if (parts.length !== 5 || (parts[0] !== 'r' && parts[0] !== 't')) return null;
  const [kind, team, campaign, list, code] = parts as ['r' | 't', string, string, string, string];
  return { kind, team, campaign, list, code };
}

/**
 * The market-feedback answer, a pure function of the stored counts, the filters and the
 * catalogue: codes are resolved through the catalogue's aliases here, so mapping an unknown code
 * corrects every day already counted. "This week" is Monday to today; its trend compares with
 * last week's same weekdays.
 */
export function feedbackView(
  input: FeedbackInput,
  filters: FeedbackFilters,
  resolver: CodeResolver,
  serverNow: number,
): FeedbackResponse {
  const todayIndex = input.days.indexOf(input.today);
  const weekday = todayIndex - 7; // 0 = Monday
  const reasons = new Map<string, FeedbackCodeRow>();
  const tags = new Map<string, FeedbackCodeRow>();
  const slices = { campaign: new Map<string, Slice>(), list: new Map<string, Slice>(), team: new Map<string, Slice>() };
  const options = { teams: new Set<string>(), campaigns: new Set<string>(), lists: new Set<string>() };
  const known = (code: string) => resolver.resolve(code);

  input.counts.forEach((counts, dayIndex) => {
    const thisWeek = dayIndex >= 7;
    const dayOfWeek = dayIndex % 7;
    if (!thisWeek && dayOfWeek > weekday) return; // last week beyond today's weekday: not like for like
    for (const [field, n] of counts) {
      const f = parseField(field);
      if (!f || n <= 0) continue;
      if (f.team !== '*' && (filters.team === null || f.team === filters.team)) {
        if (f.campaign) options.campaigns.add(f.campaign);
        if (f.list) options.lists.add(f.list);
      }
      if (f.team && f.team !== '*') options.teams.add(f.team);
      if (filters.team !== null && f.team !== filters.team) continue;
      if (filters.campaign !== null && f.campaign !== filters.campaign) continue;
      if (filters.list !== null && f.list !== filters.list) continue;
      const resolved = known(f.code);
      const code = resolved ?? f.code;
      const rows = f.kind === 'r' ? reasons : tags;
      let row = rows.get(code);
      if (!row)
        rows.set(
          code,
          (row = { code, known: resolved !== null, today: 0, week: 0, lastWeek: 0, perDay: [0, 0, 0, 0, 0, 0, 0] }),
        );
      if (thisWeek) {
        row.week += n;
        row.perDay[dayOfWeek]! += n;
        if (dayIndex === todayIndex) row.today += n;
      } else row.lastWeek += n;
      const slice = { thisWeek, today: dayIndex === todayIndex, n, code, known: resolved !== null };
      add(slices.campaign, f.campaign, slice);
      add(slices.list, f.list, slice);
      add(slices.team, f.team, slice);
    }
  });

  const samples = new Map<string, FeedbackSample[]>();
  input.samples.forEach((byField, dayIndex) => {
    if (dayIndex < 7) return;
    for (const [field, list] of byField) {
      const cut = field.indexOf(SEP);
      const team = field.slice(0, cut);
      if (filters.team !== null && team !== filters.team) continue;
      const sent = field.slice(cut + 1);
      const code = sent === '' ? '' : (known(sent) ?? sent);
      const kept = list.filter(
        (s) =>
          (filters.campaign === null || s.campaign === filters.campaign) &&
          (filters.list === null || s.list === filters.list),
      );
      samples.set(code, [...(samples.get(code) ?? []), ...kept]);
    }
  });

  return {
    today: input.today,
    week: input.days.slice(7),
    filters,
    reasons: sortRows(reasons),
    tags: sortRows(tags),
    byCampaign: sliceRows(slices.campaign),
    byList: sliceRows(slices.list),
    byTeam: sliceRows(slices.team),
    samples: [...samples]
      .map(([code, list]) => ({
        code,
        known: code !== '' && resolver.entry(code) !== null,
        remarks: dedupe(list)
          .sort((a, b) => b.at - a.at)
          .slice(0, SAMPLES_SHOWN)
          .map(({ at, rep, team, campaign, list: l, remark }) => ({ at, rep, team, campaign, list: l, remark })),
      }))
      .filter((s) => s.remarks.length > 0)
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    options: { teams: sorted(options.teams), campaigns: sorted(options.campaigns), lists: sorted(options.lists) },
    serverNow,
  };
}

interface Slice {
  today: number;
  week: number;
  lastWeek: number;
  codes: Map<string, { known: boolean; week: number }>;
}

function add(
  into: Map<string, Slice>,
  id: string,
  s: { thisWeek: boolean; today: boolean; n: number; code: string; known: boolean },
): void {
  let slice = into.get(id);
  if (!slice) into.set(id, (slice = { today: 0, week: 0, lastWeek: 0, codes: new Map() }));
  if (!s.thisWeek) {
    slice.lastWeek += s.n;
    return;
  }
  slice.week += s.n;
  if (s.today) slice.today += s.n;
  const c = slice.codes.get(s.code) ?? { known: s.known, week: 0 };
  c.week += s.n;
  slice.codes.set(s.code, c);
}

function sortRows(rows: Map<string, FeedbackCodeRow>): FeedbackCodeRow[] {
  return [...rows.values()].sort((a, b) => b.week - a.week || b.lastWeek - a.lastWeek || (a.code < b.code ? -1 : 1));
}

function sliceRows(slices: Map<string, Slice>): FeedbackSliceRow[] {
  return [...slices]
    .map(([id, s]) => ({
      id,
      today: s.today,
      week: s.week,
      lastWeek: s.lastWeek,
      top: [...s.codes]
        .map(([code, c]) => ({ code, known: c.known, week: c.week }))
        .sort((a, b) => b.week - a.week || (a.code < b.code ? -1 : 1))
        .slice(0, TOP_CODES),
    }))
    .sort((a, b) => b.week - a.week || (a.id < b.id ? -1 : 1));
}

function dedupe(list: FeedbackSample[]): FeedbackSample[] {
  const seen = new Set<string>();
  return list.filter((s) => !seen.has(s.call) && (seen.add(s.call), true));
}

const sorted = (set: Set<string>) => [...set].sort();
