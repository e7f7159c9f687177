import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SourceEvent } from '../../shared/events/callEvent';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { launchChromium } from './support/browser';

/**
 * The floor wall lays out a team it has not rendered yet (content-visibility: auto) at the
 * estimate TeamSection sets (client/components/teamSize.ts): scrolling down a floor of 24 teams
 * of 2 and 3 of 36, each team's estimate is within a tile row of the height it has once
 * rendered, and no header moves by more than a row as the teams above it render. At the old
 * flat 320 px, a team of 2 (about 100 px) was off by two rows and moved every header below it.
 * Teams and reps are this file's own (zz-size-…: they sort after the other files' teams, so
 * that they push none of those out of another file's view; the floor is compact, at 156 reps
 * alone and with the other files' reps).
 */
const { baseUrl, token, redisUrl, stream } = inject('e2e');
const MIN = 60_000;
const PREFIX = 'zz-size-';
/** Team numbers (1-based) of 36 reps; the others have 2. */
const BIG = new Set([12, 19, 25]);
const TEAMS = Array.from({ length: 27 }, (_, i) => ({
  id: `${PREFIX}${String(i + 1).padStart(2, '0')}`,
  size: BIG.has(i + 1) ? 36 : 2,
}));
const REPS = TEAMS.reduce((n, team) => n + team.size, 0);
/** Reps on a long call (a critical alert: a strip above the name): three in each big team. */
const onLongCall = (k: number) => k % 12 === 5;
const LONG_CALLS = TEAMS.reduce(
  (n, team) => n + Array.from({ length: team.size }, (_, k) => k).filter(onLongCall).length,
  0,
);

const FIRST = ['Sophie', 'Daniel', 'Amelia', 'Laura', 'Tom', 'Priya', 'Wei', 'Konstantina'];
const LAST = ['Martin', 'Hughes', 'Cooper', 'Walker', 'Li', 'Shah', 'Chen', 'Papadopoulou'];

let browser: Browser;
let redis: Redis;

/** Everyday names, a few long ones; all on pace (no behind-pace alert); on calls, paused, dialing. */
function floorEvents(now: number): SourceEvent[] {
  const events: SourceEvent[] = [];
  TEAMS.forEach((team, t) => {
    for (let k = 0; k < team.size; k++) {
      const rep = `${team.id}-${k}`;
      const name = `${FIRST[(k + t) % FIRST.length]} ${LAST[(k * 3 + t) % LAST.length]}`;
      events.push({ type: 'rep.login', rep, name, team: team.id, at: now - 40 * MIN + k });
      // 50+ dials before the last 27 minutes: ahead of the pace a noon floor expects (~40).
      for (let d = 0; d < 50 + (k % 7); d++) {
        const at = now - 38 * MIN + d * 12_000;
        events.push({ type: 'call.dial', rep, call: `${rep}-${d}`, at });
        events.push({ type: 'call.hangup', rep, call: `${rep}-${d}`, at: at + 5_000 });
      }
      if (onLongCall(k)) {
        events.push({ type: 'call.dial', rep, call: `${rep}-c`, at: now - 26 * MIN });
        events.push({ type: 'call.answer', rep, call: `${rep}-c`, at: now - 25 * MIN });
      } else if (k % 4 === 0) {
        events.push({ type: 'rep.pause', rep, reason: k % 8 === 0 ? 'lunch' : 'training', at: now - 5 * MIN });
      } else if (k % 4 === 1) {
        events.push({ type: 'call.dial', rep, call: `${rep}-a`, at: now - 3 * MIN });
        events.push({ type: 'call.answer', rep, call: `${rep}-a`, at: now - 2 * MIN });
      } else {
        events.push({ type: 'call.dial', rep, call: `${rep}-d`, at: now - 10_000 });
      }
    }
  });
  return events;
}

beforeAll(async () => {
  redis = new Redis(redisUrl);
  browser = await launchChromium();
  const pipeline = redis.pipeline();
  for (const event of floorEvents(Date.now())) pipeline.xadd(stream, '*', ...toStreamFields(event));
  await pipeline.exec();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

async function openWall(width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(`${baseUrl}/wallboard/${token}`);
  await page.waitForURL('**/floor');
  // Every rep is on the wall, and the long calls' alerts too (an alert makes its row taller).
  await page.waitForFunction(
    ([prefix, reps, alerts]) =>
      document.querySelectorAll(`[data-rep^="${prefix}"]`).length >= reps &&
      document.querySelectorAll(`.rep-tile--alert[data-rep^="${prefix}"]`).length >= alerts,
    [PREFIX, REPS, LONG_CALLS] as const,
    { timeout: 20_000 },
  );
  return page;
}

interface Scroll {
  /**
   * Per team: the height it was laid out at before its first render (null: rendered already, on
   * screen from the start or while the page loaded), and once rendered.
   */
  teams: { id: string; estimate: number | null; real: number }[];
  /** Per step, the furthest any header moved (page coordinates), and the teams that rendered in it. */
  moves: { by: number; header: string; rendered: string[] }[];
  /** A row of tiles: the median tile's height and the row gap. */
  row: number;
}

/**
 * Brings this file's teams into view one after the other (scrollIntoView, top first), waiting
 * for the frames that render them, and records each team's height before and after its first
 * render and how far the headers moved in each step.
 */
function scrollDown(page: Page): Promise<Scroll> {
  return page.evaluate(async (prefix) => {
    const frames = async (n: number) => {
      for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
    };
    const teams = [...document.querySelectorAll<HTMLElement>('.team')].filter((t) =>
      t.dataset.team!.startsWith(prefix),
    );
    // Skipped (content-visibility: auto, not rendered): its contents are not visible to this check.
    const rendered = (team: HTMLElement) =>
      team.querySelector('.team__header')!.checkVisibility({ contentVisibilityAuto: true });
    const headerTops = () => teams.map((t) => t.querySelector('.team__header')!.getBoundingClientRect().top + scrollY);
    scrollTo(0, 0);
    await frames(3);
    const estimate = new Map<string, number | null>();
    const real = new Map<string, number>();
    // A team never rendered is as tall as its contain-intrinsic-size says; one the browser rendered
    // while the page loaded and then skipped keeps the size it had (`auto`), which is no estimate.
    const intrinsic = (team: HTMLElement) =>
      Number(/([\d.]+)px$/.exec(getComputedStyle(team).containIntrinsicSize)?.[1]);
    for (const team of teams) {
      const height = team.getBoundingClientRect().height;
      estimate.set(team.dataset.team!, !rendered(team) && Math.abs(height - intrinsic(team)) < 0.5 ? height : null);
    }
    // Down to this file's first team: the other files' teams the jump renders lie above it and
    // move its headers once, before the steps measured.
    teams[0]!.scrollIntoView({ block: 'start' });
    await frames(3);
    let tops = headerTops();
    const moves: { by: number; header: string; rendered: string[] }[] = [];
    const seen = new Set(teams.filter(rendered));
    for (const team of teams) {
      team.scrollIntoView({ block: 'start' });
      await frames(3);
      const now = headerTops();
      let by = 0;
      let header = '';
      now.forEach((top, i) => {
        if (Math.abs(top - tops[i]!) > Math.abs(by)) [by, header] = [top - tops[i]!, teams[i]!.dataset.team!];
      });
      const fresh = teams.filter((t) => !seen.has(t) && rendered(t));
      for (const t of fresh) seen.add(t);
      moves.push({ by, header, rendered: fresh.map((t) => t.dataset.team!) });
      tops = now;
      if (rendered(team) && !real.has(team.dataset.team!))
        real.set(team.dataset.team!, team.getBoundingClientRect().height);
    }
    const heights = [...document.querySelectorAll<HTMLElement>(`.rep-tile[data-rep^="${prefix}"]`)]
      .map((t) => t.offsetHeight)
      .sort((a, b) => a - b);
    const tiles = document.querySelector<HTMLElement>('.team__tiles')!;
    return {
      teams: teams.map((t) => ({
        id: t.dataset.team!,
        estimate: estimate.get(t.dataset.team!)!,
        real: real.get(t.dataset.team!) ?? -1,
      })),
      moves,
      row: heights[Math.floor(heights.length / 2)]! + Number.parseFloat(getComputedStyle(tiles).rowGap),
    };
  }, PREFIX);
}

function expectSteady(scroll: Scroll): void {
  const { row } = scroll;
  // At least half the teams start below the fold and the browser's margin, never rendered: those
  // are what the estimate is for (the two lower big teams among them at least).
  const estimated = scroll.teams.filter((t) => t.estimate !== null);
  expect(estimated.length).toBeGreaterThanOrEqual(10);
  expect(estimated.filter((t) => BIG.has(Number(t.id.slice(PREFIX.length)))).length).toBeGreaterThanOrEqual(2);
  const off = estimated
    .filter((t) => t.real < 0 || Math.abs(t.estimate! - t.real) > row)
    .map((t) => `${t.id}: estimated ${t.estimate} px, rendered ${t.real} px`);
  // Soft: a wrong estimate and the jumps it causes are both reported.
  expect.soft(off, `row ${row} px`).toEqual([]);
  const jumps = scroll.moves
    .filter((m) => Math.abs(m.by) > row)
    .map((m) => `${m.header} moved ${m.by.toFixed(1)} px as ${m.rendered.join(', ')} rendered`);
  expect(jumps, `row ${row} px`).toEqual([]);
}

describe('the floor wall scrolled down in Chromium', () => {
  it('at 1440x900: every team laid out within a tile row of its size before it renders; no header jumps', async () => {
    const page = await openWall(1440, 900);
    expectSteady(await scrollDown(page));
    await page.close();
  });

  it('after a resize to 1000x900 (fewer columns), the estimates follow the new width', async () => {
    const page = await openWall(1440, 900);
    await page.setViewportSize({ width: 1000, height: 900 });
    expectSteady(await scrollDown(page));
    await page.close();
  });
});
