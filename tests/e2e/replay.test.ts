import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { axeViolations } from './support/axe';
import { launchChromium } from './support/browser';

/**
 * Floor replay (/replay) in Chromium at 1920×1080 and 1440×900: the banner says REPLAY on the
 * first screen, the grid is whole (no tile cut off sideways), and the scrubber and step buttons
 * work from the keyboard (the wall changes with the moment).
 */
const { baseUrl, redisUrl, stream } = inject('e2e');
const PASSWORD = 'e2e-replay-password';
const TEAM = 'team-replay';
const REPS = 24;
let browser: Browser;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(redisUrl);
  const accounts = createAccountRepo(redis, 'floorboard:');
  await accounts.add({ username: 'replay-lead', password: PASSWORD, role: 'lead', team: TEAM }, Date.now());
  await accounts.add({ username: 'replay-boss', password: PASSWORD, role: 'supervisor' }, Date.now());
  const add = (event: Parameters<typeof toStreamFields>[0]) => redis.xadd(stream, '*', ...toStreamFields(event));
  const loggedIn = Date.now();
  for (let i = 0; i < REPS; i += 1)
    await add({
      type: 'rep.login',
      rep: `rp-${i}`,
      name: `Replayed Representative ${i + 1}`,
      team: TEAM,
      at: loggedIn,
    });
  // The calls come at least two seconds after the logins (whole seconds apart on the banner's clock).
  while (Date.now() - loggedIn <= 2000) await new Promise((resolve) => setTimeout(resolve, 100));
  for (let i = 0; i < REPS; i += 1) {
    const rep = `rp-${i}`;
    const at = Date.now();
    await add({ type: 'call.dial', rep, call: `${rep}-c1`, at });
    await add({ type: 'call.answer', rep, call: `${rep}-c1`, at: at + 1 });
    await add({ type: 'call.hangup', rep, call: `${rep}-c1`, at: at + 2 });
    await add({ type: 'call.outcome', rep, call: `${rep}-c1`, outcome: 'sale', amount: 990, at: at + 3 });
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

async function openReplay(
  username: string,
  viewport: { width: number; height: number },
  locale: 'en' | 'zh-CN',
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript((value) => localStorage.setItem('floorboard.locale', value), locale);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  // The nav link, as a person would.
  await page.locator('.app-bar__reviews summary').click();
  await page.locator('.app-bar a[href="/replay"]').click();
  await page.waitForURL('**/replay');
  await expect.poll(() => page.locator(`.team[data-team="${TEAM}"] .rep-tile`).count(), { timeout: 10_000 }).toBe(REPS);
  return page;
}

/** Dials shown on the team's tiles ("1/120" → 1), summed. */
const teamDials = (page: Page) =>
  page
    .locator(`.team[data-team="${TEAM}"] .rep-tile`)
    .evaluateAll((tiles) =>
      tiles.reduce(
        (sum, tile) => sum + Number(tile.querySelector('.rep-tile__dials')?.textContent?.match(/(\d+)\//)?.[1] ?? 0),
        0,
      ),
    );

async function geometry(page: Page) {
  return page.evaluate(() => {
    const banner = document.querySelector('[data-test=replay-banner]')!.getBoundingClientRect();
    const tiles = [...document.querySelectorAll('.rep-tile')].map((tile) => tile.getBoundingClientRect());
    return {
      banner: { top: banner.top, bottom: banner.bottom, height: banner.height, width: banner.width },
      viewport: { width: innerWidth, height: innerHeight },
      sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      cut: tiles.filter((t) => t.left < 0 || t.right > innerWidth + 0.5 || t.width < 40).length,
      scrubberVisible: (() => {
        const r = document.querySelector('[data-test=replay-scrubber]')!.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight && r.width > 100;
      })(),
    };
  });
}

describe('floor replay in the browser', () => {
  for (const [who, viewport, locale] of [
    ['replay-boss', { width: 1920, height: 1080 }, 'en'],
    ['replay-lead', { width: 1440, height: 900 }, 'zh-CN'],
  ] as const) {
    it(`${who} at ${viewport.width}×${viewport.height} (${locale}): banner, whole grid, keyboard scrubbing`, async () => {
      const page = await openReplay(who, viewport, locale);
      const banner = page.locator('[data-test=replay-banner]');
      if (locale === 'en')
        await expect.poll(() => banner.textContent()).toMatch(/REPLAY — \d\d:\d\d:\d\d, \w{3} \d{1,2} \w{3}/);
      else await expect.poll(() => banner.textContent()).toMatch(/回放 — .+ \d\d:\d\d:\d\d/);
      const shape = await geometry(page);
      expect(shape.banner.top).toBeGreaterThanOrEqual(0);
      expect(shape.banner.bottom).toBeLessThan(viewport.height / 3);
      expect(shape.banner.height).toBeGreaterThan(20);
      expect(shape.sideways).toBe(false);
      expect(shape.cut).toBe(0);
      expect(shape.scrubberVisible).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      // It opens at the day's last entry: every rep's sale is there.
      expect(await teamDials(page)).toBe(REPS);
      const atEnd = await banner.textContent();

      // Home on the scrubber: the day's first entry, before these calls (the wall changes with it).
      const scrubber = page.locator('[data-test=replay-scrubber]');
      await scrubber.focus();
      await page.keyboard.press('Home');
      await expect.poll(() => teamDials(page)).toBe(0);
      expect(await banner.textContent()).not.toBe(atEnd);
      // End: back to the last entry.
      await page.keyboard.press('End');
      await expect.poll(() => teamDials(page)).toBe(REPS);
      await expect.poll(() => banner.textContent()).toBe(atEnd);
      // Arrow keys move a minute: back is before these calls, on is the end again.
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => teamDials(page)).toBe(0);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => teamDials(page)).toBe(REPS);
      // The step buttons from the keyboard: a minute back is before these calls, a minute on is the end again.
      await page.locator('[data-test="replay-step-1"]').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => teamDials(page)).toBe(0);
      await page.keyboard.press('Tab'); // play
      await page.keyboard.press('Tab'); // +1 min
      await page.keyboard.press('Space');
      await expect.poll(() => teamDials(page)).toBe(REPS);
      // The timers stand at the replayed moment (no live clock on this page).
      const timer = page.locator(`.team[data-team="${TEAM}"] .rep-tile .live-timer`).first();
      const shown = await timer.textContent();
      expect(shown).toMatch(/^\d+:\d\d$/);
      await page.context().close();
    });
  }
});
