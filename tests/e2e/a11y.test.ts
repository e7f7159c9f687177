import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SourceEvent } from '../../shared/events/callEvent';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { axeViolations } from './support/axe';
import { launchChromium } from './support/browser';

/**
 * axe-core on every screen a person uses, in both languages: zero violations (WCAG A/AA and
 * best practices, landmarks and regions included). Team and reps are this file's own (a11y-…).
 */
const { baseUrl, token, redisUrl, stream } = inject('e2e');
const PASSWORD = 'e2e-a11y-password';
const TEAM = 'team-a11y';
let browser: Browser;
let redis: Redis;

async function apiAs(username: string, path: string, method: string, body: unknown): Promise<number> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const { token: bearer } = (await login.json()) as { token: string };
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify(body),
  });
  return res.status;
}

beforeAll(async () => {
  redis = new Redis(redisUrl);
  const accounts = createAccountRepo(redis, 'floorboard:');
  const now = Date.now();
  await accounts.add({ username: 'a11y-lead', password: PASSWORD, role: 'lead', team: TEAM }, now);
  await accounts.add({ username: 'a11y-sup', password: PASSWORD, role: 'supervisor' }, now);
  await accounts.add({ username: 'a11y-rep', password: PASSWORD, role: 'rep', rep: 'a11y-1', team: TEAM }, now);
  // A one-minute break allowance, so the break below is an alert: alert tiles and rows are checked too.
  expect(
    await apiAs('a11y-lead', '/api/alert-settings', 'PUT', {
      scope: 'team',
      team: TEAM,
      thresholds: { pauseMinutes: { break: 1, lunch: 60, meeting: 60, training: 90, other: 10 } },
    }),
  ).toBe(200);
  const events: SourceEvent[] = [];
  for (let i = 1; i <= 6; i += 1) {
    const rep = `a11y-${i}`;
    events.push({ type: 'rep.login', rep, name: `Access Rep ${i}`, team: TEAM, at: now - 5 * 60_000 });
    const call = `${rep}-c1`;
    events.push({ type: 'call.dial', rep, call, at: now - 4 * 60_000 });
    events.push({ type: 'call.answer', rep, call, at: now - 4 * 60_000 + 3000 });
    events.push({ type: 'call.hangup', rep, call, at: now - 3 * 60_000 });
    events.push({
      type: 'call.outcome',
      rep,
      call,
      outcome: i % 2 ? 'sale' : 'callback',
      amount: 990,
      at: now - 3 * 60_000 + 1000,
      ...(i % 2 ? {} : { followUpAt: now + 3_600_000, contact: 'Li Na' }),
    });
    if (i === 2) events.push({ type: 'rep.pause', rep, reason: 'break', at: now - 90_000 });
    if (i === 3) events.push({ type: 'rep.pause', rep, reason: 'training', at: now - 60_000 });
  }
  const pipeline = redis.pipeline();
  for (const event of events) pipeline.xadd(stream, '*', ...toStreamFields(event));
  await pipeline.exec();
  expect(
    await apiAs('a11y-lead', '/api/coaching-notes', 'POST', { rep: 'a11y-1', text: 'Ask about their volume first' }),
  ).toBe(201);
  // A note about a metric: the console's closed-loop coaching list has an entry (not enough calls yet).
  expect(
    await apiAs('a11y-lead', '/api/coaching-notes', 'POST', { rep: 'a11y-2', text: 'Warmer', metric: 'conversion' }),
  ).toBe(201);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

type Locale = 'en' | 'zh-CN';

async function newPage(locale: Locale, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript((value) => localStorage.setItem('floorboard.locale', value), locale);
  return context.newPage();
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
}

async function expectNoViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
}

describe.each(['en', 'zh-CN'] as const)('axe-core in %s', (locale) => {
  it('finds nothing on /login', async () => {
    const page = await newPage(locale, { width: 1440, height: 900 });
    await page.goto(`${baseUrl}/login`);
    await page.locator('input[name=username]').waitFor();
    await expectNoViolations(page);
    await page.context().close();
  });

  it('finds nothing on the floor wallboard and on the TV (floor and alerts panels)', async () => {
    const page = await newPage(locale, { width: 1920, height: 1080 });
    await page.goto(`${baseUrl}/wallboard/${token}`);
    await page.waitForURL('**/floor');
    await page.locator('[data-rep="a11y-2"].rep-tile--alert').waitFor({ timeout: 15_000 });
    await expectNoViolations(page);

    await page.goto(`${baseUrl}/tv?pin=floor`);
    await page.locator('.tv-floor [data-rep]').first().waitFor({ timeout: 15_000 });
    await expectNoViolations(page);
    await page.keyboard.press('4');
    await page.locator('.tv-alerts .alert-item').first().waitFor();
    await expectNoViolations(page);
    await page.context().close();
  });

  it('finds nothing on the floor as a supervisor sees it (bar, leaderboards)', async () => {
    const page = await newPage(locale, { width: 1440, height: 900 });
    await signIn(page, 'a11y-sup');
    await page.waitForURL('**/floor');
    await page.locator('[data-rep="a11y-2"].rep-tile--alert').waitFor({ timeout: 15_000 });
    await page.locator('.wallboard__boards table').first().waitFor();
    await expectNoViolations(page);
    await page.context().close();
  });

  it('finds nothing on the team console, with the coach form open', async () => {
    const page = await newPage(locale, { width: 1440, height: 900 });
    await signIn(page, 'a11y-lead');
    await page.waitForURL(`**/team/${TEAM}`);
    await expect.poll(() => page.locator('.rep-table tbody tr[data-rep]').count(), { timeout: 10_000 }).toBe(6);
    await page.locator('.alert-item').first().waitFor();
    await page.locator('.coaching-effect').first().waitFor();
    await expectNoViolations(page);
    await page.locator('.rep-table__coach').first().click();
    await page.locator('form.coach-form textarea').waitFor();
    await expectNoViolations(page);
    await page.context().close();
  });

  it('finds nothing on My progress on a phone', async () => {
    const page = await newPage(locale, { width: 390, height: 844 });
    await signIn(page, 'a11y-rep');
    await page.waitForURL('**/me');
    await page.locator('.notes-inbox .note--unseen').waitFor({ timeout: 10_000 });
    await page.locator('.next-steps').waitFor();
    await expectNoViolations(page);
    await page.context().close();
  });
});
