import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAlertsStore } from '../../../client/stores/alerts';
import { json, stubFetch } from '../support/fakeFetch';
import { T0 } from '../support/floorData';
import { makeAlert, makeNews } from '../support/alertData';
import { freshPinia } from '../support/mountApp';

describe('alerts store', () => {
  beforeEach(() => {
    freshPinia();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('upserts by id: a raise then an update leaves one alert with the newer fields', () => {
    const store = useAlertsStore();
    expect(store.onRaised(makeAlert({ id: 'a1' }))).toBe(true);
    expect(store.onRaised(makeAlert({ id: 'a1' }))).toBe(false); // a repeat delivery
    store.onUpdated(makeAlert({ id: 'a1', severity: 'critical' }));
    expect(store.active).toHaveLength(1);
    expect(store.active[0]!.severity).toBe('critical');
  });

  it('lists open alerts newest first, moves cleared ones to history and never un-acknowledges', () => {
    const store = useAlertsStore();
    store.onRaised(makeAlert({ id: 'old', raisedAt: T0 - 60_000 }));
    store.onRaised(makeAlert({ id: 'new', raisedAt: T0, rep: 'bob' }));
    expect(store.active.map((a) => a.id)).toEqual(['new', 'old']);

    store.onUpdated(makeAlert({ id: 'old', raisedAt: T0 - 60_000, ackBy: 'sam', ackAt: T0 }));
    // An older copy arriving late keeps the acknowledgement.
    store.onUpdated(makeAlert({ id: 'old', raisedAt: T0 - 60_000 }));
    expect(store.active.find((a) => a.id === 'old')?.ackBy).toBe('sam');

    store.onUpdated(makeAlert({ id: 'new', raisedAt: T0, rep: 'bob', clearedAt: T0 + 1000 }));
    expect(store.active.map((a) => a.id)).toEqual(['old']);
    expect(store.history.map((a) => a.id)).toEqual(['new']);
    expect([...store.activeByRep.keys()]).toEqual(['ann']);
  });

  it('prefers the critical alert of a rep with several', () => {
    const store = useAlertsStore();
    store.onRaised(makeAlert({ id: 'w', raisedAt: T0 }));
    store.onRaised(makeAlert({ id: 'c', severity: 'critical', raisedAt: T0 - 1000 }));
    expect(store.activeByRep.get('ann')?.id).toBe('c');
  });

  it('acknowledges over HTTP and keeps the answer', async () => {
    const calls = stubFetch({
      'POST /api/alerts/a1/ack': json(200, makeAlert({ id: 'a1', ackBy: 'sam', ackAt: T0 })),
    });
    const store = useAlertsStore();
    store.onRaised(makeAlert({ id: 'a1' }));
    const result = await store.acknowledge('a1');
    expect(result.ok).toBe(true);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /api/alerts/a1/ack']);
    expect(store.active[0]!.ackBy).toBe('sam');
  });

  it('hands back the server’s reason when an acknowledgement is refused', async () => {
    stubFetch({ 'POST /api/alerts/a1/ack': json(403, { error: 'not your team' }) });
    const store = useAlertsStore();
    store.onRaised(makeAlert({ id: 'a1' }));
    const result = await store.acknowledge('a1');
    expect(result).toMatchObject({ ok: false, status: 403, error: 'not your team' });
    expect(store.active[0]!.ackBy).toBeNull();
  });

  it('replaces its list with the server’s on load', async () => {
    stubFetch({
      'GET /api/alerts': json(200, {
        active: [makeAlert({ id: 'live' })],
        history: [makeAlert({ id: 'done', clearedAt: T0 })],
      }),
    });
    const store = useAlertsStore();
    store.onRaised(makeAlert({ id: 'gone' }));
    expect(await store.load()).toBe(true);
    expect(store.active.map((a) => a.id)).toEqual(['live']);
    expect(store.history.map((a) => a.id)).toEqual(['done']);
  });

  it('keeps its list and says why when the answer is not an alert list (e.g. a proxy page)', async () => {
    stubFetch({
      'GET /api/alerts': json(200, { active: [{ ...makeAlert({ id: 'half' }), rule: undefined }], history: [] }),
    });
    const store = useAlertsStore();
    store.onRaised(makeAlert({ id: 'known' }));
    expect(await store.load()).toBe(false);
    expect(store.loadError).toBe('unexpected answer from the server (/api/alerts)');
    expect(store.active.map((a) => a.id)).toEqual(['known']);
  });

  it('queues good news once per id and moves on when the banner is done', () => {
    const store = useAlertsStore();
    store.onGoodNews(makeNews({ id: 's1' }));
    store.onGoodNews(makeNews({ id: 's1' }));
    store.onGoodNews(makeNews({ id: 's2' }));
    expect(store.goodNews.map((n) => n.id)).toEqual(['s1', 's2']);
    store.nextGoodNews('s2'); // not the one on screen: nothing happens
    expect(store.goodNews.map((n) => n.id)).toEqual(['s1', 's2']);
    store.nextGoodNews('s1');
    expect(store.goodNews.map((n) => n.id)).toEqual(['s2']);
    store.onGoodNews(makeNews({ id: 's1' })); // already celebrated
    expect(store.goodNews.map((n) => n.id)).toEqual(['s2']);
  });

  it('counts alerts turning critical live, for the optional sound', () => {
    const store = useAlertsStore();
    store.onRaised(makeAlert({ id: 'p', rule: 'long_pause', detail: 'break' }));
    expect(store.criticalRaised).toBe(0);
    store.onUpdated(makeAlert({ id: 'p', rule: 'long_pause', detail: 'break', severity: 'critical' }));
    store.onUpdated(makeAlert({ id: 'p', rule: 'long_pause', detail: 'break', severity: 'critical' }));
    store.onRaised(makeAlert({ id: 'n', rule: 'not_logged_in', severity: 'critical' }));
    expect(store.criticalRaised).toBe(2);
  });
});
