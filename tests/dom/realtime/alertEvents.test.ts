import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bindRealtime } from '../../../client/realtime/bindRealtime';
import { useAlertsStore } from '../../../client/stores/alerts';
import { json, settle, stubFetch } from '../support/fakeFetch';
import type { FetchCall } from '../support/fakeFetch';
import { FakeSocket } from '../support/fakeSocket';
import { T0, makeRep, makeSnapshot } from '../support/floorData';
import { makeAlert, makeNews } from '../support/alertData';
import { freshPinia } from '../support/mountApp';
import { REP } from '../support/viewers';

describe('bindRealtime() and alerts', () => {
  let socket: FakeSocket;
  let calls: FetchCall[];

  beforeEach(() => {
    freshPinia();
    calls = stubFetch({
      'GET /api/alerts': json(200, { active: [makeAlert({ id: 'from-server' })], history: [] }),
    });
    socket = new FakeSocket();
    bindRealtime(socket.asSocket());
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('routes alert:raised, alert:updated and news:posted to the alerts store', () => {
    const alerts = useAlertsStore();
    socket.serverSends('alert:raised', [makeAlert({ id: 'a1' })]);
    expect(alerts.active.map((a) => a.id)).toEqual(['a1']);
    socket.serverSends('alert:updated', [makeAlert({ id: 'a1', ackBy: 'sam', ackAt: T0 })]);
    expect(alerts.active[0]!.ackBy).toBe('sam');
    socket.serverSends('alert:updated', [makeAlert({ id: 'a1', clearedAt: T0 })]);
    expect(alerts.active).toEqual([]);
    // Good news comes in batches (a second's sales in one message), each queued once.
    socket.serverSends('news:posted', [makeNews({ id: 'sale:ann:1' }), makeNews({ id: 'sale:bob:1' })]);
    socket.serverSends('news:posted', [makeNews({ id: 'sale:bob:1' })]);
    expect(alerts.goodNews.map((n) => n.id)).toEqual(['sale:ann:1', 'sale:bob:1']);
  });

  it('re-fetches the alerts after every snapshot (missed events are not replayed)', async () => {
    socket.serverSends('floor:snapshot', makeSnapshot([makeRep({ id: 'ann' })]));
    await settle();
    socket.serverSends('floor:snapshot', makeSnapshot([makeRep({ id: 'ann' })], { seq: 20 }));
    await settle();
    expect(calls.filter((c) => c.path === '/api/alerts')).toHaveLength(2);
    expect(useAlertsStore().active.map((a) => a.id)).toEqual(['from-server']);
  });

  it('does not ask for alerts on a rep’s feed', async () => {
    socket.serverSends(
      'floor:snapshot',
      makeSnapshot([makeRep({ id: 'rep-001' })], { scope: { kind: 'rep', rep: 'rep-001' }, viewer: REP }),
    );
    await settle();
    expect(calls).toEqual([]);
  });
});
