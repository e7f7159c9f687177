/**
 * The issue #15 thresholds on the admin screen in Chromium: the line and list fields and the
 * per-campaign form are readable at a laptop's and a desk screen's width in both languages (no
 * label cut or overlapping), accessible, and a campaign's thresholds set in the browser are listed.
 */
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { axeViolations } from './support/axe';
import { launchChromium } from './support/browser';

const { baseUrl, redisUrl } = inject('e2e');
const PASSWORD = 'e2e-campaign-thresholds';
let browser: Browser;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(redisUrl);
  await createAccountRepo(redis, 'floorboard:').add(
    { username: 'thresholds-boss', password: PASSWORD, role: 'supervisor' },
    Date.now(),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

async function adminAt(width: number, height: number, locale: 'en' | 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  await context.addInitScript((value) => localStorage.setItem('floorboard.locale', value), locale);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name=username]').fill('thresholds-boss');
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL('**/floor');
  await page.goto(`${baseUrl}/admin`);
  await page.locator('input[name="listDryMinutes"]').waitFor();
  return page;
}

/** Labels and inputs of the new fields: each inside the viewport, not cut, none overlapping another. */
async function fieldBoxes(page: Page) {
  return page.evaluate(() => {
    const names = [
      'missingOutcomeMinutes',
      'contactMaxPerDay',
      'contactRepeatMinutes',
      'callerIdDropPercent',
      'callerIdMinDials',
      'listInvalidPercent',
      'listMinDials',
      'listDryMinutes',
      'campaign',
      'campaign.listInvalidPercent',
      'campaign.listMinDials',
      'campaign.listDryMinutes',
    ];
    return names.map((name) => {
      const input = document.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      const label = input.closest('label')!;
      const span = label.querySelector('span')!;
      const r = label.getBoundingClientRect();
      return {
        name,
        box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
        cut: span.scrollWidth > span.clientWidth + 1 || input.getBoundingClientRect().width < 40,
        inside: r.left >= 0 && r.right <= document.documentElement.clientWidth,
      };
    });
  });
}

describe('issue #15 thresholds on the admin screen', () => {
  it.each([
    [1366, 768, 'en'],
    [1920, 1080, 'zh-CN'],
  ] as const)('at %i×%i (%s) every new field is whole and apart from the others', async (width, height, locale) => {
    const page = await adminAt(width, height, locale);
    const boxes = await fieldBoxes(page);
    for (const b of boxes) {
      expect(b.cut, b.name).toBe(false);
      expect(b.inside, b.name).toBe(true);
    }
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) {
        const apart =
          a.box.right <= b.box.left + 0.5 ||
          b.box.right <= a.box.left + 0.5 ||
          a.box.bottom <= b.box.top + 0.5 ||
          b.box.bottom <= a.box.top + 0.5;
        expect(apart, `${a.name} / ${b.name}`).toBe(true);
      }
    const mine = (await axeViolations(page)).filter((v) =>
      v.targets.some((t) => t.includes('alert-settings') || t.includes('campaign')),
    );
    expect(mine).toEqual([]);
    await page.context().close();
  });

  it("sets a campaign's list thresholds and lists them, and shows the server's reason for a bad id", async () => {
    const page = await adminAt(1600, 1000, 'en');
    await page.locator('input[name="campaign"]').fill('bad id');
    await page.locator('input[name="campaign.listInvalidPercent"]').fill('40');
    await page.getByRole('button', { name: 'Save for this campaign' }).click();
    await expect.poll(() => page.locator('.campaign-thresholds [role="alert"]').textContent()).toContain('campaign');
    await page.locator('input[name="campaign"]').fill('spring-e2e');
    await page.getByRole('button', { name: 'Save for this campaign' }).click();
    const row = page.locator('.campaign-thresholds li', { hasText: 'spring-e2e' });
    await row.waitFor();
    expect(await row.textContent()).toContain('invalid 40%');
    await page.getByRole('button', { name: 'Remove the thresholds of campaign spring-e2e' }).click();
    await row.waitFor({ state: 'detached' });
    await page.context().close();
  });
});
