import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { launchChromium } from './support/browser';

const { baseUrl, token, redisUrl, stream } = inject('e2e');
const PASSWORD = 'e2e-manage-password';
let browser: Browser;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(redisUrl);
  await createAccountRepo(redis, 'floorboard:').add(
    { username: 'tv-lead', password: PASSWORD, role: 'lead', team: 'team-tv' },
    Date.now(),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

async function signIn(username: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  return page;
}

describe('managing by exception in Chromium', () => {
  it('rotates the TV panels by itself', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await page.goto(`${baseUrl}/wallboard/${token}`);
    await page.waitForURL('**/floor');
    await page.goto(`${baseUrl}/tv?seconds=5`);
    const rotator = page.locator('.tv-rotator');
    const first = await rotator.getAttribute('data-panel', { timeout: 15_000 });
    await expect.poll(() => rotator.getAttribute('data-panel'), { timeout: 12_000, interval: 250 }).not.toBe(first);
    const second = await rotator.getAttribute('data-panel');
    await expect.poll(() => rotator.getAttribute('data-panel'), { timeout: 12_000, interval: 250 }).not.toBe(second);
    await page.context().close();
  });

  it('highlights a rep whose wrap-up drags on and lets the lead acknowledge it from the console', async () => {
    const lead = await signIn('tv-lead');
    await lead.waitForURL('**/team/team-tv');
    // The team's own threshold: 10 s of wrap-up is too long (the floor's default is 3 minutes).
    const status = await lead.evaluate(async () => {
      const res = await fetch('/api/alert-settings', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scope: 'team', team: 'team-tv', thresholds: { longWrapupSeconds: 10 } }),
      });
      return res.status;
    });
    expect(status).toBe(200);
    const now = Date.now();
    const add = (event: Parameters<typeof toStreamFields>[0]) => redis.xadd(stream, '*', ...toStreamFields(event));
    await add({ type: 'rep.login', rep: 'rep-tv', name: 'Wu Lan', team: 'team-tv', at: now - 60_000 });
    await add({ type: 'call.dial', rep: 'rep-tv', call: 'tv-c1', at: now - 50_000 });
    await add({ type: 'call.answer', rep: 'rep-tv', call: 'tv-c1', at: now - 45_000 });
    await add({ type: 'call.hangup', rep: 'rep-tv', call: 'tv-c1', at: now - 15_000 });

    // Wu Lan may also be behind pace (one dial late in the day): pick the wrap-up alert.
    const alert = lead
      .locator('.alert-item', { hasText: 'Wu Lan' })
      .filter({ hasText: /wrap-up/i })
      .first();
    await alert.waitFor({ timeout: 10_000 });
    // The rep's row in the console table is highlighted (outline, icon and words, not colour alone).
    const row = lead.locator('.rep-table__row--alert', { hasText: 'Wu Lan' });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/warning|critical/i);
    await alert.getByRole('button', { name: /acknowledge/i }).click();
    await expect.poll(() => alert.innerText(), { timeout: 5000 }).toMatch(/acknowledged by tv-lead/i);
    await lead.context().close();
  });
});
