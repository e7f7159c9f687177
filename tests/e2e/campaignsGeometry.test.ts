import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OTHER_BUCKET, zeroCounts } from '../../shared/contracts/campaigns';
import type { CampaignsResponse } from '../../shared/contracts/campaigns';
import type { FloorResponse } from '../../shared/contracts/http';
import type { Totals } from '../../shared/domain/floorView';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { axeViolations } from './support/axe';
import { launchChromium } from './support/browser';

/**
 * The "Campaigns and lines" screen at 1440×900 and its TV panel at 1920×1080, with GET
 * /api/campaigns answered by the browser (page.route) with a busy day: 60 campaigns (long ids
 * among them), 60 lists, 40 caller IDs, 6 of them flagged. Nothing may be cut or pushed sideways.
 */
const { baseUrl, redisUrl, stream } = inject('e2e');
const PASSWORD = 'e2e-campaigns-geometry-password';
const USER = 'camp-geo-sup';
let browser: Browser;
let redis: Redis;

const ROWS = 60;
const campaignId = (i: number) =>
  i % 9 === 0 ? `spring-promotion-2026-shanghai-north-district-${i}` : `campaign-${String(i).padStart(2, '0')}`;

function busyDay(now: number): CampaignsResponse {
  const counts = (i: number) => ({
    ...zeroCounts(),
    dials: 1_000 + i * 37,
    connects: 300 + i * 11,
    effectiveCalls: 120 + i * 5,
    busy: 80 + i,
    noAnswer: 400 + i * 3,
    invalid: 50 + i * 7,
    leads: 30 + i,
    deals: 5 + (i % 13),
    revenue: 123_456 + i * 9_999,
  });
  return {
    day: '2026-03-10',
    at: now,
    scope: { kind: 'floor' },
    campaigns: Array.from({ length: ROWS }, (_, i) => ({
      ...counts(i),
      campaign: i === ROWS - 1 ? OTHER_BUCKET : campaignId(i),
      lists: 3,
      target: i % 4 === 0 ? { dials: 5_000, deals: 20, revenue: 1_000_000 } : null,
    })),
    lists: Array.from({ length: ROWS }, (_, i) => ({
      ...counts(i),
      list: i === ROWS - 1 ? OTHER_BUCKET : `list-${campaignId(i)}-${i}`,
      campaign: i % 5 === 0 ? null : campaignId(i),
      customersReached: i % 3 === 0 ? null : 800 + i,
      customersDialled: i % 3 === 0 ? null : 900 + i,
      size: i % 2 === 0 ? null : 12_000_000,
      dryAt: i % 2 === 0 ? null : now + 3_600_000,
    })),
    callerIds: Array.from({ length: 40 }, (_, i) => ({
      callerId: i === 39 ? OTHER_BUCKET : `+86021${String(50_000_000 + i)}`,
      dials: 500 + i,
      connects: 100 + i,
      recentDials: 60,
      recentConnects: i % 7 === 0 ? 3 : 25,
      baselineRate: i % 6 === 0 ? null : 0.42,
      floorRateSameHour: 0.4,
      flagged: i % 7 === 0,
    })),
    total: { ...zeroCounts(), dials: 99_999, connects: 33_333, effectiveCalls: 11_111, deals: 777, revenue: 9_999_999 },
  };
}

beforeAll(async () => {
  redis = new Redis(redisUrl);
  await createAccountRepo(redis, 'floorboard:').add(
    { username: USER, password: PASSWORD, role: 'supervisor' },
    Date.now(),
  );
  // A few reps of this file's own (cg-…) with calls today, so the floor has figures to filter.
  const now = Date.now();
  const add = (event: Parameters<typeof toStreamFields>[0]) => redis.xadd(stream, '*', ...toStreamFields(event));
  for (let i = 0; i < 3; i += 1) {
    const rep = `cg-${i}`;
    await add({ type: 'rep.login', rep, name: `Campaign Rep ${i}`, team: 'camp-geo', at: now - 600_000 });
    for (let c = 0; c < 5 + i; c += 1) {
      const call = `${rep}-c${c}`;
      await add({ type: 'call.dial', rep, call, at: now - 500_000 + c * 20_000 });
      await add({ type: 'call.answer', rep, call, at: now - 498_000 + c * 20_000 });
      await add({ type: 'call.hangup', rep, call, at: now - 490_000 + c * 20_000 });
      await add({
        type: 'call.outcome',
        rep,
        call,
        outcome: c % 2 ? 'sale' : 'lead',
        amount: 999,
        at: now - 489_000 + c * 20_000,
      });
    }
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

async function signIn(viewport: { width: number; height: number }, locale: 'en' | 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript((value) => localStorage.setItem('floorboard.locale', value), locale);
  const page = await context.newPage();
  // The campaigns contract answered here, whatever the server's own part says (or does not yet).
  await page.route(
    (url) => url.pathname === '/api/campaigns',
    (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(busyDay(Date.now())) }),
  );
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name=username]').fill(USER);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL('**/floor');
  return page;
}

/** Every table cell whose content is wider or taller than its box, and every box outside [0, width]. */
function clipped(page: Page, selector: string, width: number) {
  return page.locator(selector).evaluateAll(
    (cells, w) =>
      cells.flatMap((cell) => {
        const el = cell as HTMLElement;
        const box = el.getBoundingClientRect();
        const cut = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        const out = box.left < -0.5 || box.right > w + 0.5;
        return cut || out
          ? [`${el.textContent?.trim().slice(0, 40)} (${Math.round(box.left)}–${Math.round(box.right)})`]
          : [];
      }),
    width,
  );
}

describe.each(['en', 'zh-CN'] as const)('campaigns geometry (%s)', (locale) => {
  it('/campaigns at 1440×900: 60 campaign rows, every table whole, no sideways scroll', async () => {
    const page = await signIn({ width: 1440, height: 900 }, locale);
    await page.goto(`${baseUrl}/campaigns`);
    await expect.poll(() => page.locator('.campaign-funnel tbody tr').count(), { timeout: 10_000 }).toBe(ROWS);
    expect(await page.locator('.list-quality tbody tr').count()).toBe(ROWS);
    expect(await page.locator('.caller-ids tbody tr').count()).toBe(40);
    const scroll = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      sections: [...document.querySelectorAll('.campaigns-view__section')].map((s) => s.scrollWidth - s.clientWidth),
    }));
    expect(scroll.page).toBeLessThanOrEqual(0);
    expect(scroll.sections.every((d) => d <= 0)).toBe(true);
    expect(await clipped(page, '.campaign-table th, .campaign-table td', 1440)).toEqual([]);
    // The flagged badges say it in words, each whole.
    const badges = page.locator('.caller-ids .line-badge--flagged');
    expect(await badges.count()).toBe(6);
    expect(await clipped(page, '.caller-ids .line-badge', 1440)).toEqual([]);
    // And axe-core finds nothing on it (contrast of the badge, table headers, landmarks).
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await page.context().close();
  });

  it('the wallboard at 1440×900 following a campaign: the filter and its chip sit whole in the header', async () => {
    const page = await signIn({ width: 1440, height: 900 }, locale);
    await page.goto(`${baseUrl}/floor?campaign=${campaignId(9)}`);
    const chip = page.locator('[data-test="campaign-chip"]');
    await chip.waitFor({ timeout: 10_000 });
    const boxes = await page.evaluate(() => {
      const of = (s: string) => document.querySelector(s)!.getBoundingClientRect();
      const c = of('[data-test="campaign-chip"]');
      const sel = of('select[name="campaign"]');
      return { chip: [c.left, c.right, c.top, c.bottom], select: [sel.left, sel.right], width: innerWidth };
    });
    expect(boxes.chip[0]).toBeGreaterThanOrEqual(0);
    expect(boxes.chip[1]).toBeLessThanOrEqual(boxes.width);
    expect(boxes.chip[3]).toBeLessThanOrEqual(900);
    expect(boxes.select[1]).toBeLessThanOrEqual(boxes.width);
    expect(await clipped(page, '[data-test="campaign-chip"] > span, [data-test="campaign-chip"] button', 1440)).toEqual(
      [],
    );
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await page.context().close();
  });

  it('the TV campaigns panel at 1920×1080: big type, every row and flagged line inside the screen', async () => {
    const page = await signIn({ width: 1920, height: 1080 }, locale);
    await page.goto(`${baseUrl}/tv`);
    await page.locator('.tv-rotator').waitFor({ timeout: 10_000 });
    await page.keyboard.press('5');
    await expect.poll(() => page.locator('.tv-campaigns tbody tr').count(), { timeout: 10_000 }).toBe(8);
    expect(await page.locator('.tv-campaigns__lines li[data-caller-id]').count()).toBe(5);
    const geometry = await page.evaluate(() => {
      const rows = [...document.querySelectorAll('.tv-campaigns tbody tr, .tv-campaigns__lines li')];
      return {
        bottom: Math.max(...rows.map((r) => r.getBoundingClientRect().bottom)),
        fontPx: parseFloat(getComputedStyle(document.querySelector('.tv-campaigns tbody th')!).fontSize),
      };
    });
    expect(geometry.bottom).toBeLessThanOrEqual(1080);
    expect(geometry.fontPx).toBeGreaterThanOrEqual(28);
    expect(await clipped(page, '.tv-campaigns th, .tv-campaigns td, .tv-campaigns li', 1920)).toEqual([]);
    expect(await page.locator('.tv-campaigns__more').textContent()).toMatch(/1/);
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await page.context().close();
  });
});

/** A campaign's share of a rep's day, as the server would count it: 3 dials, 2 connects, 1 effective, lead, deal, ¥100. */
const SHARE = { dials: 3, connects: 2, effectiveCalls: 1, talkSeconds: 60, leads: 1, deals: 1, revenue: 100 };
function shareOf(totals: Totals): Totals {
  const n = totals.reps;
  return {
    ...totals,
    dials: SHARE.dials * n,
    connects: SHARE.connects * n,
    effectiveCalls: SHARE.effectiveCalls * n,
    talkSeconds: SHARE.talkSeconds * n,
    leads: SHARE.leads * n,
    deals: SHARE.deals * n,
    revenue: SHARE.revenue * n,
  };
}

describe('the campaign filter in Chromium', () => {
  it('changes every figure on the wallboard, keeps it in the URL, and Clear brings the floor back', async () => {
    const page = await signIn({ width: 1440, height: 900 }, 'en');
    const campaign = campaignId(1);
    let filtered: FloorResponse | null = null;
    // The filtered floor answered in the browser: the real floor with each rep's campaign share.
    await page.route(
      (url) => url.pathname === '/api/floor' && url.searchParams.get('campaign') === campaign,
      async (route) => {
        const real = (await (await route.fetch({ url: `${baseUrl}/api/floor` })).json()) as FloorResponse;
        filtered = {
          ...real,
          reps: real.reps.map((rep) => ({ ...rep, ...SHARE, wrapupSeconds: 0 })),
          teams: real.teams.map((team) => ({ ...team, totals: shareOf(team.totals) })),
          totals: shareOf(real.totals),
        };
        await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(filtered) });
      },
    );
    const asked: string[] = [];
    page.on('request', (req) => asked.push(new URL(req.url()).pathname + new URL(req.url()).search));
    await page.goto(`${baseUrl}/floor`);
    await page.locator('.rep-tile[data-rep="cg-2"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('.floor-header .metric .metric__value').first().textContent()).not.toBe('0');
    await page.locator('select[name="campaign"] option').nth(2).waitFor({ state: 'attached', timeout: 10_000 });
    const header = () => page.locator('.floor-header .metric .metric__value').allTextContents();
    const before = await header();

    await page.locator('select[name="campaign"]').selectOption(campaign);
    await page.locator('[data-test="campaign-chip"]').waitFor();
    expect(new URL(page.url()).searchParams.get('campaign')).toBe(campaign);
    await expect.poll(() => filtered !== null, { timeout: 10_000 }).toBe(true);
    const share = shareOf((filtered as unknown as FloorResponse).totals);
    await expect.poll(header, { timeout: 10_000 }).not.toEqual(before);
    const after = await header();
    // Counts as the header writes them in English: past 333 reps on the shared e2e floor (after
    // wallGeometry's 500), 3 dials each is "1,584", not "1584".
    const count = (n: number) => n.toLocaleString('en');
    expect(after[0]).toBe(count(share.dials));
    expect(after[1]).toBe(count(share.connects));
    expect(after[2]).toBe(count(share.effectiveCalls));
    expect(after[4]).toBe(count(share.leads));
    expect(after[5]).toBe(count(share.deals));
    expect(after[6]).toBe(`CN¥${share.revenue.toLocaleString('en')}`);
    // Every tile's dials bar is the campaign's share.
    const bars = await page
      .locator('.rep-tile [role="progressbar"]')
      .evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute('aria-valuenow')))].filter((v) => v !== null));
    expect(bars).toEqual([String(SHARE.dials)]);
    // The leaderboard follows too.
    await expect
      .poll(() => asked.some((url) => url.startsWith('/api/leaderboard') && url.includes(`campaign=${campaign}`)))
      .toBe(true);

    await page.locator('[data-test="campaign-chip"] button').click();
    await expect.poll(header, { timeout: 10_000 }).toEqual(before);
    expect(new URL(page.url()).searchParams.has('campaign')).toBe(false);
    await page.context().close();
  });
});
