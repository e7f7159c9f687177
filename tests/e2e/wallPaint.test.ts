import { Redis } from 'ioredis';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SourceEvent } from '../../shared/events/callEvent';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { launchChromium } from './support/browser';

/**
 * What a wall tile costs the browser on every update: 1,000 tiles are sorted into compositor
 * layers again whenever a delta repaints some of them, and every clip, positioned box or effect
 * inside a tile is one more paint property in that work (npm run bench:browser: "Layerize").
 * Inside a tile there is none (the tile keeps its own paint containment: tiles.css), except the
 * visually hidden words for assistive tech (and, on the
 * roomy tiles of a small floor, the name's last-resort ellipsis). The progress bar still puts
 * its expected-by-now tick where it belongs. Reps and team are this file's own (p-…, a-paint).
 */
const { baseUrl, token, redisUrl, stream } = inject('e2e');
const MIN = 60_000;
let browser: Browser;
let redis: Redis;
const repId = (i: number) => `p-${String(i).padStart(3, '0')}`;

beforeAll(async () => {
  redis = new Redis(redisUrl);
  browser = await launchChromium();
  const now = Date.now();
  const events: SourceEvent[] = [];
  for (let i = 1; i <= 12; i++) {
    const rep = repId(i);
    events.push({ type: 'rep.login', rep, name: `Paint ${i}`, team: 'a-paint', at: now - 30 * MIN + i });
    // Some dials each (a filled bar), then: on a call, paused, dialing or available.
    for (let d = 0; d < i; d++) {
      events.push({ type: 'call.dial', rep, call: `${rep}-${d}`, at: now - 20 * MIN + d * 1000 });
      events.push({ type: 'call.hangup', rep, call: `${rep}-${d}`, at: now - 20 * MIN + d * 1000 + 500 });
    }
    if (i % 4 === 0) {
      events.push({ type: 'call.dial', rep, call: `${rep}-c`, at: now - 3 * MIN });
      events.push({ type: 'call.answer', rep, call: `${rep}-c`, at: now - 2 * MIN });
    } else if (i % 4 === 1) events.push({ type: 'rep.pause', rep, reason: 'lunch', at: now - 5 * MIN });
    else if (i % 4 === 2) events.push({ type: 'call.dial', rep, call: `${rep}-d`, at: now - 10_000 });
  }
  const pipeline = redis.pipeline();
  for (const event of events) pipeline.xadd(stream, '*', ...toStreamFields(event));
  await pipeline.exec();
});

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
});

describe('a wall tile in Chromium at 1920x1080', () => {
  it('has no clip, positioned box or effect of its own; the bar and its tick sit where the figures say', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${baseUrl}/wallboard/${token}`);
    await page.waitForURL('**/floor');
    const ids = Array.from({ length: 12 }, (_, i) => repId(i + 1));
    await page.waitForFunction((list) => list.every((id) => document.querySelector(`[data-rep="${id}"]`)), ids, {
      timeout: 15_000,
    });
    // Every rep's dials have arrived (the last one made 12, and is on a 13th call).
    await page.waitForFunction(
      () => Number(document.querySelector('[data-rep="p-012"] .target-progress')?.getAttribute('aria-valuenow')) >= 12,
      undefined,
      { timeout: 15_000 },
    );
    await page.locator('[data-rep="p-001"]').scrollIntoViewIfNeeded();

    const tiles = await page.evaluate((list) => {
      // The tile itself keeps its paint containment (tiles.css says why); nothing inside it clips.
      const paintProperties = (el: Element): string | null => {
        const s = getComputedStyle(el);
        const found: string[] = [];
        const tile = el.matches('.rep-tile');
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible') found.push(`overflow ${s.overflowX}`);
        if (s.clipPath !== 'none') found.push('clip-path');
        if (!tile && /paint|strict|content/.test(s.contain)) found.push(`contain ${s.contain}`);
        if (s.position !== 'static') found.push(`position ${s.position}`);
        if (Number(s.opacity) < 1 || s.transform !== 'none' || s.filter !== 'none') found.push('effect');
        return found.length
          ? `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}: ${found.join(', ')}`
          : null;
      };
      return list.map((id) => {
        const tile = document.querySelector<HTMLElement>(`[data-rep="${id}"]`)!;
        const compact = tile.classList.contains('rep-tile--compact');
        const own = [tile, ...tile.querySelectorAll('*')]
          // Words only assistive tech reads, and the name's ellipsis on a roomy tile.
          .filter((el) => !el.matches('.visually-hidden, .visually-hidden *'))
          .filter((el) => compact || !el.matches('.rep-tile__name'))
          .map(paintProperties)
          .filter((found): found is string => found !== null);
        const bar = tile.querySelector('.target-progress')!;
        const box = (sel: string) => {
          const r = bar.querySelector(sel)?.getBoundingClientRect();
          return r ? { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width } : null;
        };
        return {
          id,
          own,
          value: Number(bar.getAttribute('aria-valuenow')),
          target: Number(bar.getAttribute('aria-valuemax')),
          at: (
            bar.querySelector<HTMLElement>('.target-progress__expected')?.style.getPropertyValue('--at') ?? ''
          ).trim(),
          track: box('.target-progress__track')!,
          fill: box('.target-progress__fill')!,
          tick: box('.target-progress__expected'),
        };
      });
    }, ids);

    for (const tile of tiles) {
      expect(tile.own, tile.id).toEqual([]);
      // The fill is the value's share of the track, from its left edge.
      expect(tile.fill.left).toBeCloseTo(tile.track.left, 0);
      expect(Math.abs(tile.fill.width - (tile.track.width * tile.value) / tile.target)).toBeLessThanOrEqual(1);
      // The 3 px tick is centred on the expected share, inside the track, as tall as the bar.
      expect(tile.tick, tile.id).not.toBeNull();
      const tick = tile.tick!;
      const share = Number(/^([\d.]+)%$/.exec(tile.at)?.[1]) / 100;
      expect(share).toBeGreaterThan(0);
      expect(Math.abs(tick.width - 3)).toBeLessThanOrEqual(0.5);
      expect(tick.left).toBeGreaterThanOrEqual(tile.track.left - 0.5);
      expect(tick.right).toBeLessThanOrEqual(tile.track.right + 0.5);
      expect(tick.top).toBeCloseTo(tile.track.top, 0);
      expect(tick.bottom).toBeCloseTo(tile.track.bottom, 0);
      const centre = (tick.left + tick.right) / 2;
      const expected = Math.min(
        Math.max(tile.track.left + tile.track.width * share, tile.track.left + 1.5),
        tile.track.right - 1.5,
      );
      expect(Math.abs(centre - expected), tile.id).toBeLessThanOrEqual(1);
    }
    await page.close();
  });
});
