import { describe, expect, it } from 'vitest';
import type { SourceEvent } from '../../shared/events/callEvent';
import { seededFloor } from './support/seededFloor';

/** Issue #16: the call-back ledger on a rep's phone (Done) and on the lead's console (Reassign). */
const PASSWORD = 'e2e-callbacks-password';
const PHONE = { width: 390, height: 844 };
const TEAM = 'team-cb';
const { signedIn } = seededFloor({
  password: PASSWORD,
  accounts: [
    { username: 'cb-lead', role: 'lead', team: TEAM },
    { username: 'cb-rep', role: 'rep', rep: 'rep-cb-1', team: TEAM },
  ],
  events: (now) => {
    const at = now - 60_000;
    const events: SourceEvent[] = [
      { type: 'rep.login', rep: 'rep-cb-1', name: 'Zhou Yi', team: TEAM, at },
      { type: 'rep.login', rep: 'rep-cb-2', name: 'Wu Er', team: TEAM, at },
      // An hour late (past the 15 min grace) and one in two hours.
      ...[
        ['cb-e2e-late', 'Zhao Min', now - 3_600_000],
        ['cb-e2e-later', 'Qian Wu', now + 7_200_000],
      ].flatMap(([call, contact, followUpAt]): SourceEvent[] => [
        { type: 'call.dial', rep: 'rep-cb-1', call: call as string, at, customer: `crm:${call}` },
        {
          ...{ type: 'call.outcome', rep: 'rep-cb-1', call: call as string, at: at + 1000, outcome: 'callback' },
          ...{ followUpAt: followUpAt as number, contact: contact as string, customer: `crm:${call}` },
        },
      ]),
    ];
    return events;
  },
  consoleErrors: true,
});

describe('call-backs in the browser', () => {
  it('a rep on a phone sees the overdue one first, in words, with Done and Cancel in reach, and marks it done', async () => {
    const { page, errors } = await signedIn('cb-rep', PHONE);
    await page.waitForURL('**/me');
    const late = page.locator('.callbacks .callback[data-call="cb-e2e-late"]');
    await late.waitFor({ timeout: 10_000 });
    expect(
      await page.locator('.callbacks .callback').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-call'))),
    ).toEqual(['cb-e2e-late', 'cb-e2e-later']);
    expect(await late.locator('.callback__overdue').innerText()).toContain('Overdue');
    expect(await page.locator('.callback-reminder').innerText()).toContain('Call-back overdue: Zhao Min');
    // Both buttons inside the phone's width; nothing scrolls sideways.
    for (const button of ['.callback__done', '.callback__cancel']) {
      const box = (await late.locator(button).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      expect(box.height).toBeGreaterThanOrEqual(24);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    await late.locator('.callback__done').click();
    await late.waitFor({ state: 'detached' });
    expect(await page.locator('.callbacks .callback').count()).toBe(1);
    expect(await page.locator('.callback-reminder').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a lead reassigns a call-back to another rep of the team on the console', async () => {
    const { page, errors } = await signedIn('cb-lead', { width: 1280, height: 800 });
    await page.waitForURL(`**/team/${TEAM}`);
    const row = page.locator('.team-callback[data-call="cb-e2e-later"]');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('.team-callback__rep').innerText()).toBe('Zhou Yi');
    await row.locator('.team-callback__reassign').click();
    await row.locator('select').selectOption('rep-cb-2');
    await row.locator('form button[type=submit]').click();
    await expect.poll(() => row.locator('.team-callback__rep').innerText()).toBe('Wu Er');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
