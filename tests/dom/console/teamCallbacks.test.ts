/** The console's team call-backs (issue #16): overdue first and in words, who is overdue, Reassign within the team. */
import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import TeamCallbacks from '../../../client/components/callbacks/TeamCallbacks.vue';
import type { CallbackView } from '../../../shared/domain/callbacks';
import { T0 } from '../support/floorData';
import { freshPinia } from '../support/mountApp';
import { mountView } from './support';

const MIN = 60_000;
const item = (call: string, rep: string, followUpAt: number | null, contact: string | null): CallbackView => ({
  ...{ call, rep, team: 'team-a', followUpAt, contact, customerHint: null },
  ...{ createdAt: T0 - 86_400_000, state: 'open', overdue: false },
});

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
});

function mountList(locale: 'en' | 'zh-CN' = 'en') {
  wrapper = mountView(TeamCallbacks, {
    pinia: freshPinia(),
    locale,
    props: {
      callbacks: [
        item('cb-soon', 'r2', T0 + 30 * MIN, 'Li Lei'),
        item('cb-late', 'r1', T0 - 20 * MIN, 'Wang Fang'),
        item('cb-grace', 'r1', T0 - 5 * MIN, null), // past its time, within the 15 min grace
      ],
      repNames: new Map([
        ['r1', 'Ann'],
        ['r2', 'Amy'],
      ]),
      reps: [
        { id: 'r1', name: 'Ann' },
        { id: 'r2', name: 'Amy' },
        { id: 'r3', name: 'Abe' },
      ],
      now: T0,
      graceMs: 15 * MIN,
      timeZone: 'UTC',
      busy: null,
    },
  });
  return wrapper;
}

describe('TeamCallbacks', () => {
  it('lists overdue first, marks it in words, and says who is overdue', () => {
    const w = mountList();
    expect(w.findAll('.team-callback').map((r) => r.attributes('data-call'))).toEqual([
      'cb-late',
      'cb-soon',
      'cb-grace',
    ]);
    const late = w.find('[data-call="cb-late"]');
    expect(late.find('.team-callback__overdue').text()).toContain('Overdue');
    expect(late.find('.team-callback__rep').text()).toBe('Ann');
    expect(w.find('[data-call="cb-grace"] .team-callback__overdue').exists()).toBe(false);
    expect(w.find('.team-callbacks__overdue').text()).toContain('Ann: 1 overdue');
  });

  it('reassigns to another rep of the team (the current one is not offered)', async () => {
    const w = mountList();
    await w.find('[data-call="cb-late"] .team-callback__reassign').trigger('click');
    const options = w.findAll('[data-call="cb-late"] option').map((o) => o.text());
    expect(options).toEqual(['Amy', 'Abe']);
    await w.find('[data-call="cb-late"] select').setValue('r3');
    await w.find('[data-call="cb-late"] form').trigger('submit');
    expect(w.emitted('reassign')).toEqual([['cb-late', 'r3']]);
  });

  it('speaks Chinese', () => {
    const w = mountList('zh-CN');
    expect(w.find('h2').text()).toBe('团队预约回访');
    expect(w.find('[data-call="cb-late"] .team-callback__reassign').text()).toBe('转派');
  });
});
