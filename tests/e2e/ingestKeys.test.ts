import { Redis } from 'ioredis';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { launchChromium } from './support/browser';

const { baseUrl } = inject('e2e');
const PASSWORD = 'e2e-ingest-password';
let browser: Browser;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(inject('e2e').redisUrl);
  await createAccountRepo(redis, 'floorboard:').add(
    { username: 'keys-boss', password: PASSWORD, role: 'supervisor' },
    Date.now(),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

const postOutcome = (secret: string, call: string) =>
  fetch(`${baseUrl}/api/ingest/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ type: 'call.outcome', rep: 'rep-e2e-keys', call, outcome: 'lead' }]),
  });

describe('API keys on the admin screen, in Chromium', () => {
  it('creates a key shown once that a source can use, within the screen, and revokes it', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${baseUrl}/login`);
    await page.locator('input[name=username]').fill('keys-boss');
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL('**/floor');
    await page.goto(`${baseUrl}/admin`);
    await page.locator('input[name=ingest-key-name]').fill('crm-e2e');
    await page.locator('[data-test=add-ingest-key] button[type=submit]').click();
    const secretField = page.locator('[data-test=ingest-secret]');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^fbk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);

    // The whole key is visible in its field, and the panel fits the screen's width.
    const geometry = await page.evaluate(() => {
      const field = document.querySelector<HTMLInputElement>('[data-test=ingest-secret]')!;
      const panel = document.querySelector('[data-test=new-ingest-key]')!.getBoundingClientRect();
      return {
        fieldFits: field.scrollWidth <= field.clientWidth,
        panelRight: panel.right,
        pageWidth: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      };
    });
    expect(geometry.fieldFits).toBe(true);
    expect(geometry.panelRight).toBeLessThanOrEqual(geometry.viewport);
    expect(geometry.pageWidth).toBeLessThanOrEqual(geometry.viewport);

    expect((await postOutcome(secret, 'e2e-key-1')).status).toBe(200);
    await page.locator('[data-test=secret-done]').click();
    expect(await page.content()).not.toContain(secret);

    const row = page.locator('[data-ingest-key]', { hasText: 'crm-e2e' });
    await row.locator('button').click();
    await row.locator('[data-test=confirm-yes]').click();
    await row.locator('[data-test=status]', { hasText: /^Revoked/ }).waitFor();
    expect((await postOutcome(secret, 'e2e-key-2')).status).toBe(401);
  });
});
