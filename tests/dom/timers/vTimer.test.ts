import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref, withDirectives } from 'vue';
import { vTimer } from '../../../client/directives/timer';
import { useClockStore } from '../../../client/stores/clock';
import { useConnectionStore } from '../../../client/stores/connection';
import { TIMER_SCOPE_ATTRIBUTE } from '../../../client/timers/timerTexts';
import { T0 } from '../support/floorData';
import { freshPinia, mountWithApp } from '../support/mountApp';

/** A controllable IntersectionObserver: the test says which targets are on screen. */
class FakeIntersectionObserver {
  static instances: FakeIntersectionObserver[] = [];
  readonly targets = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.instances.push(this);
  }
  observe(target: Element): void {
    this.targets.add(target);
  }
  unobserve(target: Element): void {
    this.targets.delete(target);
  }
  disconnect(): void {
    this.targets.clear();
  }
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
  show(target: Element, isIntersecting: boolean): void {
    this.callback([{ target, isIntersecting } as IntersectionObserverEntry], this as unknown as IntersectionObserver);
  }
}

/** `count` timers in two scopes (think: two teams of tiles), counting from T0 - 5 s, T0 - 6 s, … */
const Timers = defineComponent({
  props: { count: { type: Number, required: true } },
  setup(props) {
    const since = ref(Array.from({ length: props.count }, (_, i) => T0 - (5 + i) * 1000));
    const scope = (name: string, ids: number[]) =>
      h(
        'section',
        { [TIMER_SCOPE_ATTRIBUTE]: '', 'data-scope': name },
        ids.map((i) => withDirectives(h('span', { class: 'timer', 'data-i': i }), [[vTimer, since.value[i]!]])),
      );
    const half = Math.ceil(props.count / 2);
    const all = [...since.value.keys()];
    return { since, render: () => h('div', [scope('a', all.slice(0, half)), scope('b', all.slice(half))]) };
  },
  render() {
    return this.render();
  },
});

describe('v-timer: one ticking owner for every live timer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    FakeIntersectionObserver.instances = [];
    vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  function mountTimers(count = 4) {
    const pinia = freshPinia();
    const wrapper = mountWithApp(Timers, { pinia, props: { count } });
    const text = (i: number) => wrapper.find(`.timer[data-i="${i}"]`).text();
    const scope = (name: string) => wrapper.find(`[data-scope="${name}"]`).element;
    return { wrapper, text, scope };
  }

  it('writes every timer from one clock, once a second, with one timer for all', async () => {
    const { text, wrapper } = mountTimers(4);
    expect([0, 1, 2, 3].map(text)).toEqual(['0:05', '0:06', '0:07', '0:08']);

    await vi.advanceTimersByTimeAsync(1_000);
    expect([0, 1, 2, 3].map(text)).toEqual(['0:06', '0:07', '0:08', '0:09']);
    await vi.advanceTimersByTimeAsync(3_000);
    expect([0, 1, 2, 3].map(text)).toEqual(['0:09', '0:10', '0:11', '0:12']);
    // (Vue's devtools hook sets a one-off timer on the first mount; by now only the clock's is left.)
    expect(vi.getTimerCount()).toBe(1);

    wrapper.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('watches visibility per scope, not per timer, and skips scopes off screen', async () => {
    const { text, scope } = mountTimers(4);
    const [observer] = FakeIntersectionObserver.instances;
    expect([...observer!.targets]).toEqual([scope('a'), scope('b')]);

    observer!.show(scope('b'), false);
    await vi.advanceTimersByTimeAsync(3_000);
    expect([0, 1].map(text)).toEqual(['0:08', '0:09']);
    // Off screen: left as it was, no DOM write.
    expect([2, 3].map(text)).toEqual(['0:07', '0:08']);

    // Back on screen: brought up to date at once, not at the next tick.
    observer!.show(scope('b'), true);
    expect([2, 3].map(text)).toEqual(['0:10', '0:11']);
  });

  it('shows a new moment at once (a new status), without waiting for the tick', async () => {
    const { wrapper, text } = mountTimers(2);
    (wrapper.vm as unknown as { since: number[] }).since[0] = T0 - 61_000;
    await nextTick();
    expect(text(0)).toBe('1:01');
  });

  it('counts in server time, and a jump of the server clock shows at once', async () => {
    const { text } = mountTimers(1);
    expect(text(0)).toBe('0:05');
    useConnectionStore().observeServerNow(T0 + 120_000, T0);
    expect(text(0)).toBe('2:05');
  });

  it('does not move timers for the small offset corrections that come with every delta', () => {
    mountTimers(1);
    const clock = useClockStore();
    const connection = useConnectionStore();
    connection.observeServerNow(T0, T0);
    const before = clock.now;
    for (let i = 1; i <= 20; i++) connection.observeServerNow(T0 + (i % 2 ? 40 : -40), T0);
    expect(clock.now).toBe(before);
  });
});
