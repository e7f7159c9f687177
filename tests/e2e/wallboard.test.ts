import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { entryFields } from '../../server/dev/simulator/events';
import { createFloorModel } from '../../server/dev/simulator/model';
import { launchChromium } from './support/browser';

const { baseUrl, token, redisUrl, stream, dayStart } = inject('e2e');
let browser: Browser;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(redisUrl);
  browser = await launchChromium();
  // The demo's floor: 60 reps in 4 teams, twenty simulated minutes into their shift.
  const now = Date.now();
  const startAt = Math.max(now - 20 * 60_000, dayStart + 1000);
  const model = createFloorModel({ reps: 60, teams: 4, seed: 11, startAt, shiftStartAt: startAt });
  const pipeline = redis.pipeline();
  for (const entry of model.nextEvents(now - 1000)) pipeline.xadd(stream, '*', ...entryFields(entry));
  await pipeline.exec();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

async function openWallboard(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${baseUrl}/wallboard/${token}`);
  await page.waitForSelector('[data-rep]', { timeout: 15_000 });
  return page;
}

describe('the floor wallboard in Chromium', () => {
  it('renders the demo floor: every rep a tile, grouped by team, live', async () => {
    const page = await openWallboard();
    expect(new URL(page.url()).pathname).toBe('/floor'); // the token left the address bar
    // Other browser tests share this server and add their own reps: look for the demo's 60.
    const demoReps = Array.from({ length: 60 }, (_, i) => `rep-${String(i + 1).padStart(3, '0')}`);
    await page.waitForFunction((ids) => ids.every((id) => document.querySelector(`[data-rep="${id}"]`)), demoReps, {
      timeout: 10_000,
    });
    for (const team of ['team-a', 'team-b', 'team-c', 'team-d']) {
      const tiles = page.locator(`section[data-team="${team}"] [data-rep]`);
      expect(await tiles.count()).toBe(15);
    }
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/live/i);
    await page.close();
  });

  it('changes a tile within a second of an XADD to the stream, and logs the delay', async () => {
    const page = await openWallboard();
    const tile = page.locator('[data-rep="rep-001"]');
    const delays: number[] = [];
    for (const [i, reason] of (['lunch', 'training', 'meeting'] as const).entries()) {
      // The page records when the tile changes; both clocks are this machine's.
      await page.evaluate((expected) => {
        const el = document.querySelector('[data-rep="rep-001"]')!;
        const w = window as unknown as { changedAt?: number };
        delete w.changedAt;
        const observer = new MutationObserver(() => {
          if (el.textContent?.toLowerCase().includes(expected) && el.className.includes('paused')) {
            w.changedAt = performance.timeOrigin + performance.now();
            observer.disconnect();
          }
        });
        observer.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
      }, reason);
      const sentAt = Date.now();
      await redis.xadd(stream, '*', ...toStreamFields({ type: 'rep.pause', rep: 'rep-001', at: sentAt + i, reason }));
      const changedAt = await page.waitForFunction(
        () => (window as unknown as { changedAt?: number }).changedAt,
        null,
        {
          timeout: 5000,
        },
      );
      delays.push(((await changedAt.jsonValue()) as number) - sentAt);
    }
    await expect.poll(() => tile.innerText()).toMatch(/meeting/i);
    expect(await tile.getAttribute('class')).toContain('paused');
    console.log(`XADD -> tile delay (ms): ${delays.map((d) => d.toFixed(0)).join(', ')}`);
    await page.close();
  });

  it('shows a sign-in message instead of the floor without a wallboard link', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(baseUrl);
    await expect.poll(() => page.locator('body').innerText(), { timeout: 10_000 }).toMatch(/not signed in/i);
    expect(await page.locator('[data-rep]').count()).toBe(0);
    await context.close();
  });
});
