import { flushPromises } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFloorStore } from '../../../client/stores/floor';
import { useSessionStore } from '../../../client/stores/session';
import CampaignsView from '../../../client/views/CampaignsView.vue';
import type { CampaignsResponse } from '../../../shared/contracts/campaigns';
import { campaignsFixture } from '../support/campaignsData';
import { json, stubFetch } from '../support/fakeFetch';
import { makeSnapshot } from '../support/floorData';
import { freshPinia, mountWithApp } from '../support/mountApp';

let wrapper: VueWrapper | undefined;

async function open(body: CampaignsResponse | (() => Response) = campaignsFixture(), locale: 'en' | 'zh-CN' = 'en') {
  stubFetch({ 'GET /api/campaigns': typeof body === 'function' ? body : json(200, body) });
  const pinia = freshPinia();
  useSessionStore().currency = 'CNY';
  useFloorStore().applySnapshot(makeSnapshot([])); // time zone UTC
  wrapper = mountWithApp(CampaignsView, { pinia, locale });
  await flushPromises();
  return wrapper;
}

const cell = (w: VueWrapper, row: string, col: string) => w.find(`${row} [data-col="${col}"]`).text();

describe('the Campaigns and lines screen', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    vi.unstubAllGlobals();
  });

  it('shows each campaign’s funnel with its rates, best converting first, "Other" last and the total', async () => {
    const w = await open();
    const rows = w.findAll('.campaign-funnel tbody tr');
    expect(rows.map((r) => r.find('th').text())).toEqual(['spring', 'winter', 'Other']);
    // spring: 80 of 200 dials connected, 60 of 80 effective, 10 deals of 80 connects.
    expect(cell(w, '[data-campaign="spring"]', 'connectRate')).toBe('40%');
    expect(cell(w, '[data-campaign="spring"]', 'effectiveRate')).toBe('75%');
    expect(cell(w, '[data-campaign="spring"]', 'conversion')).toBe('13%');
    expect(w.find('[data-campaign="spring"]').text()).toContain('CN¥12,480');
    // "Other" had one connect and nothing effective: 0%, not a blank.
    expect(cell(w, '[data-campaign="*"]', 'effectiveRate')).toBe('0%');
    expect(w.find('tfoot [data-campaign="total"]').text()).toContain('All campaigns');
    expect(w.find('tfoot [data-campaign="total"]').text()).toContain('610');
  });

  it('shows progress to a campaign’s target when one is set, and says when none is', async () => {
    const w = await open();
    const bar = w.find('[data-campaign="spring"] [role="progressbar"]');
    expect(bar.attributes('aria-valuetext')).toBe('Deals: 10 of 20');
    expect(bar.attributes('aria-label')).toBe('spring: Deals to target');
    expect(w.find('[data-campaign="winter"] [data-col="target"]').text()).toBe('No target');
  });

  it('shows list quality: rates, customers reached, penetration against size, when it runs dry; "—" when unknown', async () => {
    const w = await open();
    const lists = w.findAll('.list-quality tbody tr').map((r) => r.find('th').text());
    expect(lists).toEqual(['L-bad', 'L-good', 'L-empty', 'Other']); // worst data first
    expect(cell(w, '[data-list="L-bad"]', 'invalidRate')).toBe('35%');
    expect(cell(w, '[data-list="L-bad"]', 'busyRate')).toBe('10%');
    expect(cell(w, '[data-list="L-bad"]', 'noAnswerRate')).toBe('30%');
    expect(cell(w, '[data-list="L-good"]', 'connectRate')).toBe('40%');
    expect(cell(w, '[data-list="L-good"]', 'reached')).toBe('180');
    expect(cell(w, '[data-list="L-good"]', 'penetration')).toBe('25% of 1,000');
    expect(cell(w, '[data-list="L-good"]', 'dryAt')).toBe('15:45');
    // Nothing known: no size, no customers, no pace, no dials.
    for (const col of ['reached', 'penetration', 'dryAt']) expect(cell(w, '[data-list="L-bad"]', col)).toBe('—');
    for (const col of ['reached', 'penetration', 'dryAt', 'connectRate', 'invalidRate', 'busyRate', 'noAnswerRate'])
      expect(cell(w, '[data-list="L-empty"]', col)).toBe('—');
    expect(w.find('[data-list="L-empty"] td').text()).toBe('—'); // no campaign
  });

  it('puts a flagged caller ID first with a badge in words (and an icon), the others marked OK', async () => {
    const w = await open();
    const rows = w.findAll('.caller-ids tbody tr');
    expect(rows.map((r) => r.find('th').text())).toEqual(['+8602150001', '+8602150002', 'Other']);
    const flagged = w.find('[data-caller-id="+8602150001"] .line-badge');
    expect(flagged.attributes('data-flagged')).toBe('true');
    expect(flagged.find('.line-badge__text').text()).toBe('Possibly flagged — rotate the number');
    expect(flagged.find('.line-badge__icon').text()).toBe('⚠');
    expect(cell(w, '[data-caller-id="+8602150001"]', 'lastHour')).toBe('10%');
    expect(cell(w, '[data-caller-id="+8602150001"]', 'baseline')).toBe('50%');
    expect(cell(w, '[data-caller-id="+8602150001"]', 'floorSameHour')).toBe('40%');
    expect(w.find('[data-caller-id="+8602150002"] .line-badge').text()).toContain('OK');
    expect(cell(w, '[data-caller-id="*"]', 'baseline')).toBe('—');
    expect(w.find('.campaigns-view__flagged').text()).toContain('Flagged caller IDs: 1');
  });

  it('speaks 简体中文: "其他" for the other bucket, the flagged words from the words table', async () => {
    const w = await open(campaignsFixture(), 'zh-CN');
    expect(w.find('h1').text()).toBe('营销活动与线路');
    expect(w.find('[data-campaign="*"] th').text()).toBe('其他');
    expect(w.find('[data-caller-id="+8602150001"] .line-badge').text()).toContain('号码可能被标记（骚扰、推销）');
    expect(w.find('.list-quality thead').text()).toContain('空号率');
  });

  it('says whose calls a lead sees', async () => {
    const w = await open(campaignsFixture({ scope: { kind: 'team', team: 'north' } }));
    expect(w.find('.campaigns-view__scope').text()).toBe('Calls of team north only');
  });

  it('renders a hostile campaign id as text', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const body = campaignsFixture();
    body.campaigns[0]!.campaign = evil;
    const w = await open(body);
    expect(w.find('.campaign-funnel img').exists()).toBe(false);
    expect(w.text()).toContain(evil);
  });

  it('says why when the campaigns cannot be read, and when the answer is not what the contract says', async () => {
    let w = await open(() => json(500, { error: 'boom' }));
    expect(w.text()).toContain('Could not read the campaigns: boom');
    w.unmount();
    w = await open(() => json(200, { campaigns: 'nope' }));
    expect(w.text()).toContain('Could not read the campaigns: unexpected answer');
  });
});
