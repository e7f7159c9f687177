/**
 * Time labels follow the business day (issue #16 item 5): on a night shift with the day starting
 * at 06:00, a time after midnight in the same business day shows without a date.
 */
import type { VueWrapper } from '@vue/test-utils';
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import TeamCallbacks from '../../../client/components/callbacks/TeamCallbacks.vue';
import { formatFloorTime } from '../../../client/components/console/localTime';
import { useConnectionStore } from '../../../client/stores/connection';
import { useFloorStore } from '../../../client/stores/floor';
import TeamConsoleView from '../../../client/views/TeamConsoleView.vue';
import type { CallbackView } from '../../../shared/domain/callbacks';
import { emptyTargetSettings } from '../../../shared/domain/targetSettings';
import { SETTINGS, makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia } from '../support/mountApp';
import { makeNote, mountView, stubFetch } from './support';

const MIN = 60_000;
const DAY_START = 6 * 60;
const NIGHT_0200 = Date.UTC(2026, 2, 11, 2, 0); // 02:00 on the 11th: business day the 10th
const EVENING = Date.UTC(2026, 2, 10, 22, 30); // 22:30 on the 10th, same business day
const MORNING_AFTER = Date.UTC(2026, 2, 11, 7, 0); // 07:00 on the 11th: the next business day
const EARLY_BEFORE = Date.UTC(2026, 2, 10, 4, 0); // 04:00 on the 10th: the business day before

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

describe('formatFloorTime', () => {
  it('shows a date only outside the business day of now', () => {
    expect(formatFloorTime(EVENING, 'UTC', 'en', NIGHT_0200, DAY_START)).toBe('22:30');
    expect(formatFloorTime(MORNING_AFTER, 'UTC', 'en', NIGHT_0200, DAY_START)).toMatch(/Mar 11.*07:00/);
    expect(formatFloorTime(EARLY_BEFORE, 'UTC', 'en', NIGHT_0200, DAY_START)).toMatch(/Mar 10.*04:00/);
    // By the calendar (a day starting at midnight) 22:30 yesterday needs its date.
    expect(formatFloorTime(EVENING, 'UTC', 'en', NIGHT_0200)).toMatch(/Mar 10.*22:30/);
  });
});

describe('time labels on a night shift', () => {
  it('lists a call-back after midnight without a date when it is the same business day', () => {
    const item = (call: string, followUpAt: number): CallbackView => ({
      ...{ call, rep: 'r1', team: 'team-a', followUpAt, contact: 'Li Lei', customerHint: null },
      ...{ createdAt: EVENING, state: 'open', overdue: false },
    });
    const mountAt = (now: number, dayStart?: number) =>
      mountView(TeamCallbacks, {
        pinia: freshPinia(),
        props: {
          callbacks: [item('cb-night', NIGHT_0200 + 90 * MIN), item('cb-day', MORNING_AFTER + 2 * 60 * MIN)],
          repNames: new Map([['r1', 'Ann']]),
          reps: [{ id: 'r1', name: 'Ann' }],
          ...{ now, graceMs: 15 * MIN, timeZone: 'UTC', busy: null, dayStart },
        },
      });
    wrapper = mountAt(EVENING, DAY_START);
    const time = (call: string) => wrapper!.find(`[data-call="${call}"] .team-callback__time`).text();
    expect(time('cb-night')).toBe('03:30');
    expect(time('cb-day')).toMatch(/Mar 11.*09:00/);
    wrapper.unmount();
    // Without the day start the calendar rules: 03:30 tomorrow carries its date.
    wrapper = mountAt(EVENING);
    expect(time('cb-night')).toMatch(/Mar 11.*03:30/);
  });

  it('the console passes the floor’s day start: last evening’s note shows its time alone at 02:00', async () => {
    stubFetch(({ method, url }) => {
      if (method === 'GET' && url === '/api/coaching-notes?team=team-a')
        return {
          status: 200,
          body: {
            notes: [
              makeNote({ id: 'evening', rep: 'r1', createdAt: EVENING }),
              makeNote({ id: 'before', rep: 'r1', createdAt: EARLY_BEFORE }),
            ],
          },
        };
      if (method === 'GET' && url === '/api/targets')
        return { status: 200, body: { defaults: {}, settings: emptyTargetSettings() } };
      return undefined;
    });
    const pinia = freshPinia();
    useConnectionStore().observeServerNow(NIGHT_0200);
    const settings = { ...SETTINGS, shiftStart: '21:00', shiftEnd: '05:00', dayStart: '06:00' };
    useFloorStore().applySnapshot(
      makeSnapshot([makeRep({ id: 'r1', name: 'Ada', team: 'team-a' })], {
        scope: { kind: 'team', team: 'team-a' },
        day: '2026-03-10',
        serverNow: NIGHT_0200,
        settings,
      }),
    );
    wrapper = mountView(TeamConsoleView, { pinia, props: { team: 'team-a' } });
    await flushPromises();
    const times = wrapper.findAll('.note__time').map((t) => t.text());
    expect(times).toHaveLength(2);
    expect(times).toContain('22:30');
    expect(times.find((t) => t.includes('04:00'))).toMatch(/Mar 10/);
  });
});
