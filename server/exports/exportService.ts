import type { Redis } from 'ioredis';
import type { Ack } from '../../shared/contracts/socket';
import { zeroCounts, type DimensionCounts } from '../../shared/contracts/campaigns';
import { isOverdue, type CallbackItem } from '../../shared/domain/callbacks';
import type { HandoffItem } from '../../shared/domain/handoffs';
import { addDays } from '../../shared/domain/leaderboard';
import type { FloorState } from '../../shared/domain/repState';
import type { Viewer } from '../../shared/domain/viewer';
import { exportDays, type ExportKind, type ExportQuery } from '../../shared/domain/exports';
import { MINUTE_MS, type Clock, type DayKey, type EpochMs } from '../../shared/time';
import type { DayReplay } from '../days/dayReplay';
import type { FloorService } from '../floor/floorService';
import { parseItem as parseCallback } from '../redis/callbackRepo';
import type { DayTotalsRepo } from '../redis/dayTotalsRepo';
import { parseItem as parseHandoff } from '../redis/handoffRepo';
import type { RedisKeys } from '../redis/keys';
import { addCounts, campaignDayOf, type CampaignDay, type CampaignDayRepo } from './campaignDays';
import { columns, type Cell, type ExportTable } from './exportTable';

export interface ExportServiceDeps {
  /** Read-only: the ledgers are scanned for the call-back and handoff exports. */
  redis: Redis;
  keys: Pick<RedisKeys, 'callbacks' | 'handoffs'>;
  floor: Pick<FloorService, 'state' | 'view'>;
  dayTotals: Pick<DayTotalsRepo, 'load'>;
  campaignDays: Pick<CampaignDayRepo, 'load'>;
  dayReplay: Pick<DayReplay, 'dayState'>;
  dayOf: (at: EpochMs) => DayKey;
  clock: Clock;
  /** Days the stream keeps (older days without saved per-campaign figures are not replayed). */
  retentionDays: number;
  callbackGraceMinutes: number;
}

export interface ExportService {
  table(viewer: Viewer, what: ExportKind, query: ExportQuery): Promise<Ack<ExportTable>>;
}

/** Ledger items read per SCAN step (a bounded page: the event loop breathes between them). */
const SCAN_COUNT = 500;

/**
 * Who may export what: a supervisor the floor or any team; a lead the own team only (the team is
 * forced to it, another team is refused); a rep and a wallboard nothing (403), as the views.
 * No export carries a customer id, a phone number or a contact label, for anyone.
 */
export function exportScope(viewer: Viewer, team: string | undefined): Ack<string | null> {
  if (viewer.kind !== 'user' || viewer.role === 'rep')
    return { ok: false, status: 403, error: 'exports are for supervisors and team leads' };
  if (viewer.role === 'lead') {
    if (team !== undefined && team !== viewer.team)
      return { ok: false, status: 403, error: 'a team lead exports the own team only' };
    return { ok: true, value: viewer.team };
  }
  return { ok: true, value: team ?? null };
}

export function createExportService(deps: ExportServiceDeps): ExportService {
  const { redis, keys } = deps;

  function liveDay(): DayKey | null {
    return deps.floor.state().day;
  }

  async function* repRows(days: DayKey[], team: string | null): AsyncGenerator<Cell[]> {
    const live = liveDay();
    for (const day of days) {
      if (day === live) {
        const reps = deps.floor.view().reps.filter((r) => team === null || r.team === team);
        for (const r of [...reps].sort((a, b) => cmp(a.id, b.id)))
          yield [day, r.id, r.name, r.team, r.dials, r.connects, r.effectiveCalls, r.talkSeconds, r.leads, r.deals]
            .concat([r.revenue, r.handoffsWon ?? 0, r.handoffRevenue ?? 0])
            .concat([r.targets.dials, r.targets.deals, r.targets.revenue]);
        continue;
      }
      const saved = (await deps.dayTotals.load([day])).get(day) ?? new Map();
      for (const [rep, t] of [...saved].sort((a, b) => cmp(a[0], b[0]))) {
        if (team !== null && t.team !== team) continue;
        yield [day, rep, t.name, t.team, t.dials, t.connects, t.effectiveCalls, t.talkSeconds, t.leads, t.deals]
          .concat([t.revenue, t.handoffsWon ?? 0, t.handoffRevenue ?? 0])
          .concat([null, null, null]); // the targets of a past day are not kept
      }
    }
  }

  /** A day's per-campaign figures: live today, saved, or folded again from the retained stream. */
  async function campaignDay(day: DayKey, saved: CampaignDay | null, today: DayKey): Promise<CampaignDay | null> {
    if (day === liveDay()) return campaignDayOf(deps.floor.state());
    if (saved) return saved;
    if (day > today || day < addDays(today, -deps.retentionDays)) return null;
    const state: FloorState | null = await deps.dayReplay.dayState(day, deps.clock());
    return state ? campaignDayOf(state) : null;
  }

  async function* campaignRows(days: DayKey[], team: string | null): AsyncGenerator<Cell[]> {
    const today = deps.dayOf(deps.clock());
    const saved = await deps.campaignDays.load(days);
    for (const day of days) {
      const figures = await campaignDay(day, saved.get(day) ?? null, today);
      if (!figures) continue;
      const sums = new Map<string, DimensionCounts>();
      for (const [t, byCampaign] of figures) {
        if (team !== null && t !== team) continue;
        for (const [campaign, c] of byCampaign) {
          const sum = sums.get(campaign) ?? zeroCounts();
          addCounts(sum, c);
          sums.set(campaign, sum);
        }
      }
      for (const [campaign, c] of [...sums].sort((a, b) => cmp(a[0], b[0])))
        yield [day, team, campaign, c.dials, c.connects, c.effectiveCalls, Math.floor(c.talkMs / 1000)].concat([
          c.busy,
          c.noAnswer,
          c.invalid,
          c.refused,
          c.callbacks,
          c.leads,
          c.deals,
          c.revenue,
        ]);
    }
  }

  /** Every item of a ledger (SCAN over its item hashes: closed ones are in no index). */
  async function* scanLedger<T>(prefix: string, parse: (hash: Record<string, string>) => T | null) {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}item:*`, 'COUNT', SCAN_COUNT);
      cursor = next;
      if (found.length === 0) continue;
      const pipeline = redis.pipeline();
      for (const key of found) pipeline.hgetall(key);
      const replies = (await pipeline.exec()) ?? [];
      const items: T[] = [];
      for (const [error, hash] of replies) {
        const item = error ? null : parse(hash as Record<string, string>);
        if (item) items.push(item);
      }
      yield items;
    } while (cursor !== '0');
  }

  /** Instants of a range of business days: [start of `from`, start of the day after `to`). */
  function inRange(days: DayKey[]) {
    const first = days[0]!;
    const last = days[days.length - 1]!;
    return (at: EpochMs | null) => {
      if (at === null) return false;
      const day = deps.dayOf(at);
      return day >= first && day <= last;
    };
  }

  async function* callbackRows(days: DayKey[], team: string | null): AsyncGenerator<Cell[]> {
    const within = inRange(days);
    const now = deps.clock();
    const graceMs = deps.callbackGraceMinutes * MINUTE_MS;
    const rows: CallbackItem[] = [];
    for await (const items of scanLedger(keys.callbacks, parseCallback))
      for (const i of items)
        if ((team === null || i.team === team) && (within(i.createdAt) || within(i.followUpAt))) rows.push(i);
    rows.sort((a, b) => a.createdAt - b.createdAt || cmp(a.call, b.call));
    for (const i of rows) {
      const overdue = i.state === 'open' && isOverdue(i, now, graceMs);
      // No customer id and no contact label: personal data stays on the rep's own page.
      yield [i.call, i.rep, i.team, i.createdAt, i.followUpAt, i.state, overdue, i.closedAt, i.closedBy];
    }
  }

  async function* handoffRows(days: DayKey[], team: string | null): AsyncGenerator<Cell[]> {
    const within = inRange(days);
    const rows: HandoffItem[] = [];
    for await (const items of scanLedger(keys.handoffs, parseHandoff))
      for (const h of items) {
        if (h.handoffAt === null) continue; // pending: its handoff has not been read yet
        if (team !== null && h.team !== team && h.toTeam !== team) continue;
        if (within(h.handoffAt) || within(h.closedAt)) rows.push(h);
      }
    rows.sort((a, b) => a.handoffAt! - b.handoffAt! || cmp(a.lead, b.lead));
    for (const h of rows)
      // No customer id (the ledger keeps none) and no contact label.
      yield [h.lead, h.rep, h.team, h.to, h.toTeam, h.campaign, h.amount, h.handoffAt, h.state].concat([
        h.acceptedAt,
        h.acceptedBy,
        h.rejectedAt,
        h.rejectedReason,
        h.closedAt,
        h.closedAmount,
      ]);
  }

  return {
    async table(viewer, what, query) {
      const scope = exportScope(viewer, query.team);
      if (!scope.ok) return scope;
      const team = scope.value;
      const days = exportDays(query.from, query.to);
      const name = `floorboard-${what}-${query.from}_${query.to}${team === null ? '' : `-${team}`}`;
      const table = (sheet: string, cols: ExportTable['columns'], rows: AsyncIterable<readonly Cell[]>) => ({
        ok: true as const,
        value: { name, sheet, columns: cols, rows },
      });
      switch (what) {
        case 'reps':
          return table('Reps', REP_COLUMNS, repRows(days, team));
        case 'campaigns':
          return table('Campaigns', CAMPAIGN_COLUMNS, campaignRows(days, team));
        case 'callbacks':
          return table('Call-backs', CALLBACK_COLUMNS, callbackRows(days, team));
        case 'handoffs':
          return table('Handoffs', HANDOFF_COLUMNS, handoffRows(days, team));
      }
    },
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const REP_COLUMNS = columns(
  ['day', 'day'],
  ['rep', 'text'],
  ['name', 'text', 20],
  ['team', 'text'],
  ['dials', 'int'],
  ['connects', 'int'],
  ['effectiveCalls', 'int'],
  ['talkSeconds', 'int'],
  ['leads', 'int'],
  ['deals', 'int'],
  ['revenue', 'money', 14],
  ['handoffsWon', 'int'],
  ['handoffRevenue', 'money', 16],
  ['targetDials', 'int'],
  ['targetDeals', 'int'],
  ['targetRevenue', 'money', 15],
);

export const CAMPAIGN_COLUMNS = columns(
  ['day', 'day'],
  ['team', 'text'],
  ['campaign', 'text', 20],
  ['dials', 'int'],
  ['connects', 'int'],
  ['effectiveCalls', 'int'],
  ['talkSeconds', 'int'],
  ['busy', 'int'],
  ['noAnswer', 'int'],
  ['invalid', 'int'],
  ['refused', 'int'],
  ['callbacks', 'int'],
  ['leads', 'int'],
  ['deals', 'int'],
  ['revenue', 'money', 14],
);

export const CALLBACK_COLUMNS = columns(
  ['call', 'text', 20],
  ['rep', 'text'],
  ['team', 'text'],
  ['promisedAt', 'datetime'],
  ['dueAt', 'datetime'],
  ['state', 'text', 10],
  ['overdue', 'bool'],
  ['closedAt', 'datetime'],
  ['closedBy', 'text', 20],
);

export const HANDOFF_COLUMNS = columns(
  ['lead', 'text', 20],
  ['rep', 'text'],
  ['team', 'text'],
  ['to', 'text'],
  ['toTeam', 'text'],
  ['campaign', 'text'],
  ['amount', 'money', 12],
  ['handoffAt', 'datetime'],
  ['state', 'text', 10],
  ['acceptedAt', 'datetime'],
  ['acceptedBy', 'text'],
  ['rejectedAt', 'datetime'],
  ['rejectedReason', 'text', 24],
  ['closedAt', 'datetime'],
  ['closedAmount', 'money', 14],
);
