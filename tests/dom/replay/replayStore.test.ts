import { afterEach, describe, expect, it, vi } from 'vitest';
import { PLAY_STEP_MS, useReplayStore } from '../../../client/stores/replay';
import { freshPinia } from '../support/mountApp';

const DAY = { day: '2026-12-01', first: 1_000_000, last: 1_000_000 + 10 * 60_000 };

/** A server that answers /api/replay/days at once and each /api/replay?at= when released. */
function fakeServer(days = [DAY]) {
  const asked: number[] = [];
  const pending: (() => void)[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal(
    'fetch',
    vi.fn((path: string) => {
      if (path === '/api/replay/days') return Promise.resolve(json({ days, retentionDays: 7, serverNow: 0 }));
      const at = Number(new URL(path, 'http://x').searchParams.get('at'));
      asked.push(at);
      const answer = () =>
        at === DAY.first + 60_000
          ? json({ error: 'no entries' }, 404)
          : json({ day: DAY.day, reps: [], teams: [], totals: {}, at, settings: { timeZone: 'UTC' }, serverNow: 0 });
      return new Promise<Response>((resolve) => pending.push(() => resolve(answer())));
    }),
  );
  return {
    asked,
    async releaseAll() {
      while (pending.length > 0) {
        pending.shift()!();
        for (let i = 0; i < 50; i++) await Promise.resolve();
      }
    },
  };
}

describe('the replay store', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('opens the newest day at its last entry, and while a moment loads asks only for the newest one after it', async () => {
    freshPinia();
    const server = fakeServer();
    const replay = useReplayStore();
    const started = replay.start();
    await vi.waitFor(() => expect(server.asked).toEqual([DAY.last]));
    void replay.seek(DAY.first + 2 * 60_000);
    void replay.seek(DAY.first + 3 * 60_000);
    void replay.step(-60_000 * 100); // before the day's first entry: held at it
    await server.releaseAll();
    await started;
    await server.releaseAll();
    expect(server.asked).toEqual([DAY.last, DAY.first]);
    expect(replay.shown?.at).toBe(DAY.first);
    expect(replay.at).toBe(DAY.first);
  });

  it('plays at 60x to the last entry and stops; an error pauses it and says why', async () => {
    vi.useFakeTimers();
    freshPinia();
    const server = fakeServer();
    const replay = useReplayStore();
    const started = replay.start(DAY.last - PLAY_STEP_MS / 2);
    for (let i = 0; i < 50; i++) await Promise.resolve();
    await server.releaseAll();
    await started;
    expect(replay.at).toBe(DAY.last - PLAY_STEP_MS / 2);
    replay.play();
    expect(replay.playing).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    await server.releaseAll();
    expect(replay.at).toBe(DAY.last);
    await vi.advanceTimersByTimeAsync(1000);
    expect(replay.playing).toBe(false);

    // From the start, the first step lands on a moment the server refuses.
    void replay.seek(DAY.first);
    await server.releaseAll();
    replay.play();
    await vi.advanceTimersByTimeAsync(1000);
    await server.releaseAll();
    expect(replay.error).toBe('no entries');
    expect(replay.playing).toBe(false);
  });

  it('says when there is nothing to replay (no days), rather than loading for ever', async () => {
    freshPinia();
    const server = fakeServer([]);
    const replay = useReplayStore();
    await replay.start();
    expect(replay.daysLoaded).toBe(true);
    expect(replay.at).toBeNull();
    expect(server.asked).toEqual([]);
  });
});
