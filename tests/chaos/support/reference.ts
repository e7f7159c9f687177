/**
 * The independent recomputation every case ends with: XRANGE the whole stream, parse each entry
 * with the ingestion parser, and count per rep with a plain loop (group by rep and call id, keep
 * the first event of each type per call) — deliberately not the server's fold. Same rules as the
 * reference in tests/unit/shared/fold.properties.test.ts.
 */
import type { Redis } from 'ioredis';
import type { RepView } from '../../../shared/domain/floorView';
import type { CallEvent, CallOutcome } from '../../../shared/events/callEvent';
import { parseCallEvent } from '../../../shared/events/parseCallEvent';

const EFFECTIVE_MS = 60_000;

export interface Figures {
  dials: number;
  connects: number;
  effectiveCalls: number;
  talkSeconds: number;
  leads: number;
  deals: number;
  revenue: number;
}

export interface Reference {
  /** Entries in the stream (duplicates included). */
  entries: number;
  /** Entries that parse. */
  valid: number;
  /** Events counted once: rep events plus the first of each type per call. */
  counted: number;
  reps: Map<string, Figures>;
  /** `signature()` per rep, what a converged client holds. */
  expected: Record<string, string>;
  totals: Figures;
}

export const signature = (f: Figures) =>
  `${f.dials}/${f.connects}/${f.effectiveCalls}/${f.talkSeconds}/${f.leads}/${f.deals}/${f.revenue.toFixed(2)}`;

export const figuresOf = (r: RepView | Figures): Figures => ({
  dials: r.dials,
  connects: r.connects,
  effectiveCalls: r.effectiveCalls,
  talkSeconds: r.talkSeconds,
  leads: r.leads,
  deals: r.deals,
  revenue: r.revenue,
});

const today = () => new Date().toISOString().slice(0, 10);

export async function recompute(redis: Redis, stream: string): Promise<Reference> {
  const day = today();
  const events: CallEvent[] = [];
  let entries = 0;
  let from = '-';
  for (;;) {
    const page = await redis.xrange(stream, from, '+', 'COUNT', 10_000);
    for (const [id, fields] of page) {
      entries++;
      const parsed = parseCallEvent(id, fields);
      if (parsed.ok && new Date(parsed.event.at).toISOString().slice(0, 10) === day) events.push(parsed.event);
    }
    if (page.length < 10_000) break;
    from = `(${page[page.length - 1]![0]}`;
  }
  const reps = new Map<string, Figures & { talkMs: number; cents: number }>();
  const calls = new Map<string, Partial<Record<CallEvent['type'], CallEvent>>>();
  let counted = 0;
  for (const e of events) {
    if (!reps.has(e.rep)) {
      reps.set(e.rep, {
        dials: 0,
        connects: 0,
        effectiveCalls: 0,
        talkSeconds: 0,
        leads: 0,
        deals: 0,
        revenue: 0,
        talkMs: 0,
        cents: 0,
      });
    }
    if (!('call' in e)) {
      counted++;
      continue;
    }
    const key = `${e.rep}\u0000${e.call}`;
    const seen = calls.get(key) ?? {};
    calls.set(key, seen);
    if (!seen[e.type]) {
      seen[e.type] = e;
      counted++;
    }
  }
  for (const seen of calls.values()) {
    const any = Object.values(seen)[0]!;
    const r = reps.get(any.rep)!;
    const answer = seen['call.answer'];
    const hangup = seen['call.hangup'];
    const outcome = (seen['call.outcome'] as CallOutcome | undefined)?.outcome;
    const connected = answer !== undefined || ['refused', 'callback', 'lead', 'sale'].includes(outcome ?? '');
    const talk = answer && hangup ? Math.max(0, hangup.at - answer.at) : 0;
    const lead = outcome === 'lead' || outcome === 'sale';
    r.dials++;
    if (connected) r.connects++;
    if (connected && (talk >= EFFECTIVE_MS || lead)) r.effectiveCalls++;
    r.talkMs += talk;
    if (lead) r.leads++;
    if (outcome === 'sale') {
      r.deals++;
      r.cents += Math.round(((seen['call.outcome'] as CallOutcome).amount ?? 0) * 100);
    }
  }
  const out = new Map<string, Figures>();
  const expected: Record<string, string> = {};
  const totals: Figures = { dials: 0, connects: 0, effectiveCalls: 0, talkSeconds: 0, leads: 0, deals: 0, revenue: 0 };
  let cents = 0;
  for (const [id, r] of [...reps].sort(([a], [b]) => a.localeCompare(b))) {
    const f: Figures = { ...figuresOf({ ...r, talkSeconds: Math.floor(r.talkMs / 1000), revenue: r.cents / 100 }) };
    out.set(id, f);
    expected[id] = signature(f);
    for (const k of ['dials', 'connects', 'effectiveCalls', 'talkSeconds', 'leads', 'deals'] as const)
      totals[k] += f[k];
    cents += r.cents;
  }
  totals.revenue = cents / 100;
  return { entries, valid: events.length, counted, reps: out, expected, totals };
}

/** Differences between the server's reps and the reference (empty when equal), at most `max`. */
export function diffReps(reps: readonly RepView[], ref: Reference, max = 5): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of reps) {
    seen.add(r.id);
    const want = ref.expected[r.id];
    const got = signature(figuresOf(r));
    if (want === undefined) out.push(`${r.id} on the server, not in the stream`);
    else if (want !== got)
      out.push(`${r.id} server ${got} ≠ reference ${want} (dials/connects/effective/talk s/leads/deals/revenue)`);
  }
  for (const id of Object.keys(ref.expected)) if (!seen.has(id)) out.push(`${id} missing on the server`);
  return out.slice(0, max).concat(out.length > max ? [`… ${out.length - max} more`] : []);
}
