/**
 * Typed builders of ingestion events for tests (unit and integration).
 *
 * Every built event gets a fresh stream ID `${ms}-${seq}`, strictly increasing in creation order
 * (like Redis: the ms part never goes back, the seq part counts within one ms). Event times (`at`)
 * default to an advancing clock; an explicit `at` may lie in the past (to build out-of-order
 * deliveries) and then never moves the clock back.
 */
import type {
  CallAnswer,
  CallDial,
  CallEvent,
  CallHangup,
  CallOutcome,
  Outcome,
  PauseReason,
  RepLogin,
  RepLogout,
  RepPause,
  RepReady,
} from '../../shared/events/callEvent';
import type { FoldRules } from '../../shared/domain/fold';
import type { StreamId } from '../../shared/streamId';
import { createLocalTime, type EpochMs } from '../../shared/time';

export interface EventBuilderOptions {
  /** First default event time (and first stream ID time). */
  start: EpochMs;
  /** How far the clock advances after each event built without an explicit `at`; default 1 s. */
  stepMs?: number;
}

export interface AtOption {
  at?: EpochMs;
}

export interface LoginOptions extends AtOption {
  name?: string;
  team?: string;
}

export interface OutcomeOptions extends AtOption {
  amount?: number;
  reason?: string;
  followUpAt?: EpochMs;
}

export interface CallSequenceOptions extends OutcomeOptions {
  /** Dial time; default: the builder's clock. */
  at?: EpochMs;
  /** Dial to answer (or to hangup when not answered); default 5 s. */
  ringMs?: number;
  /** Answer to hangup; omit (or null) for a call nobody answered (no answer event). */
  talkMs?: number | null;
  /** Hangup to outcome; default 0 (the outcome is recorded at hangup). */
  wrapUpMs?: number;
  /** Recorded outcome; omit for no outcome event. */
  outcome?: Outcome;
  /** Also emit `rep.ready` this long after the hangup. */
  readyAfterMs?: number;
}

export interface EventBuilder {
  /** The time the next event without `at` gets. */
  now(): EpochMs;
  /** Moves the default clock forward; returns the new time. */
  advance(ms: number): EpochMs;
  /** A fresh stream ID, as if Redis accepted an entry at `ms` (default: the clock). */
  nextId(ms?: EpochMs): StreamId;
  login(rep: string, options?: LoginOptions): RepLogin;
  logout(rep: string, options?: AtOption): RepLogout;
  pause(rep: string, reason?: PauseReason, options?: AtOption): RepPause;
  ready(rep: string, options?: AtOption): RepReady;
  dial(rep: string, call: string, options?: AtOption): CallDial;
  answer(rep: string, call: string, options?: AtOption): CallAnswer;
  hangup(rep: string, call: string, options?: AtOption): CallHangup;
  outcome(rep: string, call: string, outcome: Outcome, options?: OutcomeOptions): CallOutcome;
  /** The same event delivered again: same fields, a new stream ID. */
  redeliver<E extends CallEvent>(event: E): E;
  /**
   * The events with fresh stream IDs in the given order, fields (and `at`) kept: how they look
   * when they reach the stream in that order (e.g. a hangup before its answer).
   */
  restamp(events: readonly CallEvent[]): CallEvent[];
  /** The events of one whole call in source order: dial, answer, hangup, outcome, ready. */
  callSequence(rep: string, call: string, options?: CallSequenceOptions): CallEvent[];
}

export function createEventBuilder({ start, stepMs = 1000 }: EventBuilderOptions): EventBuilder {
  let clock = start;
  let lastMs = -1;
  let lastSeq = -1;

  function nextId(ms: EpochMs = clock): StreamId {
    const idMs = Math.max(lastMs, Math.floor(ms));
    lastSeq = idMs === lastMs ? lastSeq + 1 : 0;
    lastMs = idMs;
    return `${idMs}-${lastSeq}`;
  }

  /** Event time: the explicit one, else the clock (which then advances). */
  function take(at: EpochMs | undefined): EpochMs {
    if (at !== undefined) {
      clock = Math.max(clock, at + stepMs);
      return at;
    }
    const now = clock;
    clock += stepMs;
    return now;
  }

  function make<E extends CallEvent>(fields: Omit<E, 'id' | 'at'>, at: EpochMs | undefined): E {
    const time = take(at);
    return { id: nextId(time), ...fields, at: time } as E;
  }

  const builder: EventBuilder = {
    now: () => clock,
    advance(ms) {
      clock += ms;
      return clock;
    },
    nextId,
    login(rep, { at, name, team } = {}) {
      return make<RepLogin>(
        { type: 'rep.login', rep, ...(name !== undefined && { name }), ...(team !== undefined && { team }) },
        at,
      );
    },
    logout: (rep, { at } = {}) => make<RepLogout>({ type: 'rep.logout', rep }, at),
    pause: (rep, reason = 'break', { at } = {}) => make<RepPause>({ type: 'rep.pause', rep, reason }, at),
    ready: (rep, { at } = {}) => make<RepReady>({ type: 'rep.ready', rep }, at),
    dial: (rep, call, { at } = {}) => make<CallDial>({ type: 'call.dial', rep, call }, at),
    answer: (rep, call, { at } = {}) => make<CallAnswer>({ type: 'call.answer', rep, call }, at),
    hangup: (rep, call, { at } = {}) => make<CallHangup>({ type: 'call.hangup', rep, call }, at),
    outcome(rep, call, outcome, { at, amount, reason, followUpAt } = {}) {
      return make<CallOutcome>(
        {
          type: 'call.outcome',
          rep,
          call,
          outcome,
          ...(amount !== undefined && { amount }),
          ...(reason !== undefined && { reason }),
          ...(followUpAt !== undefined && { followUpAt }),
        },
        at,
      );
    },
    redeliver(event) {
      return { ...event, id: nextId(Math.max(clock, event.at)) };
    },
    restamp: (events) => events.map((event) => builder.redeliver(event)),
    callSequence(rep, call, options = {}) {
      const { ringMs = 5000, talkMs = null, wrapUpMs = 0, outcome, readyAfterMs } = options;
      const dialAt = options.at ?? clock;
      const events: CallEvent[] = [builder.dial(rep, call, { at: dialAt })];
      let hangupAt = dialAt + ringMs;
      if (talkMs !== null) {
        events.push(builder.answer(rep, call, { at: hangupAt }));
        hangupAt += talkMs;
      }
      events.push(builder.hangup(rep, call, { at: hangupAt }));
      if (outcome !== undefined) {
        const { amount, reason, followUpAt } = options;
        events.push(builder.outcome(rep, call, outcome, { at: hangupAt + wrapUpMs, amount, reason, followUpAt }));
      }
      if (readyAfterMs !== undefined) events.push(builder.ready(rep, { at: hangupAt + readyAfterMs }));
      return events;
    },
  };
  return builder;
}

/** Fold rules for a floor in `timeZone` with the contract's default 60 s effective-call threshold. */
export function foldRules(timeZone = 'UTC', effectiveCallMs = 60_000): FoldRules {
  return { effectiveCallMs, dayOf: createLocalTime(timeZone).dayOf };
}
