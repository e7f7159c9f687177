import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUPERVISOR_DESK_SCREENS, TV_PANELS } from '../../screens/screens';

/** `npm run screens` keeps the pages of issues #15 and #16 and the TV campaigns panel in its list. */
const router = readFileSync(new URL('../../../client/router.ts', import.meta.url), 'utf8');
const tv = readFileSync(new URL('../../../client/views/TvView.vue', import.meta.url), 'utf8');
const run = readFileSync(new URL('../../screens/run.ts', import.meta.url), 'utf8');

describe('the screens list', () => {
  it('captures /campaigns, /feedback and /handoffs, each a route of the app', () => {
    expect(SUPERVISOR_DESK_SCREENS.map((s) => s.path)).toEqual(['/campaigns', '/feedback', '/handoffs']);
    for (const screen of SUPERVISOR_DESK_SCREENS) {
      expect(router).toContain(`path: '${screen.path}'`);
      expect(screen.ready.length).toBeGreaterThan(0);
    }
    expect(new Set(SUPERVISOR_DESK_SCREENS.map((s) => s.name)).size).toBe(SUPERVISOR_DESK_SCREENS.length);
  });

  it("captures the TV's floor and alerts on the kiosk and the campaigns panel on a supervisor's TV", () => {
    expect(TV_PANELS.map((p) => [p.pin, p.supervisorOnly])).toEqual([
      ['floor', false],
      ['alerts', false],
      ['campaigns', true],
    ]);
    // Each pin is a panel of the TV view (a slot of its rotator).
    for (const panel of TV_PANELS) expect(tv).toContain(`#${panel.pin}`);
  });

  it('shoots each list entry in both languages, counting every cut text box on the whole page', () => {
    expect(run).toMatch(/LOCALES: Locale\[] = \['en', 'zh-CN'\]/);
    expect(run).toContain('for (const screen of SUPERVISOR_DESK_SCREENS)');
    expect(run).toContain('clippedText(page, fullPage)');
    expect(run).toContain('`${screen.name}-full`), true)');
  });
});
