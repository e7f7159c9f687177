import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SourceEvent } from '../../shared/events/callEvent';
import { axeViolations } from './support/axe';
import { seededFloor } from './support/seededFloor';
import { wordsBrokenInside } from './support/words';

/**
 * Issue #17: the daily review in Chromium, a lead's desk (1440×900) and a rep's phone (390×844):
 * nothing clipped or overlapping, no sideways scroll, no axe-core violations, and on paper (print media) no nav bar and no
 * buttons, black on white.
 */
const PASSWORD = 'e2e-review-password';
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const TEAM = 'team-review';
const { signedIn } = seededFloor({
  password: PASSWORD,
  accounts: [
    { username: 'rv-lead', role: 'lead', team: TEAM },
    { username: 'rv-rep', role: 'rep', rep: 'rv-1', team: TEAM },
  ],
  events: (now) => {
    const at = now - 40 * 60_000;
    const events: SourceEvent[] = [
      { type: 'rep.login', rep: 'rv-1', name: 'Ouyang Xiaoming-Longname', team: TEAM, at },
      { type: 'rep.login', rep: 'rv-2', name: 'Li Na', team: TEAM, at },
    ];
    const outcomes = ['sale', 'refused', 'no_answer', 'lead', 'refused', 'callback'] as const;
    for (let i = 0; i < 24; i++) {
      const rep = i % 2 === 0 ? 'rv-1' : 'rv-2';
      const call = `rv-call-${i}`;
      const dialAt = at + i * 60_000;
      const outcome = outcomes[i % outcomes.length]!;
      events.push({ type: 'call.dial', rep, call, at: dialAt });
      if (outcome !== 'no_answer') events.push({ type: 'call.answer', rep, call, at: dialAt + 2000 });
      events.push({ type: 'call.hangup', rep, call, at: dialAt + 50_000 });
      events.push({
        type: 'call.outcome',
        rep,
        call,
        outcome,
        at: dialAt + 51_000,
        ...(outcome === 'sale' ? { amount: 1_234_567.89 } : {}),
        ...(outcome === 'refused' ? { reason: i % 4 === 1 ? 'price' : 'a-very-long-refusal-reason-nobody-knows' } : {}),
        ...(outcome === 'callback' ? { followUpAt: now + 3_600_000, customer: '13812345678', contact: 'Mr Wang' } : {}),
      } as SourceEvent);
    }
    return events;
  },
});

/** Text boxes cut short (content wider or taller than the box). */
function clipped(page: Page) {
  return page
    .locator('.review-view th, .review-view td, .review-view dt, .review-view dd, .review-view h1, .review-view h2')
    .evaluateAll((els) =>
      els
        .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
        .map((el) => `${el.tagName}: ${(el as HTMLElement).innerText}`),
    );
}

/** Pairs of review cards whose boxes overlap. */
function overlapping(page: Page) {
  return page.locator('.review-grid > .review-card').evaluateAll((cards) => {
    const boxes = cards.map((c) => c.getBoundingClientRect());
    const out: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b, j) => {
        const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        if (!apart) out.push(`${i} and ${i + 1 + j}`);
      }),
    );
    return out;
  });
}

async function layoutOk(page: Page, width: number) {
  // Whatever reaches past the viewport (named, so a failure says what).
  const wide = await page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
      .map((el) => `${el.tagName}.${el.className}`);
  });
  expect(wide).toEqual([]);
  for (const card of await page.locator('.review-card').all()) {
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
  }
  expect(await clipped(page)).toEqual([]);
  expect(await overlapping(page)).toEqual([]);
  // Nothing reaches out of its card into the next one (a week's targets table with its pace column did).
  const outOfCard = await page.locator('.review-card').evaluateAll((cards) =>
    cards.flatMap((card) => {
      const edge = card.getBoundingClientRect().right + 0.5;
      return [...card.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > edge)
        .map((el) => `${el.tagName}.${el.className}: ${(el as HTMLElement).innerText?.slice(0, 30)}`);
    }),
  );
  expect(outOfCard).toEqual([]);
}

describe('the daily review in the browser', () => {
  it("a lead's team review at 1440×900: whole, linkable, and printed without the nav bar or buttons", async () => {
    const { page, errors } = await signedIn('rv-lead', DESKTOP);
    await page.waitForURL('**/team/**');
    await page.locator('.app-bar__reviews summary').click();
    await page.locator('.app-bar a[href="/review"]').click();
    await page.waitForURL('**/review?day=*');
    await page.locator('.review-table--reps [data-rep="rv-2"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('h1').innerText()).toContain(TEAM);
    expect(await page.locator('.review-table--reps tbody tr').count()).toBe(2);
    expect(await page.locator('[data-test="review-callbacks"]').count()).toBe(1);
    expect(await page.content()).not.toContain('13812345678');
    await layoutOk(page, DESKTOP.width);
    // Table cells wrap between words ("Effective calls", never "Effecti / ve").
    expect(await wordsBrokenInside(page, '.review-view .data-table th, .review-view .data-table td')).toEqual([]);
    // The pickers wear the shared picker style (client/styles/controls.css): the page's font, a thin line.
    const pickers = await page.locator('.review-pickers select, .review-pickers input[type=date]').evaluateAll((els) =>
      els.map((el) => {
        const style = getComputedStyle(el);
        const font = style.fontFamily === getComputedStyle(document.body).fontFamily;
        return `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderRadius} font:${font}`;
      }),
    );
    expect(pickers.length).toBeGreaterThan(1);
    expect([...new Set(pickers)]).toEqual(['1px solid 4px font:true']);
    expect(await axeViolations(page)).toEqual([]);
    // The reps table on one screen width: no inner scroll at 1440.
    const inner = await page.locator('.review-scroll').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(inner).toBe(0);

    // A rep's row opens that rep's review, kept in the query.
    await page.locator('.review-table--reps [data-rep="rv-2"] a').click();
    await page.waitForURL(/rep=rv-2/);
    await page.locator('.review-card').first().waitFor();
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Li Na'));
    expect(await page.locator('.review-table--reps').count()).toBe(0);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-bar').isVisible()).toBe(false);
    expect(await page.locator('.review-print').isVisible()).toBe(false);
    expect(await page.locator('.review-pickers').isVisible()).toBe(false);
    expect(await page.locator('.review-card').first().isVisible()).toBe(true);
    const colours = await page.evaluate(() => {
      const card = getComputedStyle(document.querySelector('.review-card')!);
      return { body: getComputedStyle(document.body).backgroundColor, card: card.backgroundColor, text: card.color };
    });
    expect(colours).toEqual({ body: 'rgb(255, 255, 255)', card: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)' });
    const cuts = await page
      .locator('.review-card')
      .evaluateAll((cards) => cards.filter((c) => getComputedStyle(c).breakInside !== 'avoid').length);
    expect(cuts).toBe(0);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('.app-bar').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it("a rep's own review at 390×844, from My progress: nothing clipped, overlapping or sideways", async () => {
    const { page, errors } = await signedIn('rv-rep', PHONE);
    await page.waitForURL('**/me');
    await page.locator('[data-test="my-review"]').click();
    await page.waitForURL('**/review?day=*');
    await page.locator('[data-test="review-callbacks"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('h1').innerText()).toContain('Ouyang');
    expect(await page.locator('.review-table--reps').count()).toBe(0);
    await layoutOk(page, PHONE.width);
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-bar').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });
});
