import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { launchChromium } from './support/browser';

const { baseUrl, redisUrl, stream } = inject('e2e');
const PASSWORD = 'e2e-words-password';
let browser: Browser;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(redisUrl);
  await createAccountRepo(redis, 'floorboard:').add(
    { username: 'words-boss', password: PASSWORD, role: 'supervisor' },
    Date.now(),
  );
  const now = Date.now();
  const add = (event: Parameters<typeof toStreamFields>[0]) => redis.xadd(stream, '*', ...toStreamFields(event));
  await add({ type: 'rep.login', rep: 'rep-words', name: 'Zhou Min', team: 'team-words', at: now - 60_000 });
  await add({ type: 'call.dial', rep: 'rep-words', call: 'w-c1', at: now - 50_000 });
  await add({ type: 'call.answer', rep: 'rep-words', call: 'w-c1', at: now - 45_000 });
  await add({ type: 'call.hangup', rep: 'rep-words', call: 'w-c1', at: now - 15_000 });
  await add({ type: 'call.outcome', rep: 'rep-words', call: 'w-c1', outcome: 'sale', amount: 1299, at: now - 14_000 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

async function signIn(locale: 'en' | 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.addInitScript((value) => localStorage.setItem('floorboard.locale', value), locale);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name=username]').fill('words-boss');
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL('**/floor');
  return page;
}

describe('names and words in Chromium', () => {
  it('a supervisor names a team on the admin screen; the wall shows the name, revenue in the floor’s currency', async () => {
    const admin = await signIn('en');
    await admin.goto(`${baseUrl}/admin`);
    await admin.locator('input[name="team-id"]').fill('team-words');
    await admin.locator('input[name="team-name"]').fill('Phoenix 凤凰队');
    await admin.getByRole('button', { name: 'Save name' }).click();
    await admin.locator('.team-names [role="status"]').waitFor();

    for (const [locale, sign] of [
      ['en', 'CN¥'],
      ['zh-CN', '¥'],
    ] as const) {
      const page = locale === 'en' ? admin : await signIn(locale);
      await page.goto(`${baseUrl}/floor`);
      const team = page.locator('section.team[data-team="team-words"]');
      await expect.poll(() => team.locator('h2').textContent(), { timeout: 15_000 }).toBe('Phoenix 凤凰队');
      const revenue = team.locator('[data-metric="revenue"] dd');
      await expect.poll(() => revenue.textContent(), { timeout: 15_000 }).toContain(`${sign}1,299`);
      const header = page.locator('.floor-metrics [data-metric="revenue"] .metric__value');
      expect(await header.textContent()).toMatch(new RegExp(`${sign.replace('$', '\\$')}[\\d,]+`));
      // Pace in words beside an arrow, never the old "Behind 98%" / 落后 98%.
      const pace = (await page.locator('.floor-metrics .pace').allTextContents()).join(' ');
      expect(pace).not.toMatch(/Behind|^落后/);
      await page.context().close();
    }
  });
});
