import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createLifecycle } from '../../../server/lifecycle';
import { createLog } from '../../../server/log';
import type { CallEventReader } from '../../../server/redis/callEventStream';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A lifecycle whose every dependency is a stub, and whose checkpoint save finishes when the test says. */
function lifecycleWithSlowSave(checkpoint: string | null) {
  const httpServer = createServer();
  closers.push(
    () => new Promise<void>((resolve) => (httpServer.listening ? httpServer.close(() => resolve()) : resolve())),
  );
  const steps: string[] = [];
  let finishSave: () => void = () => {};
  const saved = new Promise<void>((resolve) => (finishSave = resolve));
  const stopNothing = { stop() {} };
  const lifecycle = createLifecycle({
    ...{ httpServer, listen: { port: 0, host: '127.0.0.1' }, clock: () => 0, dayOf: () => '2026-12-04' },
    log: createLog('test', () => {}),
    floor: { restore: () => {} },
    ingest: { settled: () => Promise.resolve(), goLive: () => {} },
    alerts: { start: () => Promise.resolve(), goLive: () => {}, evaluate: () => Promise.resolve() },
    dayBook: {
      replayStart: () => Promise.resolve({ day: '2026-12-04', from: '0-0' }),
      saveToday: () => Promise.resolve(),
      trim: () => (steps.push('trim'), Promise.resolve()),
    },
    checkpoints: {
      restore: () => Promise.resolve(checkpoint),
      save: () => (steps.push('save'), saved.then(() => void steps.push('saved'))),
    },
    gateway: stopNothing,
    kiosks: { adopt: () => Promise.resolve(0) },
    wallboardTokens: [],
    targets: { reload: () => Promise.resolve() },
    roster: { refresh: () => Promise.resolve() },
    subscribeToBus: () => Promise.resolve(stopNothing),
    startReader: () => ({ caughtUp: Promise.resolve(), stop: () => Promise.resolve() }) as unknown as CallEventReader,
    checkHealth: () => Promise.resolve(),
    startSchedule: () => stopNothing,
    close: () => Promise.resolve(),
  });
  return { lifecycle, httpServer, steps, finishSave };
}

describe('starting the server', () => {
  it('after folding a whole day, serves no screen before its checkpoint is saved: a kill -9 in the first seconds folds only what came after it', async () => {
    const { lifecycle, httpServer, steps, finishSave } = lifecycleWithSlowSave(null);
    let started = false;
    const starting = lifecycle.start().then(() => (started = true));
    // Many turns of the event loop, as a big floor's save takes while it is written in turns.
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(steps).toEqual(['save']);
    expect(started).toBe(false);
    expect(httpServer.listening).toBe(false);
    finishSave();
    await starting;
    expect(httpServer.listening).toBe(true);
    // The stream is trimmed only after the checkpoint that no longer needs what it removes.
    await new Promise((resolve) => setImmediate(resolve));
    expect(steps).toEqual(['save', 'saved', 'trim']);
  });

  it('from a checkpoint, serves at once and saves the next one meanwhile (a crash folds only the short tail again)', async () => {
    const { lifecycle, httpServer, steps, finishSave } = lifecycleWithSlowSave('1764806400000-0');
    await lifecycle.start();
    expect(httpServer.listening).toBe(true);
    expect(steps).toEqual(['save']);
    finishSave();
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(steps).toEqual(['save', 'saved', 'trim']);
  });
});
