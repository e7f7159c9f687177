import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { launchChromium } from './support/browser';

const { baseUrl, redisUrl, stream } = inject('e2e');
const PASSWORD = 'e2e-coaching-password';
let browser: Browser;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(redisUrl);
  const accounts = createAccountRepo(redis, 'floorboard:');
  await accounts.add({ username: 'coach-lead', password: PASSWORD, role: 'lead', team: 'team-e2e' }, Date.now());
  await accounts.add(
    { username: 'coached-rep', password: PASSWORD, role: 'rep', rep: 'rep-e2e', team: 'team-e2e' },
    Date.now(),
  );
  const at = Date.now();
  await redis.xadd(
    stream,
    '*',
    ...toStreamFields({ type: 'rep.login', rep: 'rep-e2e', name: 'Zhou Jie', team: 'team-e2e', at }),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

async function signIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  return page;
}

describe('coaching in Chromium: lead to rep and back', () => {
  it('delivers a note within a second, shows markup as text, and returns the acknowledgement live', async () => {
    const lead = await signIn('coach-lead');
    await lead.waitForURL('**/team/team-e2e');
    const rep = await signIn('coached-rep');
    await rep.waitForURL('**/me');
    const dialogs: string[] = [];
    rep.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await rep.locator('#notes-inbox-title').waitFor();

    await lead.getByRole('button', { name: /coach zhou jie/i }).click();
    const text = '<img src=x onerror=alert(1)> Try the price-anchor opening';
    await lead.locator('textarea').fill(text);
    const sentAt = Date.now();
    await lead.getByRole('button', { name: /^send/i }).click();

    const toast = rep.locator('.note-toast__text');
    await toast.waitFor({ timeout: 5000 });
    console.log(`coaching note reached the rep's page ${Date.now() - sentAt} ms after Send was clicked`);
    expect(await toast.innerText()).toBe(text);
    const inboxNote = rep.locator('.notes-inbox .note__text').first();
    expect(await inboxNote.innerText()).toBe(text);
    expect(await rep.locator('.notes-inbox img, .note-toasts img').count()).toBe(0);

    await expect.poll(() => lead.locator('.team-notes .note__ack').first().innerText()).toMatch(/not yet seen/i);
    await rep
      .getByRole('button', { name: /^acknowledge/i })
      .first()
      .click();
    await expect
      .poll(() => lead.locator('.team-notes .note__ack').first().innerText(), { timeout: 5000 })
      .toMatch(/^✓?\s*seen/i);
    expect(dialogs).toEqual([]);
    await lead.context().close();
    await rep.context().close();
  });
});
