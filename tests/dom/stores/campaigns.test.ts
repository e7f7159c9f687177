import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CAMPAIGNS_REFRESH_MS, useCampaignsStore } from '../../../client/stores/campaigns';
import { campaignsFixture } from '../support/campaignsData';
import { json, settle, stubFetch } from '../support/fakeFetch';
import type { FetchCall } from '../support/fakeFetch';
import { freshPinia } from '../support/mountApp';

let visibility: DocumentVisibilityState = 'visible';
function setVisibility(state: DocumentVisibilityState): void {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

const campaignCalls = (calls: FetchCall[]) => calls.filter((c) => c.path === '/api/campaigns').length;

describe('the campaigns store', () => {
  beforeEach(() => {
    freshPinia();
    visibility = 'visible';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('keeps a body that fits the contract, and offers the named campaigns busiest first (not "other")', async () => {
    stubFetch({ 'GET /api/campaigns': json(200, campaignsFixture()) });
    const store = useCampaignsStore();
    expect(await store.load()).toBe(true);
    expect(store.data?.campaigns).toHaveLength(3);
    expect(store.error).toBeNull();
    expect(store.campaignIds).toEqual(['winter', 'spring']);
  });

  it.each([
    ['a missing table', { ...campaignsFixture(), callerIds: undefined }],
    [
      'a rate above 1',
      { ...campaignsFixture({ callerIds: [{ ...campaignsFixture().callerIds[0]!, baselineRate: 4 }] }) },
    ],
    ['a negative count', campaignsFixture({ campaigns: [{ ...campaignsFixture().campaigns[0]!, dials: -1 }] })],
    ['a string where a count goes', campaignsFixture({ total: { ...campaignsFixture().total, deals: '12' as never } })],
    ['an unknown scope', { ...campaignsFixture(), scope: { kind: 'rep', rep: 'r1' } }],
  ])('refuses %s, says why and keeps the last good answer', async (_name, bad) => {
    let answer: unknown = campaignsFixture();
    stubFetch({ 'GET /api/campaigns': () => json(200, answer) });
    const store = useCampaignsStore();
    await store.load();
    const good = store.data;
    answer = bad;
    expect(await store.load()).toBe(false);
    expect(store.error).toMatch(/unexpected answer/);
    expect(store.data).toBe(good);
  });

  it('says when the viewer may not read campaigns (403)', async () => {
    stubFetch({ 'GET /api/campaigns': json(403, { error: 'forbidden' }) });
    const store = useCampaignsStore();
    expect(await store.load()).toBe(false);
    expect(store.forbidden).toBe(true);
    expect(store.data).toBeNull();
  });

  it('refreshes every 5 s while followed, once however many follow, never while the tab is hidden', async () => {
    vi.useFakeTimers();
    const calls = stubFetch({ 'GET /api/campaigns': () => json(200, campaignsFixture()) });
    const store = useCampaignsStore();
    const stopA = store.follow();
    const stopB = store.follow();
    await vi.advanceTimersByTimeAsync(0);
    expect(campaignCalls(calls)).toBe(1);
    await vi.advanceTimersByTimeAsync(CAMPAIGNS_REFRESH_MS);
    expect(campaignCalls(calls)).toBe(2);

    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(CAMPAIGNS_REFRESH_MS * 4);
    expect(campaignCalls(calls)).toBe(2);
    setVisibility('visible'); // back: read at once
    await vi.advanceTimersByTimeAsync(0);
    expect(campaignCalls(calls)).toBe(3);

    stopA();
    stopA(); // twice is once
    await vi.advanceTimersByTimeAsync(CAMPAIGNS_REFRESH_MS);
    expect(campaignCalls(calls)).toBe(4);
    stopB();
    await vi.advanceTimersByTimeAsync(CAMPAIGNS_REFRESH_MS * 3);
    expect(campaignCalls(calls)).toBe(4);
  });

  it('shares one request between calls made while it is in flight', async () => {
    const calls = stubFetch({ 'GET /api/campaigns': () => json(200, campaignsFixture()) });
    const store = useCampaignsStore();
    await Promise.all([store.load(), store.load(), store.load()]);
    await settle();
    expect(campaignCalls(calls)).toBe(1);
  });
});
