import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { launchChromium } from './support/browser';

const { baseUrl } = inject('e2e');
const PASSWORD = 'e2e-chat-apps-password';
const TOKEN = 'e2eRobotKey0123456789';
const SECRET = 'SECe2eSigningSecret';
let browser: Browser;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(inject('e2e').redisUrl);
  await createAccountRepo(redis, 'floorboard:').add(
    { username: 'chat-boss', password: PASSWORD, role: 'supervisor' },
    Date.now(),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

async function signedIn(width: number): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name=username]').fill('chat-boss');
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL('**/floor');
  await page.goto(`${baseUrl}/admin`);
  await page.locator('input[name=chat-url]').waitFor();
  return page;
}

const fits = (page: Page) =>
  page.evaluate(() => {
    const section = document.querySelector('[data-test=chat-apps]')!.getBoundingClientRect();
    const url = document.querySelector('input[name=chat-url]')!.getBoundingClientRect();
    return {
      sectionRight: section.right,
      urlWidth: url.width,
      pageWidth: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    };
  });

describe('Admin → Chat apps, in Chromium', () => {
  it('adds a signed DingTalk target whose address and secret never come back, and shows a failed delivery in words', async () => {
    const page = await signedIn(1280);
    await page.locator('input[name=chat-name]').fill('E2E group');
    await page.locator('select[name=chat-vendor]').selectOption('dingtalk');
    // Nothing listens on port 1: the delivery fails at once and is reported.
    await page.locator('input[name=chat-url]').fill(`https://127.0.0.1:1/robot/send?access_token=${TOKEN}`);
    await page.locator('input[name=chat-secret]').fill(SECRET);
    await page.locator('[data-test=add-chat-target] button[type=submit]').click();
    const row = page.locator('[data-chat-target]', { hasText: 'E2E group' });
    await row.waitFor();
    expect(await row.locator('[data-test=secret]').textContent()).toBe('set');
    expect(await page.locator('input[name=chat-url]').inputValue()).toBe('');
    expect(await page.content()).not.toContain(TOKEN);
    expect(await page.content()).not.toContain(SECRET);

    await row.getByRole('button', { name: 'Send test' }).click();
    await page.locator('[data-test=chat-message]', { hasText: 'Queued: Floorboard' }).waitFor();
    // Reload until the outbox's try is recorded (the section also polls every 10 s).
    let health = '';
    for (let i = 0; i < 20 && !health.includes('Last failure'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await page.reload();
      await page.locator('[data-chat-target]').first().waitFor();
      health =
        (await page
          .locator('[data-chat-target]', { hasText: 'E2E group' })
          .locator('[data-test=health]')
          .textContent()) ?? '';
    }
    expect(health).toMatch(/^⚠ Last failure .*could not connect/);
    const delivery = (await page.locator('[data-test=chat-deliveries] [data-test=state]').first().textContent()) ?? '';
    expect(delivery).toMatch(/Waiting to retry.*next try/s);
    expect(await page.content()).not.toContain(TOKEN);

    const geometry = await fits(page);
    expect(geometry.sectionRight).toBeLessThanOrEqual(geometry.viewport);
    expect(geometry.pageWidth).toBeLessThanOrEqual(geometry.viewport);
    expect(geometry.urlWidth).toBeGreaterThanOrEqual(300); // a webhook address is long
    await page.context().close();
  });

  it('fits a narrow screen: nothing of the section reaches past the viewport', async () => {
    const page = await signedIn(760);
    await page.locator('[data-chat-target]').first().waitFor(); // the target added above
    const outside = await page.evaluate(() =>
      [...document.querySelectorAll('[data-test=chat-apps] *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((e) => `${e.tagName} ${e.getAttribute('name') ?? e.getAttribute('data-test') ?? ''}`),
    );
    expect(outside).toEqual([]);
    await page.context().close();
  });
});
