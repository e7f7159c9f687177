import type { Ack } from '../../shared/contracts/socket';
import type { AlertSettings } from '../../shared/domain/alertTypes';
import { DEFAULT_HANDOFF_WAIT_MINUTES } from '../../shared/domain/alertTypes';
import { thresholdsFor } from '../../shared/domain/alerts';
import {
  HANDOFF_WINDOW_DAYS,
  handoffRates,
  handoffsQuerySchema,
  isOpenState,
  type HandoffCounts,
  type HandoffItem,
  type HandoffsResponse,
  type HandoffView,
} from '../../shared/domain/handoffs';
import type { Viewer } from '../../shared/domain/viewer';
import { callIdSchema } from '../../shared/events/callEvent';
import { MINUTE_MS, type Clock, type EpochMs } from '../../shared/time';
import { firstIssue } from '../../shared/validation';
import type { Bus } from '../bus/busMessage';
import type { HandoffMirror } from '../ingest/handoffLedger';
import type { HandoffRepo, HandoffScope } from '../redis/handoffRepo';

/** Most leads one answer reads per scope (a floor's overflow is left out of the list and the rates). */
export const LIST_LIMIT = 1000;
export const WINDOW_MS = HANDOFF_WINDOW_DAYS * 86_400_000;

export interface HandoffServiceDeps {
  repo: HandoffRepo;
  bus: Pick<Bus, 'publish'>;
  clock: Clock;
  /** The alert thresholds in force (the receiving team's `handoffWaitMinutes`). */
  settings: () => AlertSettings;
  /** A rep's display name (the floor's, else the id). */
  nameOf?: (rep: string) => string;
  /** Told which originating reps' open handoffs changed (their `handoff_waiting` alert may change). */
  changed?: (reps: readonly string[]) => void;
}

/**
 * The handoff ledger's reads and people's acceptances, plus an in-memory mirror of the open and
 * accepted leads (loaded at start, kept by the ingest edge and the bus) for what runs every
 * second: the `handoff_waiting` alert. Authorisation is here, on the server:
 * - a rep sees the handoffs the rep made, with their contact labels;
 * - a lead sees the team's outgoing handoffs and those addressed to the team, contact labels only
 *   on the incoming ones (the receiving team works them);
 * - a supervisor sees all, without contact labels; a wallboard gets the counts only.
 * The customer id is never stored, so never sent.
 */
export function createHandoffService(deps: HandoffServiceDeps) {
  const { repo, clock } = deps;
  const open = new Map<string, HandoffItem>();
  const byRep = new Map<string, Set<string>>();

  function put(item: HandoffItem): void {
    const before = open.get(item.lead);
    unindex(item.lead);
    open.set(item.lead, item);
    let leads = byRep.get(item.rep);
    if (!leads) byRep.set(item.rep, (leads = new Set()));
    leads.add(item.lead);
    deps.changed?.(before && before.rep !== item.rep ? [before.rep, item.rep] : [item.rep]);
  }
  function drop(lead: string): void {
    const item = unindex(lead);
    if (item) deps.changed?.([item.rep]);
  }
  function unindex(lead: string): HandoffItem | undefined {
    const item = open.get(lead);
    if (!item) return undefined;
    open.delete(lead);
    const leads = byRep.get(item.rep);
    leads?.delete(lead);
    if (leads?.size === 0) byRep.delete(item.rep);
    return item;
  }
  async function reload(lead: string): Promise<void> {
    const item = await repo.get(lead);
    if (item && item.handoffAt !== null && isOpenState(item.state)) put(item);
    else drop(lead);
  }

  const mirror: HandoffMirror = {
    changed: (lead) => reload(lead),
  };

  function waitMsFor(toTeam: string, settings = deps.settings()): number {
    return (thresholdsFor(settings, toTeam).handoffWaitMinutes ?? DEFAULT_HANDOFF_WAIT_MINUTES) * MINUTE_MS;
  }
  const waitingSince = (item: HandoffItem, settings: AlertSettings): EpochMs =>
    item.handoffAt! + waitMsFor(item.toTeam, settings);

  function viewOf(item: HandoffItem, viewer: Viewer, now: EpochMs, settings: AlertSettings): HandoffView {
    const user = viewer.kind === 'user' ? viewer : null;
    const mayReadContact =
      (user?.role === 'rep' && user.rep === item.rep) || (user?.role === 'lead' && user.team === item.toTeam);
    return {
      lead: item.lead,
      rep: item.rep,
      repName: deps.nameOf?.(item.rep) ?? item.rep,
      team: item.team,
      to: item.to,
      toTeam: item.toTeam,
      campaign: item.campaign,
      contact: mayReadContact ? item.contact : null,
      amount: item.amount,
      handoffAt: item.handoffAt!,
      state: item.state === 'pending' ? 'open' : item.state,
      acceptedAt: item.acceptedAt,
      acceptedBy: item.acceptedBy,
      rejectedReason: item.rejectedReason,
      closedAt: item.closedAt,
      closedAmount: item.closedAmount,
      waiting: item.state === 'open' && now >= waitingSince(item, settings),
    };
  }

  /** May see the lead: the rep their own, a lead the team's outgoing and incoming, a supervisor all. */
  function maySee(viewer: Viewer, item: Pick<HandoffItem, 'rep' | 'team' | 'toTeam'>): boolean {
    if (viewer.kind !== 'user') return false;
    if (viewer.role === 'supervisor') return true;
    if (viewer.role === 'lead') return item.team === viewer.team || item.toTeam === viewer.team;
    return item.rep === viewer.rep;
  }

  function counts(items: Iterable<HandoffItem>, now: EpochMs, settings: AlertSettings): HandoffCounts {
    const c: HandoffCounts = { open: 0, waiting: 0, accepted: 0 };
    for (const item of items) {
      c.open++;
      if (item.state === 'accepted') c.accepted++;
      else if (now >= waitingSince(item, settings)) c.waiting++;
    }
    return c;
  }

  async function windowItems(scopes: readonly HandoffScope[], now: EpochMs): Promise<HandoffItem[]> {
    const leads = new Set<string>();
    for (const scope of scopes)
      for (const lead of await repo.windowLeads(scope, now - WINDOW_MS, LIST_LIMIT)) leads.add(lead);
    return (await repo.getMany([...leads])).filter((i) => i.handoffAt !== null);
  }

  return {
    mirror,
    async start(): Promise<void> {
      open.clear();
      byRep.clear();
      for (const item of await repo.getMany(await repo.openLeads(Number.MAX_SAFE_INTEGER)))
        if (item.handoffAt !== null && isOpenState(item.state)) put(item);
    },
    /** Another instance changed a lead: read it again. */
    reload,

    async list(viewer: Viewer, query: unknown): Promise<Ack<HandoffsResponse>> {
      const parsed = handoffsQuerySchema.safeParse(query ?? {});
      if (!parsed.success) return { ok: false, status: 400, error: firstIssue(parsed.error) };
      const q = parsed.data;
      const now = clock();
      const settings = deps.settings();
      const base = {
        waitMinutes: waitMsFor('', settings) / MINUTE_MS,
        windowDays: HANDOFF_WINDOW_DAYS,
        serverNow: now,
      };
      if (viewer.kind !== 'user') {
        // A wallboard: how many wait, nothing about whom.
        const value = { open: [], recent: [], byRep: [], byTeam: [], counts: counts(open.values(), now, settings) };
        return { ok: true, value: { ...value, ...base } };
      }
      let scopes: HandoffScope[];
      if (viewer.role === 'rep') {
        if ((q.rep !== undefined && q.rep !== viewer.rep) || q.team !== undefined)
          return { ok: false, status: 403, error: 'reps see their own handoffs only' };
        scopes = [{ rep: viewer.rep }];
      } else if (viewer.role === 'lead') {
        if (q.team !== undefined && q.team !== viewer.team)
          return { ok: false, status: 403, error: "leads see their own team's handoffs only" };
        scopes = [{ fromTeam: viewer.team }, { toTeam: viewer.team }];
      } else if (q.rep !== undefined) scopes = [{ rep: q.rep }];
      else if (q.team !== undefined) scopes = [{ fromTeam: q.team }, { toTeam: q.team }];
      else scopes = ['all'];
      const narrow = (i: HandoffItem) =>
        maySee(viewer, i) &&
        (q.rep === undefined || i.rep === q.rep) &&
        (q.team === undefined || i.team === q.team || i.toTeam === q.team);
      // Open ones from the mirror (older than the window too), the window's from the ledger.
      const openItems = [...open.values()].filter(narrow).sort(oldestFirst).slice(0, LIST_LIMIT);
      const windowed = (await windowItems(scopes, now)).filter(narrow);
      const view = (i: HandoffItem) => viewOf(i, viewer, now, settings);
      const recent = windowed
        .filter((i) => !isOpenState(i.state))
        .sort((a, b) => oldestFirst(b, a))
        .map(view);
      const rated = windowed.map(view);
      return {
        ok: true,
        value: {
          open: openItems.map(view),
          recent,
          byRep: handoffRates(rated, (i) => i.rep),
          byTeam: handoffRates(rated, (i) => i.toTeam),
          counts: counts(openItems, now, settings),
          ...base,
        },
      };
    },

    /** A person of the receiving team accepts a waiting lead: exactly one of many concurrent ones does. */
    async accept(viewer: Viewer, leadParam: unknown): Promise<Ack<HandoffView>> {
      const lead = callIdSchema.safeParse(leadParam);
      if (!lead.success) return { ok: false, status: 400, error: `lead: ${lead.error.issues[0]?.message}` };
      if (viewer.kind !== 'user' || viewer.role === 'rep')
        return { ok: false, status: 403, error: 'the receiving team’s lead or a supervisor accepts handoffs' };
      const item = await repo.get(lead.data);
      if (!item || item.handoffAt === null || !maySee(viewer, item))
        return { ok: false, status: 404, error: 'no such handoff' };
      if (viewer.role === 'lead' && item.toTeam !== viewer.team)
        return { ok: false, status: 403, error: 'only the receiving team accepts this handoff' };
      const now = clock();
      const result = await repo.accept(lead.data, viewer.username, now, now);
      if (result === 'already') return { ok: false, status: 409, error: 'this handoff was accepted already' };
      if (result === 'closed') return { ok: false, status: 409, error: 'this handoff is closed already' };
      if (result === 'missing') return { ok: false, status: 404, error: 'no such handoff' };
      await reload(lead.data);
      await deps.bus.publish({ type: 'handoff:changed', lead: lead.data });
      const after = (await repo.get(lead.data)) ?? item;
      return { ok: true, value: viewOf(after, viewer, clock(), deps.settings()) };
    },

    /** Originating reps with a handoff waiting for acceptance (the alert monitor files their due times). */
    repsWithOpen: (): string[] => [...byRep.keys()],

    /** Open (waiting) handoffs of a rep, for the alert source. */
    waitingOf(rep: string): HandoffItem[] {
      return [...(byRep.get(rep) ?? [])].map((lead) => open.get(lead)!).filter((i) => i.state === 'open');
    },
    waitingSince,
  };
}

const oldestFirst = (a: HandoffItem, b: HandoffItem) =>
  a.handoffAt! - b.handoffAt! || (a.lead < b.lead ? -1 : a.lead > b.lead ? 1 : 0);

export type HandoffService = ReturnType<typeof createHandoffService>;
