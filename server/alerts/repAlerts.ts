import { thresholdsFor, type ActiveCondition } from '../../shared/domain/alerts';
import type { AlertSettings } from '../../shared/domain/alertTypes';
import {
  contactCondition,
  missingOutcomeCondition,
  pendingHangups,
  type RepeatDial,
} from '../../shared/domain/campaignAlerts';
import type { CallBook } from '../../shared/domain/callBook';
import type { FloorState } from '../../shared/domain/repState';
import type { DayKey, EpochMs } from '../../shared/time';
import type { ExtraAlertSource } from './alertSources';

/** The contact ledger's repeats, as this instance heard them (every instance hears the same). */
export interface ContactMemory {
  /** Repeats of a day, from the ingest edge (server/ingest/contactLedger.ts); older days are dropped. */
  add(day: DayKey, dials: readonly RepeatDial[]): string[];
  repeatsOf(day: DayKey, rep: string): readonly RepeatDial[];
  reps(day: DayKey): readonly string[];
}

export function createContactMemory(): ContactMemory {
  const days = new Map<DayKey, Map<string, RepeatDial[]>>();
  return {
    add(day, dials) {
      let byRep = days.get(day);
      if (!byRep) {
        days.set(day, (byRep = new Map()));
        // Two days at most: the newest and the one before (a dial just before midnight read late).
        if (days.size > 2) days.delete([...days.keys()].sort()[0]!);
      }
      const reps = new Set<string>();
      for (const dial of dials) {
        const list = byRep.get(dial.rep) ?? [];
        // The ledger answers a re-read call the same: keep one entry per dial.
        if (!list.some((d) => d.at === dial.at && d.times === dial.times)) list.push(dial);
        byRep.set(dial.rep, list);
        reps.add(dial.rep);
      }
      return [...reps];
    },
    repeatsOf: (day, rep) => days.get(day)?.get(rep) ?? [],
    reps: (day) => [...(days.get(day)?.keys() ?? [])],
  };
}

/**
 * `missing_outcome` (from the fold's call records) and `contact_frequency` (from the contact
 * ledger's repeats) as an extra alert source of the monitor: per rep, for the rep's lead.
 */
export function createRepAlertSource(deps: {
  state: () => FloorState;
  contacts: ContactMemory;
  dayOf: (at: EpochMs) => DayKey;
  teamOf: (rep: string) => string | null;
}): ExtraAlertSource {
  // A rep's book is a new object whenever their calls change: the tick and whole-floor passes
  // (and nextDue after conditions) read the pending hang-ups once per version of the book.
  const pendingOf = new WeakMap<CallBook, EpochMs[]>();
  const pending = (calls: CallBook) => {
    let list = pendingOf.get(calls);
    if (!list) pendingOf.set(calls, (list = pendingHangups(calls)));
    return list;
  };
  function evaluate(rep: string, now: EpochMs, settings: AlertSettings | undefined) {
    if (!settings) return { conditions: [], nextDue: null };
    const state = deps.state();
    const today = deps.dayOf(now);
    const view = state.day === today ? state.reps.get(rep) : undefined;
    const who = { id: rep, name: view?.name || rep, team: view ? view.team : deps.teamOf(rep) };
    const t = thresholdsFor(settings, who.team);
    const conditions: ActiveCondition[] = [];
    let nextDue: EpochMs | null = null;
    const later = (at: EpochMs | null) => {
      if (at !== null && (nextDue === null || at < nextDue)) nextDue = at;
    };
    if (view) {
      const missing = missingOutcomeCondition({ ...who, pending: pending(view.calls) }, t, now, today);
      if (missing.condition) conditions.push(missing.condition);
      later(missing.nextDue);
    }
    const repeats = deps.contacts.repeatsOf(today, rep);
    if (repeats.length > 0) {
      const contact = contactCondition(who, repeats, t, now);
      if (contact.condition) conditions.push(contact.condition);
      later(contact.nextDue);
    }
    return { conditions, nextDue };
  }
  const repsOf = (now: EpochMs) => {
    const state = deps.state();
    const onFloor = state.day === deps.dayOf(now) ? [...state.reps.keys()] : [];
    return [...new Set([...onFloor, ...deps.contacts.reps(deps.dayOf(now))])];
  };
  return {
    reps: (now) => repsOf(now),
    conditions(only, now, settings) {
      return (only ? [...only] : repsOf(now)).flatMap((rep) => evaluate(rep, now, settings).conditions);
    },
    nextDue: (rep, now, settings) => evaluate(rep, now, settings).nextDue,
  };
}

/** Several extra sources as one (the call-back ledger's and these). */
export function combineAlertSources(...sources: ExtraAlertSource[]): ExtraAlertSource {
  return {
    reps: (now) => [...new Set(sources.flatMap((s) => s.reps(now)))],
    conditions: (only, now, settings) => sources.flatMap((s) => s.conditions(only, now, settings)),
    nextDue(rep, now, settings) {
      const dues = sources.map((s) => s.nextDue(rep, now, settings)).filter((d): d is EpochMs => d !== null);
      return dues.length > 0 ? Math.min(...dues) : null;
    },
  };
}
