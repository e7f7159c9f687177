import { describe, expect, it } from 'vitest';
import type { SourceEvent } from '../../shared/events/callEvent';
import { seededFloor } from './support/seededFloor';

/** Issue #16: the handoff board on a lead's desktop (1440×900): every figure and label whole. */
const PASSWORD = 'e2e-handoffs-password';
const DESKTOP = { width: 1440, height: 900 };
const FROM = 'team-ho-sales';
const TO = 'team-ho-closers';
const floor = seededFloor({
  password: PASSWORD,
  accounts: [{ username: 'ho-lead', role: 'lead', team: TO }],
  events: (now) => {
    const at = now - 3 * 3_600_000;
    const events: SourceEvent[] = [
      { type: 'rep.login', rep: 'rep-ho-1', name: 'Ouyang Xiaoming-Longname', team: FROM, at },
      { type: 'rep.login', rep: 'rep-ho-2', name: 'Li Na', team: FROM, at },
    ];
    for (let i = 0; i < 8; i++) {
      const lead = `ho-e2e-${i}`;
      const rep = i % 2 === 0 ? 'rep-ho-1' : 'rep-ho-2';
      const handoffAt = at + i * 60_000;
      events.push({
        ...{ type: 'lead.handoff', rep, lead, to: TO, at: handoffAt, amount: 1_234_567.89 },
        contact: `Shanghai Pudong Mega Trading Company Limited ${i}`,
        customer: '13812345678',
      });
      if (i % 4 === 1) events.push({ type: 'lead.accepted', rep, lead, by: 'closer-1', at: handoffAt + 60_000 });
      if (i % 4 === 2)
        events.push({ type: 'lead.rejected', rep, lead, by: 'closer-1', reason: 'no_budget', at: handoffAt + 60_000 });
      if (i % 4 === 3)
        events.push({ type: 'lead.closed', rep, lead, result: 'won', amount: 2_345_678.9, at: handoffAt + 120_000 });
    }
    return events;
  },
});
const signedIn = (username: string) => floor.signedIn(username, DESKTOP);

describe('the handoff board in the browser', () => {
  it('renders at 1440×900 with nothing clipped: figures, states and buttons whole, long labels elided with a title', async () => {
    const { page, errors } = await signedIn('ho-lead');
    await page.waitForURL('**/team/**');
    await page.locator('.app-bar a[href="/handoffs"]').click();
    await page.waitForURL('**/handoffs');
    await page.locator('.handoffs-view__open [data-lead="ho-e2e-0"]').waitFor({ timeout: 15_000 });
    await page.locator('.handoffs-view__recent [data-lead="ho-e2e-3"]').waitFor({ timeout: 15_000 });

    // Oldest first; the customer's number appears nowhere.
    const open = await page
      .locator('.handoffs-view__open tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lead')));
    expect(open).toEqual(['ho-e2e-0', 'ho-e2e-1', 'ho-e2e-4', 'ho-e2e-5']);
    expect(await page.content()).not.toContain('13812345678');
    expect(await page.locator('[data-lead="ho-e2e-0"] [data-test="waiting-too-long"]').innerText()).toContain(
      'Waiting too long',
    );

    // Nothing scrolls sideways; every table inside the viewport.
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(DESKTOP.width);
    for (const table of await page.locator('.handoff-table, .handoff-rates').all()) {
      const box = (await table.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(DESKTOP.width);
    }
    // The two rate tables side by side, apart.
    const [byRep, byTeam] = await Promise.all(
      [0, 1].map(async (i) => (await page.locator('.handoff-rates').nth(i).boundingBox())!),
    );
    expect(byRep!.x + byRep!.width).toBeLessThan(byTeam!.x);
    // Figures, states, rates and buttons: their text fits their box (no overflow, no ellipsis).
    const clipped = await page
      .locator(
        '.handoff-table__num, .handoff-table__state, .handoff-rates__num, .handoff-table__accept, [data-test="handoff-counts"], .handoffs-view h1',
      )
      .evaluateAll((cells) =>
        cells
          .filter((c) => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)
          .map((c) => `${c.className}: ${(c as HTMLElement).innerText}`),
      );
    expect(clipped).toEqual([]);
    // Long contact labels and names may be elided, and then say the whole in a title.
    const elided = await page
      .locator('.handoff-table__lead, .handoff-table__from')
      .evaluateAll((cells) =>
        cells
          .filter((c) => c.scrollWidth > c.clientWidth + 1)
          .map((c) => [c.getAttribute('title'), (c as HTMLElement).textContent?.trim()]),
      );
    for (const [title, text] of elided) expect(title).toBe(text);
    // The Accept button inside its row and the viewport.
    const accept = (await page.locator('[data-lead="ho-e2e-0"] .handoff-table__accept').boundingBox())!;
    expect(accept.x + accept.width).toBeLessThanOrEqual(DESKTOP.width);
    expect(accept.height).toBeGreaterThanOrEqual(24);
    expect(errors).toEqual([]);
  });
});
