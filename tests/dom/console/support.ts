import { mount } from '@vue/test-utils';
import type { Pinia } from 'pinia';
import { vi } from 'vitest';
import type { Component } from 'vue';
import { defineComponent, h } from 'vue';
import { createAppI18n } from '../../../client/i18n';
import type { Locale } from '../../../client/i18n';
import type { CoachingNote } from '../../../shared/domain/coaching';
import { T0 } from '../support/floorData';

/** ECharts needs a canvas; component tests render the option's title as text instead. */
export const BaseChartStub = defineComponent({
  name: 'BaseChart',
  props: { option: { type: Object, required: true }, label: { type: String, default: '' } },
  setup: (props) => () => h('div', { class: 'base-chart-stub', 'aria-label': props.label }),
});

/** Mounts with Pinia, the app's i18n (console messages merged) and BaseChart stubbed. */
export function mountView<C extends Component>(
  component: C,
  options: { pinia: Pinia; props?: Record<string, unknown>; locale?: Locale },
) {
  return mount(component, {
    props: options.props,
    attachTo: document.body,
    global: { plugins: [options.pinia, createAppI18n(options.locale ?? 'en')], stubs: { BaseChart: BaseChartStub } },
  } as Parameters<typeof mount<C>>[1]);
}

export interface FakeRequest {
  method: string;
  url: string;
  body: unknown;
}

type Handler = (req: FakeRequest) => { status: number; body?: unknown } | undefined;

/** Stubs fetch: `handler` answers by method and URL (404 when it returns nothing); requests are recorded. */
export function stubFetch(handler: Handler): FakeRequest[] {
  const requests: FakeRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const req: FakeRequest = {
        method: init?.method ?? 'GET',
        url: String(input),
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      };
      requests.push(req);
      const answer = handler(req) ?? { status: 404, body: { error: 'not found' } };
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return requests;
}

/** A coaching note with quiet defaults. */
export function makeNote(overrides: Partial<CoachingNote> & { id: string }): CoachingNote {
  return {
    rep: 'r1',
    team: 'team-a',
    author: 'lead-a',
    text: 'Nice work',
    tag: null,
    call: null,
    createdAt: T0,
    ackAt: null,
    ...overrides,
  };
}
