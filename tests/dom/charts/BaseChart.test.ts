import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';

const chart = { setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() };
const init = vi.fn(() => chart);
vi.mock('../../../client/charts/echarts', () => ({ init }));

const { default: BaseChart } = await import('../../../client/components/charts/BaseChart.vue');

describe('BaseChart', () => {
  it('initialises once, merges option changes lazily and disposes on unmount', async () => {
    const first = { title: { text: 'a' } };
    const wrapper = mount(BaseChart, { props: { option: first, label: 'Dials 25%' } });
    expect(init).toHaveBeenCalledTimes(1);
    expect(chart.setOption).toHaveBeenLastCalledWith(first, { notMerge: false, lazyUpdate: true });
    expect(wrapper.attributes('aria-label')).toBe('Dials 25%');

    const second = { title: { text: 'b' } };
    await wrapper.setProps({ option: second });
    await nextTick();
    expect(init).toHaveBeenCalledTimes(1);
    expect(chart.setOption).toHaveBeenLastCalledWith(second, { notMerge: false, lazyUpdate: true });

    wrapper.unmount();
    expect(chart.dispose).toHaveBeenCalledTimes(1);
  });
});
