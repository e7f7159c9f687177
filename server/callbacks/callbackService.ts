import type { Ack } from '../../shared/contracts/socket';
import type { ActiveCondition } from '../../shared/domain/alerts';
import {
  byDue,
  callbacksQuerySchema,
  isOverdue,
  reassignSchema,
  type CallbackAction,
  type CallbackItem,
  type CallbacksResponse,
  type CallbackView,
  type OverdueCountsResponse,
} from '../../shared/domain/callbacks';
import { looksLikePhone, maskPhone } from '../../shared/domain/privacy';
import type { Callback } from '../../shared/domain/repState';
import type { Viewer } from '../../shared/domain/viewer';
import { callIdSchema } from '../../shared/events/callEvent';
import { MINUTE_MS, type Clock, type EpochMs } from '../../shared/time';
import type { Bus } from '../bus/busMessage';
import type { LedgerMirror } from '../ingest/callbackLedger';
import type { CallbackRepo, CloseResult } from '../redis/callbackRepo';

/** Most items one list answer carries (a rep's list is far shorter; a floor's overflow is counted). */
export const LIST_LIMIT = 500;

type Mirrored = Pick<CallbackItem, 'call' | 'rep' | 'team' | 'followUpAt' | 'customer' | 'createdAt'>;

export interface CallbackServiceDeps {
  repo: CallbackRepo;
  bus: Pick<Bus, 'publish'>;
  clock: Clock;
  graceMinutes: number;
  /** A rep's team as the floor or the roster knows it (null: none or unknown). */
  teamOf: (rep: string) => string | null;
  /** Whether the rep id is known (on today's floor or in the roster): only those can be given call-backs. */
  knownRep: (rep: string) => boolean;
  nameOf: (rep: string) => string;
  /** Told which reps' open call-backs changed (their overdue alert may start, end or move). */
  changed?: (reps: readonly string[]) => void;
}

/**
 * The call-back ledger's reads and people's changes, plus an in-memory mirror of the open items
 * (loaded at start, kept by the ingest edge and the bus) for what runs every second: overdue
 * alerts and the wallboard's overdue counts. Authorisation is here, on the server.
 */
export function createCallbackService(deps: CallbackServiceDeps) {
  const { repo, clock } = deps;
  const graceMs = deps.graceMinutes * MINUTE_MS;
  const open = new Map<string, Mirrored>();
  const byRep = new Map<string, Set<string>>();
  // Open calls by customer: a dial naming a customer looks at theirs only, never at every open item.
  const byCustomer = new Map<string, Set<string>>();
  const add = (index: Map<string, Set<string>>, key: string, call: string) => {
    let calls = index.get(key);
    if (!calls) index.set(key, (calls = new Set()));
    calls.add(call);
  };
  const remove = (index: Map<string, Set<string>>, key: string, call: string) => {
    const calls = index.get(key);
    calls?.delete(call);
    if (calls?.size === 0) index.delete(key);
  };

  // Indexes first, then the news: a listener may evaluate alerts at once (synchronously).
  function put(item: Mirrored): void {
    const before = open.get(item.call);
    unindex(item.call);
    open.set(item.call, item);
    add(byRep, item.rep, item.call);
    if (item.customer !== null) add(byCustomer, item.customer, item.call);
    deps.changed?.(before && before.rep !== item.rep ? [before.rep, item.rep] : [item.rep]);
  }
  function drop(call: string): void {
    const item = unindex(call);
    if (item) deps.changed?.([item.rep]);
  }
  function unindex(call: string): Mirrored | undefined {
    const item = open.get(call);
    if (!item) return undefined;
    open.delete(call);
    remove(byRep, item.rep, call);
    if (item.customer !== null) remove(byCustomer, item.customer, call);
    return item;
  }
  async function reload(call: string): Promise<void> {
    const item = await repo.get(call);
    if (item?.state === 'open') put(item);
    else drop(call);
  }

  const mirror: LedgerMirror = {
    created(item, state) {
      if (state === 'created' || state === 'open') {
        if (!open.has(item.call)) put(item);
      } else drop(item.call);
    },
    customerCalled(customer, call, at) {
      for (const other of [...(byCustomer.get(customer) ?? [])]) {
        const item = open.get(other)!;
        if (item.call !== call && item.createdAt < at) drop(item.call);
      }
    },
  };

  function viewOf(item: CallbackItem, viewer: Viewer, now: EpochMs): CallbackView {
    const own = viewer.kind === 'user' && viewer.role === 'rep' && viewer.rep === item.rep;
    return {
      call: item.call,
      rep: item.rep,
      team: item.team,
      followUpAt: item.followUpAt,
      contact: item.contact,
      customerHint: own && item.customer !== null && looksLikePhone(item.customer) ? maskPhone(item.customer) : null,
      createdAt: item.createdAt,
      state: item.state,
      overdue: item.state === 'open' && isOverdue(item, now, graceMs),
    };
  }

  /** May act on (or see) the item: the rep their own, a lead the team's, a supervisor all. */
  function mayTouch(viewer: Viewer, item: Pick<CallbackItem, 'rep' | 'team'>): boolean {
    if (viewer.kind !== 'user') return false;
    if (viewer.role === 'supervisor') return true;
    if (viewer.role === 'lead') return item.team === viewer.team;
    return item.rep === viewer.rep;
  }

  async function changed(call: string): Promise<void> {
    await deps.bus.publish({ type: 'callback:changed', call });
  }

  function notFoundOr(result: CloseResult, verb: string): Ack<never> {
    if (result === 'already') return { ok: false, status: 409, error: `this call-back is closed already: not ${verb}` };
    if (result === 'forbidden')
      return { ok: false, status: 409, error: 'this call-back was reassigned meanwhile: reload and try again' };
    return { ok: false, status: 404, error: 'no such call-back' };
  }

  return {
    mirror,
    graceMs,
    async start(): Promise<void> {
      open.clear();
      byRep.clear();
      byCustomer.clear();
      for (const item of await repo.listOpen('all', Number.MAX_SAFE_INTEGER)) put(item);
    },
    /** Another instance changed an item: read it again. */
    reload,

    async list(viewer: Viewer, query: unknown): Promise<Ack<CallbacksResponse>> {
      if (viewer.kind !== 'user') return { ok: false, status: 403, error: 'wallboards see overdue counts only' };
      const parsed = callbacksQuerySchema.safeParse(query ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { ok: false, status: 400, error: `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}` };
      }
      const q = parsed.data;
      let items: CallbackItem[];
      if (viewer.role === 'rep') {
        if ((q.rep !== undefined && q.rep !== viewer.rep) || q.team !== undefined)
          return { ok: false, status: 403, error: 'reps see their own call-backs only' };
        items = await repo.listOpen({ rep: viewer.rep }, LIST_LIMIT);
      } else if (viewer.role === 'lead') {
        if (q.team !== undefined && q.team !== viewer.team)
          return { ok: false, status: 403, error: "leads see their own team's call-backs only" };
        items = await repo.listOpen({ team: viewer.team }, LIST_LIMIT);
        if (q.rep !== undefined) items = items.filter((i) => i.rep === q.rep);
      } else if (q.rep !== undefined) items = await repo.listOpen({ rep: q.rep }, LIST_LIMIT);
      else if (q.team !== undefined) items = await repo.listOpen({ team: q.team }, LIST_LIMIT);
      else items = await repo.listOpen('all', LIST_LIMIT);
      // The index and the item are written together; filter all the same (defence in depth).
      items = items.filter((i) => mayTouch(viewer, i));
      const now = clock();
      const callbacks = items.map((i) => viewOf(i, viewer, now)).sort(overdueFirst);
      const overdueByRep: Record<string, number> = Object.create(null) as Record<string, number>;
      for (const cb of callbacks) if (cb.overdue) overdueByRep[cb.rep] = (overdueByRep[cb.rep] ?? 0) + 1;
      return { ok: true, value: { callbacks, overdueByRep, graceMinutes: deps.graceMinutes, serverNow: now } };
    },

    async act(viewer: Viewer, callParam: unknown, action: CallbackAction): Promise<Ack<CallbackView>> {
      const call = callIdSchema.safeParse(callParam);
      if (!call.success) return { ok: false, status: 400, error: `call: ${call.error.issues[0]?.message}` };
      if (viewer.kind !== 'user') return { ok: false, status: 403, error: 'wallboards cannot change call-backs' };
      const item = await repo.get(call.data);
      if (!item || !mayTouch(viewer, item)) return { ok: false, status: 404, error: 'no such call-back' };
      const state = action === 'done' ? 'done' : 'cancelled';
      const expect = viewer.role === 'rep' ? { rep: viewer.rep } : viewer.role === 'lead' ? { team: viewer.team } : {};
      const result = await repo.close(call.data, state, viewer.username, clock(), expect);
      if (result !== 'closed') return notFoundOr(result, action === 'done' ? 'marked done' : 'cancelled');
      drop(call.data);
      await changed(call.data);
      return {
        ok: true,
        value: viewOf({ ...item, state, closedAt: clock(), closedBy: viewer.username }, viewer, clock()),
      };
    },

    async reassign(viewer: Viewer, callParam: unknown, body: unknown): Promise<Ack<CallbackView>> {
      const call = callIdSchema.safeParse(callParam);
      if (!call.success) return { ok: false, status: 400, error: `call: ${call.error.issues[0]?.message}` };
      if (viewer.kind !== 'user' || viewer.role === 'rep')
        return { ok: false, status: 403, error: 'only team leads and supervisors reassign call-backs' };
      const parsed = reassignSchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { ok: false, status: 400, error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` };
      }
      const item = await repo.get(call.data);
      if (!item || !mayTouch(viewer, item)) return { ok: false, status: 404, error: 'no such call-back' };
      const to = parsed.data.rep;
      if (!deps.knownRep(to)) return { ok: false, status: 400, error: 'rep: no such rep' };
      const team = deps.teamOf(to);
      if (viewer.role === 'lead' && team !== viewer.team)
        return { ok: false, status: 403, error: 'rep: not in your team' };
      if (to === item.rep) return { ok: false, status: 400, error: 'rep: the call-back is this rep’s already' };
      const result = await repo.reassign(call.data, to, team, viewer.role === 'lead' ? viewer.team : null);
      if (result !== 'closed') return notFoundOr(result, 'reassigned');
      put({ ...item, rep: to, team });
      await changed(call.data);
      return { ok: true, value: viewOf({ ...item, rep: to, team }, viewer, clock()) };
    },

    /** Overdue open call-backs per team (the wallboard's figure: counts only). */
    overdueCounts(viewer: Viewer): Ack<OverdueCountsResponse> {
      const now = clock();
      const teams: Record<string, number> = Object.create(null) as Record<string, number>;
      for (const item of open.values()) {
        if (!isOverdue(item, now, graceMs)) continue;
        if (viewer.kind === 'user' && viewer.role === 'lead' && item.team !== viewer.team) continue;
        if (viewer.kind === 'user' && viewer.role === 'rep') continue;
        const key = item.team ?? '';
        teams[key] = (teams[key] ?? 0) + 1;
      }
      return { ok: true, value: { teams, serverNow: now } };
    },

    /** The rep's next call-back (the /me next-steps card), soonest first, from the ledger. */
    nextFor(rep: string): Mirrored | null {
      let best: Mirrored | null = null;
      for (const call of byRep.get(rep) ?? []) {
        const item = open.get(call)!;
        if (!best || byDue(item, best) < 0) best = item;
      }
      return best;
    },

    /** A rep's open call-backs as the day's list shapes them (GET /api/me's `callbacksDue`). */
    async openOf(rep: string): Promise<Callback[]> {
      const items = await repo.listOpen({ rep }, LIST_LIMIT);
      return items.map((i) => ({
        call: i.call,
        followUpAt: i.followUpAt,
        ...(i.contact ? { contact: i.contact } : {}),
      }));
    },

    /** Reps with open call-backs (the alert monitor files their due times). */
    repsWithCallbacks: (): string[] => [...byRep.keys()],

    /** `callback_overdue` conditions of the reps given (all with call-backs when null), at `now`. */
    overdueConditions(only: ReadonlySet<string> | null, now: EpochMs): ActiveCondition[] {
      const out: ActiveCondition[] = [];
      for (const rep of only ?? byRep.keys()) {
        let count = 0;
        let since = Infinity;
        let team: string | null = null;
        for (const call of byRep.get(rep) ?? []) {
          const item = open.get(call)!;
          if (!isOverdue(item, now, graceMs)) continue;
          count++;
          since = Math.min(since, item.followUpAt! + graceMs);
          team = item.team;
        }
        if (count === 0) continue;
        out.push({
          id: `callback_overdue:${rep}:${since}`,
          rule: 'callback_overdue',
          severity: 'warning',
          rep,
          repName: deps.nameOf(rep),
          team,
          since,
          detail: String(count),
        });
      }
      return out;
    },

    /** When the rep's next call-back turns overdue (after `now`), or null. */
    nextOverdueAt(rep: string, now: EpochMs): EpochMs | null {
      let next = Infinity;
      for (const call of byRep.get(rep) ?? []) {
        const at = open.get(call)!.followUpAt;
        if (at !== null && at + graceMs > now) next = Math.min(next, at + graceMs);
      }
      return Number.isFinite(next) ? next : null;
    },
  };
}

/** Overdue first, then soonest due (unknown times last). */
function overdueFirst(a: CallbackView, b: CallbackView): number {
  return Number(b.overdue) - Number(a.overdue) || byDue(a, b);
}

export type CallbackService = ReturnType<typeof createCallbackService>;
