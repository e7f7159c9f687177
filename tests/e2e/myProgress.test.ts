import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import type { SourceEvent } from '../../shared/events/callEvent';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { launchChromium } from './support/browser';

/** Issue #12: a rep's page on a phone (390 x 844) puts what to do next and the unread note first. */
const { baseUrl, redisUrl, stream } = inject('e2e');
const PASSWORD = 'e2e-progress-password';
const PHONE = { width: 390, height: 844 };
const REP = 'rep-phone';
const CALL_IDS = ['m999zemx7bqg00-1-49', 'm999zemx7bqg00-1-50', 'm999zemx7bqg00-1-51'];
let browser: Browser;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(redisUrl);
  const accounts = createAccountRepo(redis, 'floorboard:');
  const now = Date.now();
  await accounts.add({ username: 'phone-lead', password: PASSWORD, role: 'lead', team: 'team-phone' }, now);
  await accounts.add({ username: 'phone-rep', password: PASSWORD, role: 'rep', rep: REP, team: 'team-phone' }, now);
  const at = now - 60_000;
  const events: SourceEvent[] = [
    { type: 'rep.login', rep: REP, name: 'Sun Li', team: 'team-phone', at },
    ...CALL_IDS.flatMap((call, i): SourceEvent[] => [
      { type: 'call.dial', rep: REP, call, at: at + i * 1000 },
      { type: 'call.answer', rep: REP, call, at: at + i * 1000 + 100 },
      { type: 'call.hangup', rep: REP, call, at: at + i * 1000 + 500 },
    ]),
    // The soonest call-back names who to call (the contract's optional `contact`); the other does not.
    {
      type: 'call.outcome',
      rep: REP,
      call: CALL_IDS[0]!,
      at,
      outcome: 'callback',
      followUpAt: now + 3_600_000,
      contact: 'Wang Fang',
    },
    { type: 'call.outcome', rep: REP, call: CALL_IDS[1]!, at, outcome: 'callback' },
    { type: 'call.outcome', rep: REP, call: CALL_IDS[2]!, at, outcome: 'refused', reason: 'price' },
  ];
  for (const event of events) await redis.xadd(stream, '*', ...toStreamFields(event));

  // The lead leaves a note the rep has not acknowledged yet.
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'phone-lead', password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const note = await fetch(`${baseUrl}/api/coaching-notes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ rep: REP, text: 'Slow down on the price: ask about their volume first' }),
  });
  expect(note.status).toBe(201);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

/** A phone-sized page that records console errors. */
async function phonePage(): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ viewport: PHONE })).newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

const bottomOf = async (page: Page, selector: string) => {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on the page`);
  return box.y + box.height;
};

describe('My progress on a phone (390 x 844)', () => {
  it('signed out, /login asks who is there without an error in the console', async () => {
    const { page, errors } = await phonePage();
    const session = page.waitForResponse((r) => r.url().endsWith('/api/auth/session'));
    await page.goto(`${baseUrl}/login`);
    expect((await session).status()).toBe(200);
    await page.locator('input[name=username]').waitFor();
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows the unread note and the next steps in the first screen, every target within two, and no call id', async () => {
    const { page, errors } = await phonePage();
    await page.goto(`${baseUrl}/login`);
    await page.locator('input[name=username]').fill('phone-rep');
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL('**/me');
    await page.locator('.notes-inbox .note--unseen').waitFor({ timeout: 10_000 });
    await page.locator('.next-steps').waitFor();
    await expect.poll(() => page.locator('.next-steps__callback').innerText()).toContain('Wang Fang');

    expect(await bottomOf(page, '.notes-inbox .note--unseen')).toBeLessThanOrEqual(PHONE.height);
    expect(await bottomOf(page, '.next-steps')).toBeLessThanOrEqual(PHONE.height);
    expect(await page.locator('.pace-gauge').count()).toBe(6);
    expect(await bottomOf(page, '.pace-gauge >> nth=5')).toBeLessThanOrEqual(2 * PHONE.height);
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    const text = await page.locator('body').innerText();
    for (const id of CALL_IDS) expect(text).not.toContain(id);
    expect(await page.locator('.callbacks .callback__contact').allInnerTexts()).toEqual(['Wang Fang', 'Call-back']);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
