/** The wallboard's overdue call-backs per team (issue #16): counts only, hidden when none. */
import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import OverdueCallbacks from '../../../client/components/callbacks/OverdueCallbacks.vue';
import { freshPinia } from '../support/mountApp';
import { mountView } from '../console/support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

describe('OverdueCallbacks', () => {
  it('shows the total and each team with overdue call-backs, in words and figures', () => {
    wrapper = mountView(OverdueCallbacks, {
      pinia: freshPinia(),
      props: { teams: { 'team-b': 1, 'team-a': 3, '': 2 } },
    });
    expect(wrapper.find('h2').text()).toContain('Call-backs overdue: 6');
    expect(wrapper.findAll('.overdue-callbacks__team').map((li) => li.text())).toEqual([
      'No team 2',
      'team-a 3',
      'team-b 1',
    ]);
  });

  it('is hidden when nothing is overdue, and speaks Chinese', () => {
    wrapper = mountView(OverdueCallbacks, { pinia: freshPinia(), props: { teams: { 'team-a': 0 } } });
    expect(wrapper.find('.overdue-callbacks').exists()).toBe(false);
    wrapper.unmount();
    wrapper = mountView(OverdueCallbacks, { pinia: freshPinia(), locale: 'zh-CN', props: { teams: { 'team-a': 2 } } });
    expect(wrapper.find('h2').text()).toContain('逾期回访：2');
  });
});
