import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SourceEvent } from '../../shared/events/callEvent';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { launchChromium } from './support/browser';

/**
 * The TV at 1920x1080, where nobody scrolls: within one turn of the floor panel every rep is
 * shown whole inside the screen, and the reps with an alert keep their name and status uncut.
 * Reps and teams are this file's own (w-…, wall-…): other browser tests share the server.
 * Events lie up to 40 minutes back: the server's zone puts now at about noon (support/noonZone.ts),
 * so they are today's at any real time (in UTC a run after midnight put them on the day before).
 */
const { baseUrl, token, redisUrl, stream } = inject('e2e');
const SECONDS = 5;
const MIN = 60_000;
let browser: Browser;
let redis: Redis;

const LONG_NAMES = [
  'Alexandria Montgomery',
  'Bartholomew Fitzgerald',
  'Konstantina Papadopoulou',
  'Maximiliano Villanueva',
];
const EVERYDAY_NAMES = ['Sophie Martin', 'Daniel Hughes', 'Amelia Cooper', 'Laura Walker'];
const repId = (i: number) => `w-${String(i).padStart(3, '0')}`;

/** Reps `from`..`to` in teams of `perTeam`: working, paused with a reason, and a few alerts. */
function floorEvents(from: number, to: number, perTeam: number, now: number): SourceEvent[] {
  const events: SourceEvent[] = [];
  for (let i = from; i <= to; i++) {
    const rep = repId(i);
    const team = `wall-${String.fromCharCode(97 + Math.floor((i - 1) / perTeam))}`;
    // Long names on alert tiles; everyday two-word names (cut as "Sophie M…" on compact tiles once) elsewhere.
    const name =
      i % 7 === 0
        ? `${LONG_NAMES[i % LONG_NAMES.length]} ${i}`
        : i % 5 === 0
          ? `${EVERYDAY_NAMES[i % EVERYDAY_NAMES.length]}`
          : `Rep ${i} Lee`;
    const at = now - 40 * MIN + i;
    events.push({ type: 'rep.login', rep, name, team, at });
    if (i % 7 === 0) {
      // A call answered 25 minutes ago: a critical long_call alert.
      events.push({ type: 'call.dial', rep, call: `${rep}-c`, at: now - 26 * MIN });
      events.push({ type: 'call.answer', rep, call: `${rep}-c`, at: now - 25 * MIN });
    } else if (i % 11 === 0) {
      // A break twenty minutes long (allowance 15): a warning.
      events.push({ type: 'rep.pause', rep, reason: 'break', at: now - 20 * MIN });
    } else if (i % 3 === 0) {
      events.push({ type: 'rep.pause', rep, reason: i % 2 === 0 ? 'training' : 'lunch', at: now - 5 * MIN });
    } else {
      if (i % 5 === 0) {
        // Hours of talk today ("2 h 39 min" beside leads/deals on the tile).
        events.push({ type: 'call.dial', rep, call: `${rep}-l`, at: now - 180 * MIN });
        events.push({ type: 'call.answer', rep, call: `${rep}-l`, at: now - 179 * MIN });
        events.push({ type: 'call.hangup', rep, call: `${rep}-l`, at: now - 20 * MIN });
        events.push({
          ...{ type: 'call.outcome', rep, call: `${rep}-l`, at: now - 19 * MIN },
          ...(i === 10 ? { outcome: 'sale', amount: 1_003_437 } : { outcome: 'lead' }),
        } as SourceEvent);
      }
      events.push({ type: 'call.dial', rep, call: `${rep}-d`, at: now - 10_000 });
    }
  }
  return events;
}

async function seed(from: number, to: number, perTeam: number): Promise<void> {
  const pipeline = redis.pipeline();
  for (const event of floorEvents(from, to, perTeam, Date.now())) pipeline.xadd(stream, '*', ...toStreamFields(event));
  await pipeline.exec();
}

beforeAll(async () => {
  redis = new Redis(redisUrl);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

async function openTv(query: string, expected: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${baseUrl}/wallboard/${token}`);
  await page.waitForURL('**/floor');
  await page.goto(`${baseUrl}/tv?${query}`);
  await page.waitForSelector('.tv-floor [data-rep]', { timeout: 15_000 });
  // The floor's reps have all arrived (the TV shows a count per status in its header).
  await page.waitForFunction(
    (n) => [...document.querySelectorAll('.status-count__value')].reduce((s, el) => s + Number(el.textContent), 0) >= n,
    expected.length,
    { timeout: 15_000 },
  );
  return page;
}

interface Turn {
  seen: Set<string>;
  clipped: string[];
  /** Pages the floor showed, and how many it has. */
  pagesSeen: number;
  pages: number;
  /** From the first page to the last one shown, in ms. */
  elapsedMs: number;
}

/**
 * Rep ids seen whole inside the screen and the floor panel through one turn of the floor's
 * pages: the page samples itself as it stands and again on every page change (a
 * MutationObserver on data-page, so no page is missed and nothing waits on a guess), until
 * every page was shown or the panel's time (plus a second) ran out.
 */
async function repsSeenOverOneTurn(page: Page): Promise<Turn> {
  const result = await page.evaluate(
    async (limitMs) => {
      const floor = document.querySelector<HTMLElement>('.tv-floor')!;
      const seen = new Set<string>();
      const clipped = new Set<string>();
      const pagesSeen = new Set<string>();
      const started = performance.now();
      let last = started;
      const overlaps = (a: HTMLElement, b: HTMLElement | null) => {
        if (!b) return false;
        const [r, q] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
        return r.right > q.left + 0.5 && q.right > r.left + 0.5 && r.bottom > q.top + 0.5 && q.bottom > r.top + 0.5;
      };
      const sample = () => {
        pagesSeen.add(floor.dataset.page!);
        last = performance.now();
        const area = document.querySelector('.tv-floor__area')!.getBoundingClientRect();
        for (const el of document.querySelectorAll<HTMLElement>('.tv-floor [data-rep]')) {
          const r = el.getBoundingClientRect();
          const inside =
            r.top >= Math.max(0, area.top) - 0.5 &&
            r.left >= Math.max(0, area.left) - 0.5 &&
            r.bottom <= Math.min(innerHeight, area.bottom) + 0.5 &&
            r.right <= Math.min(innerWidth, area.right) + 0.5;
          if (inside) seen.add(el.dataset.rep!);
          // Every tile: its status is read in full beside the timer, never under it.
          const status = el.querySelector<HTMLElement>('.rep-tile__status');
          const timer = el.querySelector<HTMLElement>('.rep-tile__timer');
          if (status && (status.scrollWidth > status.clientWidth || overlaps(status, timer)))
            clipped.add(el.dataset.rep!);
          // Every rep's name is read in full, compact or not (a wrapped line may round a pixel
          // over its box: that is not a cut); an alerted or paused rep's status too.
          const name = el.querySelector<HTMLElement>('.rep-tile__name');
          if (name && (name.scrollWidth > name.clientWidth || name.scrollHeight > name.clientHeight + 1))
            clipped.add(el.dataset.rep!);
          // The talk and leads/deals labels and figures too (a TV has no tooltip to read them in).
          const metrics = el.querySelectorAll<HTMLElement>('.rep-tile__metrics dt, .rep-tile__metrics dd');
          if ([...metrics].some((m) => m.scrollWidth > m.clientWidth)) clipped.add(el.dataset.rep!);
          if (el.matches('.rep-tile--alert, .rep-tile--paused')) {
            const parts = el.querySelectorAll<HTMLElement>('.rep-tile__name, .rep-tile__status, .status-badge__label');
            if ([...parts].some((p) => p.scrollWidth > p.clientWidth || p.scrollHeight > p.clientHeight + 1))
              clipped.add(el.dataset.rep!);
          }
        }
      };
      const pages = () => Number(floor.dataset.pages);
      // The header's figures (revenue past a million in its currency) fit their cards.
      for (const value of document.querySelectorAll<HTMLElement>('.metric__value'))
        if (value.scrollWidth > value.clientWidth) clipped.add(`header ${value.textContent}`);
      sample();
      await new Promise<void>((resolve) => {
        const done = () => {
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        };
        const observer = new MutationObserver(() => {
          sample();
          if (pagesSeen.size >= pages()) done();
        });
        observer.observe(floor, { attributes: true, attributeFilter: ['data-page', 'data-pages'] });
        const timer = setTimeout(done, limitMs);
        if (pagesSeen.size >= pages()) done();
      });
      return {
        seen: [...seen],
        clipped: [...clipped],
        pagesSeen: pagesSeen.size,
        pages: pages(),
        elapsedMs: last - started,
      };
    },
    SECONDS * 1000 + 1000,
  );
  return { ...result, seen: new Set(result.seen) };
}

/** Every rep whole within one turn, the turn within the panel's time, alerted and paused tiles uncut. */
function expectOneTurnShowsAll(turn: Turn, expected: string[]): void {
  expect(expected.filter((id) => !turn.seen.has(id))).toEqual([]);
  expect(turn.clipped).toEqual([]);
  expect(turn.pagesSeen).toBe(turn.pages);
  expect(turn.elapsedMs).toBeLessThanOrEqual(SECONDS * 1000);
}

describe('the TV floor at 1920x1080', () => {
  it('shows each of 60 reps whole within one turn, alerted names and pause reasons uncut', async () => {
    await seed(1, 60, 15);
    const expected = Array.from({ length: 60 }, (_, i) => repId(i + 1));
    const page = await openTv(`seconds=${SECONDS}&pin=floor`, expected);
    await page.waitForSelector('.rep-tile--alert-critical');
    expectOneTurnShowsAll(await repsSeenOverOneTurn(page), expected);
    // The long names are on alert tiles (long calls), and a pause shows its reason.
    expect(await page.locator('[data-rep="w-007"] .rep-tile__name').innerText()).toBe('Maximiliano Villanueva 7');
    await page.close();
  });

  it('shows each of 500 reps whole within one turn, and every open alert or a "+N more" count', async () => {
    await seed(61, 500, 50);
    const expected = Array.from({ length: 500 }, (_, i) => repId(i + 1));
    const page = await openTv(`seconds=${SECONDS}&pin=floor`, expected);
    const turn = await repsSeenOverOneTurn(page);
    expectOneTurnShowsAll(turn, expected);
    expect(turn.pages).toBeGreaterThan(1); // 500 reps do not fit one screen: the floor pages

    // The alerts panel: critical first, rows whole on screen, the rest counted.
    await page.keyboard.press('4');
    await page.waitForSelector('.tv-alerts .alert-item');
    const alerts = await page.evaluate(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('.tv-alerts .alert-item')];
      const more = document.querySelector('.alert-feed__more')?.textContent ?? '';
      return {
        shown: rows.length,
        inside: rows.every((r) => r.getBoundingClientRect().bottom <= innerHeight),
        firstCritical: rows[0]?.classList.contains('alert-item--critical') ?? false,
        more: Number(/\d+/.exec(more)?.[0] ?? 0),
        moreInside: (document.querySelector('.alert-feed__more')?.getBoundingClientRect().bottom ?? 0) <= innerHeight,
        total: Number(/\d+/.exec(document.querySelector('.alert-feed__count')?.textContent ?? '')?.[0] ?? 0),
        // Who and what, read in full on every row shown.
        cut: rows.flatMap((row) =>
          [...row.querySelectorAll<HTMLElement>('.alert-item__name, .alert-item__rule, .alert-item__since')]
            .filter((part) => part.scrollWidth > part.clientWidth)
            .map((part) => part.textContent),
        ),
      };
    });
    expect(alerts.total).toBeGreaterThan(30);
    expect(alerts.inside).toBe(true);
    expect(alerts.firstCritical).toBe(true);
    expect(alerts.shown + alerts.more).toBe(alerts.total);
    expect(alerts.moreInside).toBe(true);
    expect(alerts.cut).toEqual([]);
    await page.close();
  });
});
