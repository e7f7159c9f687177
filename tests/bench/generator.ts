/**
 * Child process: the open-loop load generator. Runs the simulator's floor model ahead in
 * simulated time and writes its events at the wall-clock target rate, each stamped with its
 * write time (`ts`), independent of how fast the server consumes them. Folds what it wrote with
 * the server's own fold, so that the parent can check every client's final state.
 */
import { Redis } from 'ioredis';
import { foldCallEvents, type FoldRules } from '../../shared/domain/fold';
import { emptyFloor, type FloorState } from '../../shared/domain/repState';
import type { CallEvent } from '../../shared/events/callEvent';
import { createLocalTime, MINUTE_MS } from '../../shared/time';
import { entryFields, type SimEvent } from '../../server/dev/simulator/events';
import type { LayoutSize } from '../../server/dev/simulator/dimensions';
import { createFloorModel } from '../../server/dev/simulator/model';
import { teamOf, type GeneratorCommand, type GeneratorMessage, type GeneratorResult, type RepTotals } from './common';

export interface GeneratorOptions {
  redisUrl: string;
  stream: string;
  reps: number;
  teams: number;
  rate: number;
  seed: number;
  tickMs: number;
  timeZone: string;
  /** Campaigns, lists, caller IDs and customers on call events; false: none (to measure their cost). */
  dimensions: LayoutSize | false;
}

const options = JSON.parse(process.env.BENCH_GENERATOR ?? '{}') as GeneratorOptions;
const send = (msg: GeneratorMessage) => process.send?.(msg);
const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, enableAutoPipelining: false });
const rules: FoldRules = { effectiveCallMs: 60_000, dayOf: createLocalTime(options.timeZone).dayOf };
const startAt = Date.now();
const model = createFloorModel({
  reps: options.reps,
  teams: Math.min(options.teams, 26),
  seed: options.seed,
  startAt,
  // Mid-shift: every rep logs in within the first simulated minute.
  shiftStartAt: startAt - 60 * MINUTE_MS,
  shiftMinutes: 720,
  dimensions: options.dimensions ?? false,
});

let buffer: SimEvent[] = [];
let pos = 0;
let simCursor = startAt;
function take(n: number): SimEvent[] {
  while (buffer.length - pos < n && !model.done) {
    simCursor += 1000;
    for (const e of model.nextEvents(simCursor)) if (!('fault' in e)) buffer.push(e);
  }
  const out = buffer.slice(pos, pos + n);
  pos += out.length;
  if (pos > 100_000) [buffer, pos] = [buffer.slice(pos), 0];
  return out;
}

let state: FloorState = emptyFloor();
let pending: CallEvent[] = [];
let seqNo = 0;
let written = 0;
let sent = 0;
let xaddErrors = 0;
let lastId: string | null = null;
let maxBehind = 0;
let inflight = 0;
let t0 = 0;
let measureAt = 0;
let measureWritten = 0;
let running = false;
let timer: NodeJS.Timeout | undefined;
const idle: (() => void)[] = [];

function flushFold(): void {
  if (pending.length === 0) return;
  state = foldCallEvents(state, pending, rules);
  pending = [];
}

function tick(): void {
  if (!running) return;
  const due = Math.floor((options.rate * (performance.now() - t0)) / 1000) - sent;
  maxBehind = Math.max(maxBehind, due);
  // Open loop, but bounded: beyond 64 pipelines in flight Redis is not keeping up (counted as behind).
  if (due > 0 && inflight < 64) {
    const events = take(Math.min(due, Math.max(1000, options.rate)));
    const at = Date.now();
    const pipeline = redis.pipeline();
    for (const event of events) {
      // The benchmark's team layout (50 teams) instead of the model's (26 at most).
      const stamped =
        event.type === 'rep.login'
          ? { ...event, at, team: teamOf(Number(event.rep.slice(4)) - 1, options.reps, options.teams) }
          : { ...event, at };
      pipeline.xadd(options.stream, '*', ...entryFields(stamped));
      pending.push({ ...stamped, id: `${++seqNo}-0` } as CallEvent);
    }
    sent += events.length;
    inflight++;
    pipeline
      .exec()
      .then((results) => {
        for (const [err, id] of results ?? []) {
          if (err) xaddErrors++;
          else {
            written++;
            lastId = id as string;
          }
        }
      })
      .catch(() => (xaddErrors += events.length))
      .finally(() => {
        inflight--;
        if (inflight === 0) idle.splice(0).forEach((f) => f());
      });
    if (pending.length >= 2000) flushFold();
  }
  timer = setTimeout(tick, options.tickMs);
}

const foldTimer = setInterval(flushFold, 250);

process.on('message', (cmd: GeneratorCommand) => {
  if (cmd.type === 'start') {
    running = true;
    t0 = performance.now();
    tick();
  } else if (cmd.type === 'measure') {
    measureAt = performance.now();
    measureWritten = sent;
  } else if (cmd.type === 'stop') {
    running = false;
    clearTimeout(timer);
    clearInterval(foldTimer);
    void finish();
  }
});

async function finish(): Promise<void> {
  if (inflight > 0) await new Promise<void>((r) => idle.push(r));
  flushFold();
  const totals: Record<string, RepTotals> = {};
  for (const rep of state.reps.values()) {
    totals[rep.id] = [rep.team, rep.dials, rep.connects, rep.effectiveCalls, rep.leads, rep.deals, rep.revenue];
  }
  const seconds = (performance.now() - (measureAt || t0)) / 1000;
  const result: GeneratorResult = {
    written,
    lastId,
    rateMeasured: (sent - measureWritten) / seconds,
    maxBehind,
    xaddErrors,
    totals,
  };
  send({ type: 'result', result });
  redis.disconnect();
  process.disconnect?.();
}

process.on('disconnect', () => process.exit(0));
redis.once('ready', () => send({ type: 'ready' }));
