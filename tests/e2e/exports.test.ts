import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { axeViolations } from './support/axe';
import { launchChromium } from './support/browser';

/**
 * The Export menu (issue #17) in Chromium against the built server: on the Campaigns page of a
 * supervisor and on a lead's team console, at a desk and a phone width, its panel opens whole
 * inside the window, and the download link fetches a real file with the session cookie.
 */
const { baseUrl, redisUrl, stream } = inject('e2e');
const PASSWORD = 'e2e-exports-password';
const SUPERVISOR = 'exp-sup';
const LEAD = 'exp-lead';
const TEAM = 'exp-team';
let browser: Browser;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(redisUrl);
  const accounts = createAccountRepo(redis, 'floorboard:');
  await accounts.add({ username: SUPERVISOR, password: PASSWORD, role: 'supervisor' }, Date.now());
  await accounts.add({ username: LEAD, password: PASSWORD, role: 'lead', team: TEAM }, Date.now());
  const now = Date.now();
  const add = (event: Parameters<typeof toStreamFields>[0]) => redis.xadd(stream, '*', ...toStreamFields(event));
  await add({ type: 'rep.login', rep: 'exp-1', name: '导出 坐席', team: TEAM, at: now - 600_000 });
  await add({ type: 'call.dial', rep: 'exp-1', call: 'exp-c1', at: now - 500_000, campaign: 'exp-camp' } as never);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

async function signIn(user: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name=username]').fill(user);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  return page;
}

/** Opens the menu and returns its panel's box, the window's width and height. */
async function openMenu(page: Page) {
  await page.locator('.export-menu summary').click();
  await page.locator('.export-menu__download').waitFor();
  return page.evaluate(() => {
    const panel = document.querySelector('.export-menu__panel')!.getBoundingClientRect();
    const link = document.querySelector('.export-menu__download')!.getBoundingClientRect();
    return {
      panel: { left: panel.left, right: panel.right, top: panel.top, bottom: panel.bottom },
      link: { left: link.left, right: link.right, bottom: link.bottom },
      width: innerWidth,
      scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
}

describe('the Export menu', () => {
  it.each([
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ])('on /campaigns at $width px: the panel opens inside the window and downloads a CSV', async (viewport) => {
    const page = await signIn(SUPERVISOR, viewport);
    await page.goto(`${baseUrl}/campaigns`);
    await page.locator('.export-menu').waitFor({ timeout: 10_000 });
    const box = await openMenu(page);
    expect(box.panel.left).toBeGreaterThanOrEqual(0);
    expect(box.panel.right).toBeLessThanOrEqual(box.width);
    expect(box.link.right).toBeLessThanOrEqual(box.panel.right);
    expect(box.scroll).toBeLessThanOrEqual(0);
    await page.locator('input[name="export-format"][value="csv"]').check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.export-menu__download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^floorboard-reps-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const file = await readFile((await download.path())!);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.toString('utf8')).toContain('导出 坐席');
    // The whole page at a desk; at phone width the menu's own findings (the funnel table's
    // scrolling region is the Campaigns page's, not this menu's).
    const found = await axeViolations(page);
    const violations =
      viewport.width >= 1024 ? found : found.filter((v) => v.targets.some((t) => t.includes('export')));
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await page.context().close();
  });

  it("on a lead's console: the team's XLSX, the panel whole at 1280 px", async () => {
    const page = await signIn(LEAD, { width: 1280, height: 800 });
    await page.goto(`${baseUrl}/team/${TEAM}`);
    await page.locator('.export-menu').waitFor({ timeout: 10_000 });
    const box = await openMenu(page);
    expect(box.panel.left).toBeGreaterThanOrEqual(0);
    expect(box.panel.right).toBeLessThanOrEqual(box.width);
    expect(await page.locator('.export-menu__download').getAttribute('href')).toContain(`team=${TEAM}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.export-menu__download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`-${TEAM}\\.xlsx$`));
    const file = await readFile((await download.path())!);
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip: an XLSX, not an error page
    await page.context().close();
  });
});
