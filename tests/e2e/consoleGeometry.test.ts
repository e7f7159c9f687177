import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { launchChromium } from './support/browser';

/** The team console on a 1440×900 laptop, in both languages: one line per rep, Coach always in reach. */
const { baseUrl, redisUrl, stream } = inject('e2e');
const PASSWORD = 'e2e-console-geometry-password';
const TEAM = 'team-geo';
const VIEWPORT = { width: 1440, height: 900 };
const REPS = 14;
let browser: Browser;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(redisUrl);
  const accounts = createAccountRepo(redis, 'floorboard:');
  await accounts.add({ username: 'geo-lead', password: PASSWORD, role: 'lead', team: TEAM }, Date.now());
  await accounts.add({ username: 'geo-boss', password: PASSWORD, role: 'supervisor' }, Date.now());
  const now = Date.now();
  const add = (event: Parameters<typeof toStreamFields>[0]) => redis.xadd(stream, '*', ...toStreamFields(event));
  // A realistic mix: long names, busy reps with counters, one on a call, one paused for training.
  for (let i = 0; i < REPS; i += 1) {
    const rep = `geo-${i}`;
    await add({ type: 'rep.login', rep, name: `Representative Number ${i + 1}`, team: TEAM, at: now - 600_000 });
    for (let c = 0; c < 2 + (i % 4); c += 1) {
      const call = `${rep}-c${c}`;
      const at = now - 500_000 + c * 20_000;
      await add({ type: 'call.dial', rep, call, at });
      await add({ type: 'call.answer', rep, call, at: at + 2_000 });
      await add({ type: 'call.hangup', rep, call, at: at + 12_000 });
      await add({
        type: 'call.outcome',
        rep,
        call,
        outcome: c === 0 ? 'sale' : 'lead',
        amount: 12_345,
        at: at + 13_000,
      });
    }
    if (i === 1) await add({ type: 'rep.pause', rep, reason: 'training', at: now - 60_000 });
    if (i === 2) {
      await add({ type: 'call.dial', rep, call: 'geo-live', at: now - 30_000 });
      await add({ type: 'call.answer', rep, call: 'geo-live', at: now - 25_000 });
    }
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

async function openConsole(locale: 'en' | 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript((value) => localStorage.setItem('floorboard.locale', value), locale);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name=username]').fill('geo-lead');
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(`**/team/${TEAM}`);
  await expect.poll(() => page.locator('.rep-table tbody tr[data-rep]').count(), { timeout: 10_000 }).toBe(REPS);
  return page;
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Each rep row's height and its Coach and Pace cells' boxes, in viewport pixels. */
function rowGeometry(page: Page) {
  return page.locator('.rep-table tbody tr[data-rep]').evaluateAll((rows) =>
    rows.map((row) => {
      const box = (el: Element | null): Box => {
        const r = el!.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      };
      return {
        rep: row.getAttribute('data-rep'),
        height: row.getBoundingClientRect().height,
        bottom: row.getBoundingClientRect().bottom,
        coach: box(row.querySelector('.rep-table__coach')),
        pace: box(row.querySelector('[data-col="pace"]')),
        // "Paused · Training" read in full (the reason is what a lead needs).
        statusCut: [...row.querySelectorAll<HTMLElement>('.status-badge, .status-badge__label')].some(
          (el) => el.scrollWidth > el.clientWidth,
        ),
        status: row.querySelector('.status-badge')?.textContent?.trim(),
      };
    }),
  );
}

/** Each header cell: overflow and the number of lines its text takes. */
function headerGeometry(page: Page) {
  return page.locator('.rep-table thead th[data-col]').evaluateAll((cells) =>
    cells.map((th) => {
      const range = document.createRange();
      range.selectNodeContents(th.querySelector('.rep-table__head')!);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      const button = th.querySelector('button')!;
      return {
        col: th.getAttribute('data-col'),
        text: th.textContent?.trim(),
        lines: tops.size,
        cellOverflow: th.scrollWidth - th.clientWidth,
        buttonOverflow: button.scrollWidth - button.clientWidth,
      };
    }),
  );
}

const inViewport = (b: Box) => b.left >= 0 && b.right <= VIEWPORT.width;

describe.each(['en', 'zh-CN'] as const)('team console at 1440×900 in %s', (locale) => {
  it('shows one compact line per rep with Coach and Pace in the viewport, and headers on one line', async () => {
    const page = await openConsole(locale);
    const rows = await rowGeometry(page);
    expect(rows).toHaveLength(REPS);
    for (const row of rows) {
      expect(row.height, `${row.rep} row height`).toBeLessThanOrEqual(48);
      expect(inViewport(row.coach), `${row.rep} Coach ${JSON.stringify(row.coach)}`).toBe(true);
      expect(inViewport(row.pace), `${row.rep} Pace ${JSON.stringify(row.pace)}`).toBe(true);
      expect(row.statusCut, `${row.rep} status "${row.status}" cut`).toBe(false);
    }
    // About a dozen reps fit on the first screen (was about five).
    expect(rows.filter((row) => row.bottom <= VIEWPORT.height).length).toBeGreaterThanOrEqual(10);
    // The table fits its box: nothing scrolls sideways.
    const overflow = await page.locator('.team-console__reps').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    for (const header of await headerGeometry(page)) {
      expect(header.lines, `${header.col} "${header.text}" lines`).toBe(1);
      expect(header.cellOverflow, `${header.col} overflow`).toBeLessThanOrEqual(0);
      expect(header.buttonOverflow, `${header.col} button overflow`).toBeLessThanOrEqual(0);
    }
    // The Coach button's word stays on one line too.
    const coach = page.locator('.rep-table__coach').first();
    const coachLines = await coach.evaluate((button) => {
      const range = document.createRange();
      range.selectNodeContents(button);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(coachLines).toBe(1);
    await page.context().close();
  });

  it("puts every row's Coach whole in the viewport when the row is scrolled to, never sideways", async () => {
    const page = await openConsole(locale);
    const rows = await page.locator('.rep-table tbody tr[data-rep]').evaluateAll((trs) =>
      trs.map((tr) => {
        const coach = tr.querySelector<HTMLElement>('.rep-table__coach')!;
        // Vertically only: the page may scroll down to a row, never across.
        tr.scrollIntoView({ block: 'center', inline: 'nearest' });
        const r = coach.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        const table = document.querySelector<HTMLElement>('.team-console__reps')!;
        return {
          rep: tr.getAttribute('data-rep'),
          box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
          // The button itself is what a click there reaches (no sticky cell or header over it).
          onTop: hit !== null && coach.contains(hit),
          sideways: scrollX + table.scrollLeft,
          pageWidth: document.documentElement.scrollWidth,
        };
      }),
    );
    expect(rows).toHaveLength(REPS);
    for (const row of rows) {
      const where = `${row.rep} Coach ${JSON.stringify(row.box)}`;
      expect(row.box.left, where).toBeGreaterThanOrEqual(0);
      expect(row.box.right, where).toBeLessThanOrEqual(VIEWPORT.width);
      expect(row.box.top, where).toBeGreaterThanOrEqual(0);
      expect(row.box.bottom, where).toBeLessThanOrEqual(VIEWPORT.height);
      expect(row.onTop, where).toBe(true);
      expect(row.sideways, `${row.rep} scrolled sideways`).toBe(0);
      expect(row.pageWidth, `${row.rep} page width`).toBeLessThanOrEqual(VIEWPORT.width);
    }
    await page.context().close();
  });

  it('opens coaching next to the rep with the note focused and in view; Escape returns to Coach', async () => {
    const page = await openConsole(locale);
    // The last rep: below the first screen, where the old side form opened far from the row.
    const last = page.locator('.rep-table tbody tr[data-rep]').last();
    const rep = await last.getAttribute('data-rep');
    const coach = last.locator('.rep-table__coach');
    await coach.click();
    const textarea = page.locator(`tr[data-coach-for="${rep}"] textarea`);
    await textarea.waitFor();
    await expect.poll(() => textarea.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await textarea.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(VIEWPORT.height);
    expect(inViewport(box)).toBe(true);
    // The form sits right under the rep's own row.
    const rowBottom = await last.evaluate((el) => el.getBoundingClientRect().bottom);
    expect(box.top - rowBottom).toBeGreaterThanOrEqual(0);
    expect(box.top - rowBottom).toBeLessThan(120);
    expect(await coach.getAttribute('aria-expanded')).toBe('true');

    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('form.coach-form').count()).toBe(0);
    await expect.poll(() => coach.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await coach.getAttribute('aria-expanded')).toBe('false');
    await page.context().close();
  });
});

/** The supervisor's bar: every link's box, the bar's height, and the teams menu (issues #15, #16 added links). */
describe("the supervisor's nav bar", () => {
  async function barAt(viewport: { width: number; height: number }, locale: 'en' | 'zh-CN'): Promise<Page> {
    const context = await browser.newContext({ viewport });
    await context.addInitScript((value) => localStorage.setItem('floorboard.locale', value), locale);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.locator('input[name=username]').fill('geo-boss');
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL('**/floor');
    await page.locator('.app-bar__teams summary').waitFor();
    return page;
  }

  /** The bar's height and each visible link's (and the teams summary's) box. */
  function boxes(page: Page) {
    return page.evaluate(() => {
      const bar = document.querySelector('.app-bar')!.getBoundingClientRect();
      const links = [
        ...document.querySelectorAll<HTMLElement>('.app-bar__links > li > a, .app-bar__links > li summary'),
      ]
        .map((el) => ({ text: el.innerText.trim(), r: el.getBoundingClientRect() }))
        .map(({ text, r }) => ({ text, left: r.left, right: r.right, top: r.top, bottom: r.bottom }));
      return { barHeight: bar.height, width: document.documentElement.clientWidth, links };
    });
  }

  it.each([
    [1440, 900, 'en'],
    [1440, 900, 'zh-CN'],
    [390, 844, 'en'],
    [390, 844, 'zh-CN'],
  ] as const)('at %i×%i (%s) every link is whole, apart and on screen; one row on a laptop', async (w, h, locale) => {
    const page = await barAt({ width: w, height: h }, locale);
    const { barHeight, width, links } = await boxes(page);
    // Floor, Team consoles, Trends, Campaigns, Market feedback, Handoffs, Review (daily review, replay), TV mode, Admin.
    expect(links).toHaveLength(9);
    for (const l of links) {
      expect(l.left, l.text).toBeGreaterThanOrEqual(0);
      expect(l.right, l.text).toBeLessThanOrEqual(width);
    }
    for (const [i, a] of links.entries())
      for (const b of links.slice(i + 1)) {
        const apart =
          a.right <= b.left + 0.5 || b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
        expect(apart, `${a.text} / ${b.text}`).toBe(true);
      }
    if (w >= 1440) {
      // One row: however many teams the floor has, they wait in the menu.
      expect(new Set(links.map((l) => Math.round(l.top))).size).toBe(1);
      expect(barHeight).toBeLessThanOrEqual(56);
    } else {
      // A phone keeps most of its first screen for the page.
      expect(barHeight).toBeLessThanOrEqual(h / 5);
    }
    await page.context().close();
  });

  it("opens the teams menu over the page and goes to a team's console, closing it", async () => {
    const page = await barAt({ width: 390, height: 844 }, 'en');
    await page.locator('.app-bar__teams summary').click();
    const link = page.locator(`.app-bar__menu-list a[href="/team/${TEAM}"]`);
    await link.waitFor();
    const box = (await link.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await link.click();
    await page.waitForURL(`**/team/${TEAM}`);
    expect(await page.locator('.app-bar__teams .app-bar__menu').getAttribute('open')).toBeNull();
    await page.context().close();
  });
});
