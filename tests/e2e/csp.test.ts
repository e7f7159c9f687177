import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { entryFields } from '../../server/dev/simulator/events';
import { createFloorModel } from '../../server/dev/simulator/model';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { launchChromium } from './support/browser';

const { baseUrl, token, redisUrl, stream, dayStart } = inject('e2e');
const PASSWORD = 'e2e-csp-password';
let browser: Browser;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(redisUrl);
  await createAccountRepo(redis, 'floorboard:').add(
    { username: 'csp-boss', password: PASSWORD, role: 'supervisor' },
    Date.now(),
  );
  const now = Date.now();
  const startAt = Math.max(now - 40 * 60_000, dayStart + 1000);
  const model = createFloorModel({ reps: 20, teams: 2, seed: 5, startAt, shiftStartAt: startAt });
  const pipeline = redis.pipeline();
  for (const entry of model.nextEvents(now - 1000)) pipeline.xadd(stream, '*', ...entryFields(entry));
  await pipeline.exec();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

/** A page that records every Content-Security-Policy violation and console error. */
async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  const problems: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => problems.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation(t: string): void }).reportViolation(
        `CSP ${e.violatedDirective}: ${e.blockedURI} ${e.sample} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      ),
    );
  });
  page.on('console', (message) => {
    // A 401 is the app asking for a session before sign-in, not a problem of the policy.
    if (message.type() === 'error' && !/status of 401/.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  return { page, problems };
}

describe('the content security policy in Chromium', () => {
  it('blocks nothing the app does: wallboard, floor, trends with a chart tooltip, admin', async () => {
    const wall = await watchedPage();
    await wall.page.goto(`${baseUrl}/wallboard/${token}`);
    await wall.page.waitForSelector('[data-rep]', { timeout: 15_000 });
    await wall.page.goto(`${baseUrl}/tv?seconds=5`);
    await wall.page.waitForSelector('.tv-rotator', { timeout: 15_000 });

    const boss = await watchedPage();
    await boss.page.goto(`${baseUrl}/login`);
    await boss.page.locator('input[name=username]').fill('csp-boss');
    await boss.page.locator('input[name=password]').fill(PASSWORD);
    await boss.page.locator('button[type=submit]').click();
    await boss.page.waitForURL('**/floor');
    await boss.page.waitForSelector('[data-rep]', { timeout: 15_000 });
    await boss.page.goto(`${baseUrl}/trends`);
    const chart = boss.page.locator('.trends__canvas').first();
    await chart.waitFor({ timeout: 15_000 });
    const box = (await chart.boundingBox())!;
    // An axis tooltip: ECharts writes its markup with style attributes.
    await boss.page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await boss.page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLElement>('.trends__canvas div')].some(
          (d) => d.style.zIndex === '9999999' && d.style.display !== 'none' && d.querySelector('[style]') !== null,
        ),
      undefined,
      { timeout: 5000 },
    );
    await boss.page.goto(`${baseUrl}/admin`);
    await boss.page.waitForLoadState('networkidle');

    expect([...wall.problems, ...boss.problems]).toEqual([]);
  });
});
