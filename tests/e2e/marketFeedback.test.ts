/**
 * The market-feedback page in Chromium at 1440×900 in 简体中文: reasons and tags in their Chinese
 * labels, every label, count and remark whole (nothing clipped, no sideways scroll).
 */
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { axeViolations } from './support/axe';
import { launchChromium } from './support/browser';
import { wordsBrokenInside } from './support/words';

const { baseUrl, redisUrl, stream } = inject('e2e');
const PASSWORD = 'e2e-feedback-password';
const TEAM = 'team-fb';
let browser: Browser;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(redisUrl);
  await createAccountRepo(redis, 'floorboard:').add(
    { username: 'fb-boss', password: PASSWORD, role: 'supervisor' },
    Date.now(),
  );
  const now = Date.now();
  const add = (...fields: string[]) => redis.xadd(stream, '*', ...fields);
  await add('type', 'rep.login', 'rep', 'rep-fb', 'name', 'Wang Fang', 'team', TEAM, 'ts', String(now - 120_000));
  const outcomes: [string, string, string][] = [
    ['do_not_call', 'competitor_cheaper,product_request', '客户说已经和竞品签约，电话 138 1234 5678 勿再联系'],
    ['not_decision_maker', 'contract_terms', 'Asked us to send the offer to the purchasing manager next week'],
    ['has_provider', 'service_complaint,price_high', '对现有供应商的售后服务不满意，但合同到明年三月'],
    ['no_need', '', ''],
  ];
  for (const [i, [reason, tags, remark]] of outcomes.entries()) {
    const fields = [
      'type',
      'call.outcome',
      'rep',
      'rep-fb',
      'call',
      `fb-c${i}`,
      'outcome',
      'refused',
      'reason',
      reason,
    ];
    if (tags) fields.push('tags', tags);
    if (remark) fields.push('remark', remark);
    fields.push('campaign', 'spring-renewal-2026', 'list', 'shanghai-smb-q4', 'ts', String(now - 60_000 + i * 1000));
    await add(...fields);
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

async function signIn(locale: 'en' | 'zh-CN' = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript((l) => localStorage.setItem('floorboard.locale', l), locale);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name=username]').fill('fb-boss');
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL('**/floor');
  return page;
}

describe('market feedback in Chromium', () => {
  it('shows reasons and tags in Chinese at 1440×900, nothing clipped, no sideways scroll', async () => {
    const page = await signIn();
    await page.goto(`${baseUrl}/feedback?team=${TEAM}`);
    const label = (code: string) => page.locator(`tr[data-code="${code}"] .feedback-code-label`);
    await expect.poll(() => label('do_not_call').textContent(), { timeout: 15_000 }).toBe('拒绝来电（勿扰）');
    expect(await label('not_decision_maker').textContent()).toBe('非决策人');
    expect(await label('has_provider').textContent()).toBe('已有供应商');
    expect(await label('competitor_cheaper').textContent()).toBe('竞品更便宜');
    expect(await label('service_complaint').textContent()).toBe('服务投诉');
    expect(await page.locator('h1').textContent()).toContain('市场反馈');

    const geometry = await page.evaluate(() => {
      const boxes = [
        ...document.querySelectorAll(
          '.feedback-code-label, .feedback-table th, .feedback-table td, .feedback-remark, .feedback-samples dt, .feedback-days li',
        ),
      ].map((el) => {
        const r = el.getBoundingClientRect();
        return {
          text: (el.textContent ?? '').trim().slice(0, 30),
          clipped: el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible',
          overflowsRow: el.scrollWidth > Math.ceil(r.width) + 1,
          right: r.right,
          left: r.left,
        };
      });
      // Each table fits its column of the page's grid (two tables side by side must not overlap).
      const spills = [
        ...document.querySelectorAll<HTMLElement>('.feedback-view__codes > *, .feedback-view__slices > *'),
      ]
        .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
        .map((cell) => `${cell.className}: ${cell.scrollWidth} > ${cell.clientWidth}`);
      return { pageWidth: document.documentElement.scrollWidth, boxes, spills };
    });
    expect(geometry.spills).toEqual([]);
    expect(geometry.boxes.length).toBeGreaterThan(40);
    expect(geometry.pageWidth).toBeLessThanOrEqual(1440);
    const bad = geometry.boxes.filter((b) => b.clipped || b.overflowsRow || b.right > 1440 || b.left < 0);
    expect(bad).toEqual([]);
    // The remark's phone number is masked; the remark is shown beside its code.
    const remarks = await page.locator('.feedback-remark').allTextContents();
    expect(remarks.join(' ')).toContain('138****5678');
    expect(remarks.join(' ')).not.toContain('1234 5678');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('keeps each table inside its column in English at 1440×900 (the longer headers)', async () => {
    const page = await signIn('en');
    await page.goto(`${baseUrl}/feedback?team=${TEAM}`);
    await page.locator('tr[data-code="do_not_call"]').first().waitFor({ timeout: 15_000 });
    const spills = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.feedback-view__codes > *, .feedback-view__slices > *')]
        .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
        .map((cell) => `${cell.className}: ${cell.scrollWidth} > ${cell.clientWidth}`),
    );
    expect(spills).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    // Cells wrap between words (the table style the daily review shares).
    expect(await wordsBrokenInside(page, '.feedback-table th, .feedback-table td')).toEqual([]);
    // The filters wear the shared picker style (client/styles/controls.css).
    const radii = await page
      .locator('.feedback-view__filters select')
      .evaluateAll((els) =>
        els.map((el) => `${getComputedStyle(el).borderTopWidth} ${getComputedStyle(el).borderRadius}`),
      );
    expect(radii.length).toBeGreaterThan(1);
    expect([...new Set(radii)]).toEqual(['1px 4px']);
    await page.context().close();
  });
});
