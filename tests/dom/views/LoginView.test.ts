import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import App from '../../../client/App.vue';
import { createAppI18n } from '../../../client/i18n';
import type { Locale } from '../../../client/i18n';
import { createAppRouter } from '../../../client/router';
import { useSessionStore } from '../../../client/stores/session';
import { json, stubFetch } from '../support/fakeFetch';
import { freshPinia } from '../support/mountApp';
import { SUPERVISOR } from '../support/viewers';

const SAM = { username: 'sam', role: 'supervisor', team: null, rep: null, createdAt: 1 };

async function openLogin(path = '/login', locale: Locale = 'en') {
  const pinia = freshPinia();
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  const wrapper = mount(App, {
    global: { plugins: [pinia, createAppI18n(locale), router] },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, router };
}

async function signIn(wrapper: Awaited<ReturnType<typeof openLogin>>['wrapper'], password = 'correct horse') {
  await wrapper.find('input[name="username"]').setValue(' sam ');
  await wrapper.find('input[name="password"]').setValue(password);
  await wrapper.find('form').trigger('submit');
  await flushPromises();
}

describe('LoginView', () => {
  let wrappers: { unmount(): void }[] = [];

  beforeEach(() => {
    wrappers = [];
  });

  afterEach(() => {
    for (const w of wrappers) w.unmount();
    vi.unstubAllGlobals();
  });

  it('signs in and goes where the visitor was going', async () => {
    let signedIn = false;
    const calls = stubFetch({
      'GET /api/auth/session': () => json(200, { viewer: signedIn ? SUPERVISOR : null }),
      'POST /api/auth/login': () => {
        signedIn = true;
        return json(200, { token: 't', user: SAM });
      },
    });
    const { wrapper, router } = await openLogin('/floor');
    wrappers.push(wrapper);
    expect(router.currentRoute.value.fullPath).toBe('/login?redirect=/floor');
    expect(document.activeElement).toBe(wrapper.find('input[name="username"]').element);

    await signIn(wrapper);

    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ username: 'sam', password: 'correct horse' });
    expect(router.currentRoute.value.fullPath).toBe('/floor');
    expect(wrapper.find('.wallboard').exists()).toBe(true);
    expect(wrapper.find('[data-test="who"]').text()).toBe('Signed in as sam (Supervisor)');
  });

  it('shows wrong credentials, clears the password and puts the focus back in it', async () => {
    stubFetch({
      'GET /api/auth/session': json(200, { viewer: null }),
      'POST /api/auth/login': json(401, { error: 'wrong username or password' }),
    });
    const { wrapper, router } = await openLogin();
    wrappers.push(wrapper);

    await signIn(wrapper);

    const error = wrapper.find('[data-test="error"]');
    expect(error.text()).toBe('Wrong username or password.');
    expect(error.attributes('role')).toBe('alert');
    const password = wrapper.find<HTMLInputElement>('input[name="password"]');
    expect(password.element.value).toBe('');
    expect(document.activeElement).toBe(password.element);
    expect(router.currentRoute.value.name).toBe('login');
  });

  it('says how many seconds to wait when sign-ins are throttled, in Chinese too', async () => {
    stubFetch({
      'GET /api/auth/session': json(200, { viewer: null }),
      'POST /api/auth/login': json(429, { error: 'too many failed log-ins' }, { 'Retry-After': '37' }),
    });
    const { wrapper } = await openLogin('/login', 'zh-CN');
    wrappers.push(wrapper);

    await signIn(wrapper);

    expect(wrapper.find('[data-test="error"]').text()).toBe('登录失败次数过多，请在 37 秒后重试。');
  });

  it('says when the server cannot be reached', async () => {
    stubFetch({ 'GET /api/auth/session': json(200, { viewer: null }) });
    const { wrapper } = await openLogin();
    wrappers.push(wrapper);
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));

    await signIn(wrapper);

    expect(wrapper.find('[data-test="error"]').text()).toBe(
      'Cannot reach the server. Check the network and try again.',
    );
  });

  it('tells a TV in both languages to open its wallboard link, and why it was signed out', async () => {
    stubFetch({ 'GET /api/auth/session': json(200, { viewer: null }) });
    const { wrapper } = await openLogin('/login', 'zh-CN');
    wrappers.push(wrapper);
    expect(wrapper.findAll('[data-test="kiosk-hint"]').map((p) => p.text())).toEqual([
      '现场大屏电视：此屏幕尚未登录。请打开主管提供的现场大屏链接。',
      'Wallboard TV: this screen is not signed in. Open the wallboard link your supervisor gave you.',
    ]);

    useSessionStore().$patch({ ended: { reason: 'revoked', kiosk: true } });
    await flushPromises();
    expect(wrapper.find('[data-test="ended"]').text()).toBe('此现场大屏链接已被撤销，请向主管索取新链接。');
  });
});
