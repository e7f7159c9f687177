import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Pinia } from 'pinia';
import type { Component } from 'vue';
import { createAppI18n } from '../../../client/i18n';
import type { Locale } from '../../../client/i18n';

/** A fresh Pinia, made active so the test can fill stores before mounting. */
export function freshPinia(): Pinia {
  const pinia = createPinia();
  setActivePinia(pinia);
  return pinia;
}

/** Mounts with the app's plugins (the given Pinia and a fresh i18n in `locale`). */
export function mountWithApp<C extends Component>(
  component: C,
  options: { pinia: Pinia; locale?: Locale; props?: Record<string, unknown> },
) {
  return mount(component, {
    props: options.props,
    global: { plugins: [options.pinia, createAppI18n(options.locale ?? 'en')] },
  } as Parameters<typeof mount<C>>[1]);
}
