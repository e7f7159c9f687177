import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OTHER_BUCKET, zeroCounts, type CampaignsResponse } from '../../shared/contracts/campaigns';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { launchChromium } from './support/browser';

/**
 * The campaign targets editor on the admin page at 1440×900 (issue #15 item 4): 25 campaigns of
 * today (GET /api/campaigns answered by the browser), ids up to the 64-character maximum; every
 * cell, field and button whole and inside the screen; a save reaches the real server.
 */
const { baseUrl, redisUrl } = inject('e2e');
const PASSWORD = 'e2e-campaign-targets-password';
const USER = 'camp-targets-sup';
const LONG = `ctg-${'x'.repeat(56)}-end`; // 64 characters, the id maximum
const SAVED = `ctg-e2e-${Date.now().toString(36)}`;
let browser: Browser;
let redis: Redis;

function today(now: number): CampaignsResponse {
  const ids = [LONG, ...Array.from({ length: 23 }, (_, i) => `ctg-campaign-${i}`), OTHER_BUCKET];
  return {
    day: '2026-03-10',
    at: now,
    scope: { kind: 'floor' },
    campaigns: ids.map((campaign, i) => ({ ...zeroCounts(), dials: 100 + i, campaign, lists: 1, target: null })),
    lists: [],
    callerIds: [],
    total: zeroCounts(),
  };
}

beforeAll(async () => {
  redis = new Redis(redisUrl);
  await createAccountRepo(redis, 'floorboard:').add(
    { username: USER, password: PASSWORD, role: 'supervisor' },
    Date.now(),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

async function openAdmin(locale: 'en' | 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript((value) => localStorage.setItem('floorboard.locale', value), locale);
  const page = await context.newPage();
  await page.route(
    (url) => url.pathname === '/api/campaigns',
    (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(today(Date.now())) }),
  );
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name=username]').fill(USER);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL('**/floor');
  await page.goto(`${baseUrl}/admin`);
  await page.locator(`[data-test="campaign-targets"] tr[data-campaign="${LONG}"]`).waitFor({ timeout: 10_000 });
  return page;
}

describe.each(['en', 'zh-CN'] as const)('campaign targets editor (%s)', (locale) => {
  it('at 1440×900 every row, field and button is whole and inside the screen; a save sticks', async () => {
    const page = await openAdmin(locale);
    const table = '[data-test="campaign-targets"]';
    expect(await page.locator(`${table} tbody tr[data-campaign]`).count()).toBeGreaterThanOrEqual(24);
    const geometry = await page.evaluate((sel) => {
      const t = document.querySelector(sel)!;
      const section = t.closest('section')!.getBoundingClientRect();
      const problems: string[] = [];
      for (const el of t.querySelectorAll<HTMLElement>('th, td, input, button')) {
        const box = el.getBoundingClientRect();
        const label = `${el.tagName} ${el.textContent?.trim().slice(0, 30) ?? ''}`;
        if (el.scrollWidth > el.clientWidth + 1) problems.push(`cut: ${label}`);
        if (box.left < section.left - 0.5 || box.right > section.right + 0.5) problems.push(`outside: ${label}`);
        if (box.width < 1 || box.height < 1) problems.push(`invisible: ${label}`);
        const cell = el.closest('td, th');
        if (cell && cell !== el) {
          const c = cell.getBoundingClientRect();
          if (box.left < c.left - 0.5 || box.right > c.right + 0.5) problems.push(`out of its cell: ${label}`);
        }
      }
      return {
        problems,
        sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        sectionRight: section.right,
      };
    }, table);
    expect(geometry.problems).toEqual([]);
    expect(geometry.sideways).toBeLessThanOrEqual(0);
    expect(geometry.sectionRight).toBeLessThanOrEqual(1440);

    // A campaign not dialled today: named in the last row, saved to the real server, listed after a reload.
    const id = `${SAVED}-${locale}`;
    const fresh = page.locator(`${table} tr[data-campaign-new]`);
    await fresh.locator('input[type=text]').fill(id);
    await fresh.locator('input[type=number]').nth(1).fill('12');
    await fresh.locator('button').click();
    await page.locator(`${table} tr[data-campaign="${id}"] [role=status]`).waitFor({ timeout: 10_000 });
    await page.reload();
    const row = page.locator(`${table} tr[data-campaign="${id}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('input[type=number]').nth(1).inputValue()).toBe('12');
    await page.context().close();
  });
});
