import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { noonZone } from '../support/noonZone';
import { seededFloor } from './support/seededFloor';

/** Issue #17: the "last 30 days" chart on My progress and the console, whole inside its card on a phone and a laptop. */
const PASSWORD = 'e2e-history-geometry-password';
const TEAM = 'team-hist';
const REPS = ['hist-1', 'hist-2', 'hist-3'];
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
];
const floor = seededFloor({
  password: PASSWORD,
  accounts: [
    { username: 'hist-lead', role: 'lead', team: TEAM },
    { username: 'hist-rep', role: 'rep', rep: REPS[0]!, team: TEAM },
  ],
  events: (now) =>
    REPS.map((rep) => ({ type: 'rep.login', rep, name: `Representative ${rep}`, team: TEAM, at: now - 60_000 })),
  // 29 past days of saved totals (the server's business dates); today is live.
  async seed(redis, now) {
    const { timeZone } = noonZone(now);
    const dayOf = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(ms);
    for (let i = 1; i < 30; i++) {
      const day = dayOf(now - i * 86_400_000);
      const fields = REPS.flatMap((rep, r) => {
        const deals = (i + r) % 4;
        const totals = {
          ...{ name: `Representative ${rep}`, team: TEAM, dials: 80 + i + r * 7, connects: 40 + r, effectiveCalls: 20 },
          ...{ talkSeconds: 5400, leads: 6, deals, revenue: deals * 12_345.67 },
        };
        return [rep, JSON.stringify(totals)];
      });
      await redis.hset(`floorboard:day:${day}`, ...fields);
    }
  },
  locale: 'en',
});

async function open(user: string, path: string, viewport: { width: number; height: number }): Promise<Page> {
  const { page } = await floor.signedIn(user, viewport);
  await page.waitForURL(`**${path}`);
  await page.locator('[data-test="history"] canvas').first().waitFor({ timeout: 15_000 });
  await page.locator('[data-test="history"]').scrollIntoViewIfNeeded();
  return page;
}

/** Boxes of the card, its chart canvas, its summary and buttons; whether any text is cut short. */
function geometry(page: Page) {
  return page.locator('[data-test="history"]').evaluate((card) => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
    };
    const parts = [...card.querySelectorAll('canvas, h2, button, select, [data-test="history-summary"]')];
    return {
      card: box(card),
      canvas: box(card.querySelector('canvas')!),
      parts: parts.map((el) => ({ tag: el.tagName, text: el.textContent ?? '', ...box(el) })),
      clipped: parts
        .filter(
          (el) =>
            el.tagName !== 'CANVAS' && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1),
        )
        .map((el) => el.textContent),
      summary: card.querySelector('[data-test="history-summary"]')?.textContent ?? '',
    };
  });
}

function expectInside(g: Awaited<ReturnType<typeof geometry>>, viewportWidth: number) {
  // The card on screen from edge to edge (other panels of the console may scroll sideways on a phone).
  expect(g.card.left).toBeGreaterThanOrEqual(0);
  expect(g.card.right).toBeLessThanOrEqual(viewportWidth);
  expect(g.canvas.height).toBeGreaterThan(150);
  expect(g.canvas.width).toBeGreaterThan(250);
  for (const part of g.parts) {
    expect(part.left, part.text).toBeGreaterThanOrEqual(g.card.left - 0.5);
    expect(part.right, part.text).toBeLessThanOrEqual(g.card.right + 0.5);
    expect(part.top, part.text).toBeGreaterThanOrEqual(g.card.top - 0.5);
    expect(part.bottom, part.text).toBeLessThanOrEqual(g.card.bottom + 0.5);
  }
  expect(g.clipped).toEqual([]);
  expect(g.summary).toMatch(/target/);
}

describe('history chart geometry', () => {
  for (const viewport of VIEWPORTS) {
    it(`My progress at ${viewport.width}x${viewport.height}: the chart is whole inside its card`, async () => {
      const page = await open('hist-rep', '/me', viewport);
      expectInside(await geometry(page), viewport.width);
      // The switch changes the figure in words as well.
      await page.locator('[data-test="history"] [data-metric="dials"]').click();
      await expect.poll(() => page.locator('[data-test="history-summary"]').textContent()).toMatch(/^[\d,]+ of /);
      expectInside(await geometry(page), viewport.width);
      await page.context().close();
    });

    it(`the team console at ${viewport.width}x${viewport.height}: the team's chart, then one rep's`, async () => {
      const page = await open('hist-lead', `/team/${TEAM}`, viewport);
      expectInside(await geometry(page), viewport.width);
      await page.locator('[data-test="history-rep"]').selectOption(REPS[1]!);
      await expect
        .poll(() =>
          page.evaluate(() =>
            performance
              .getEntriesByType('resource')
              .map((e) => e.name)
              .join(' '),
          ),
        )
        .toContain(`rep=${REPS[1]}`);
      expectInside(await geometry(page), viewport.width);
      await page.context().close();
    });
  }
});
