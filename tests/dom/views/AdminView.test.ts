import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppI18n } from '../../../client/i18n';
import AdminView from '../../../client/views/AdminView.vue';
import { json, noContent, stubFetch } from '../support/fakeFetch';
import type { FetchCall } from '../support/fakeFetch';
import { freshPinia } from '../support/mountApp';

const SAM = { username: 'sam', role: 'supervisor', team: null, rep: null, createdAt: Date.UTC(2026, 0, 5, 9) };
const DEFAULTS = { dials: 180, effectiveCalls: 30, talkMinutes: 150, leads: 6, deals: 2, revenue: 5000 };
const NO_CALENDAR = { source: 'none', missingYears: [] };
const KIOSK = { id: 'kq1', name: 'North TV', createdBy: 'sam', createdAt: Date.UTC(2026, 0, 6, 9) };

function adminRoutes(extra: Parameters<typeof stubFetch>[0] = {}): FetchCall[] {
  return stubFetch({
    'GET /api/users': json(200, { users: [SAM] }),
    'GET /api/kiosks': json(200, { kiosks: [] }),
    'GET /api/dead-letters?limit=50': json(200, { total: 0, entries: [] }),
    'GET /api/sources': json(200, { now: 0, silentMinutes: 5, sources: [] }),
    'GET /api/targets': json(200, {
      defaults: DEFAULTS,
      settings: { floor: { daily: { dials: 200 } }, teams: {}, reps: {} },
      calendar: NO_CALENDAR,
    }),
    ...extra,
  });
}

async function mountAdmin() {
  const wrapper = mount(AdminView, { global: { plugins: [freshPinia(), createAppI18n('en')] } });
  await flushPromises();
  return wrapper;
}

describe('AdminView', () => {
  beforeEach(() => {
    vi.stubGlobal('location', { origin: 'https://floor.example' });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists the accounts', async () => {
    adminRoutes();
    const admin = await mountAdmin();
    const row = admin.find('[data-username="sam"]');
    expect(row.findAll('th, td').map((c) => c.text())[1]).toBe('Supervisor');
  });

  it('shows the server’s reason when it refuses a new account, and adds it once accepted', async () => {
    let attempt = 0;
    const calls = adminRoutes({
      'POST /api/users': (body) => {
        attempt++;
        if (attempt === 1) return json(400, { error: 'team: is required for a lead' });
        const user = body as { username: string; role: string; team: string };
        return json(201, { ...user, password: undefined, rep: null, createdAt: Date.UTC(2026, 1, 1) });
      },
    });
    const admin = await mountAdmin();
    const form = admin.find('[data-test="add-account"]');
    await form.find('input[name="username"]').setValue('lena');
    await form.find('input[name="password"]').setValue('long enough pw');
    await form.find('select[name="role"]').setValue('lead');
    expect(form.find('input[name="rep"]').exists()).toBe(false);
    expect(form.text()).toContain('Required: the team this lead coaches.');

    await form.trigger('submit');
    await flushPromises();

    expect(calls.at(-1)).toEqual({
      method: 'POST',
      path: '/api/users',
      body: { username: 'lena', password: 'long enough pw', role: 'lead' },
    });
    expect(admin.find('[data-test="add-error"]').text()).toBe('Not saved: team: is required for a lead');
    expect(admin.find('[data-username="lena"]').exists()).toBe(false);

    await form.find('input[name="team"]').setValue('north');
    await form.trigger('submit');
    await flushPromises();

    expect(calls.at(-1)?.body).toEqual({ username: 'lena', password: 'long enough pw', role: 'lead', team: 'north' });
    expect(admin.find('[data-test="add-error"]').exists()).toBe(false);
    const cells = admin
      .find('[data-username="lena"]')
      .findAll('th, td')
      .map((c) => c.text());
    expect(cells.slice(0, 4)).toEqual(['lena', 'Team lead', 'north', '—']);
  });

  it('removes an account only after confirming', async () => {
    const calls = adminRoutes({
      'GET /api/users': json(200, { users: [SAM, { ...SAM, username: 'bob', role: 'rep', rep: 'rep-002' }] }),
      'DELETE /api/users/bob': noContent(),
    });
    const admin = await mountAdmin();
    await admin.find('[data-username="bob"] button.admin-danger').trigger('click');
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    expect(admin.find('[data-username="bob"]').text()).toContain('Remove bob? Their sessions end at once.');

    await admin.find('[data-username="bob"] [data-test="confirm-yes"]').trigger('click');
    await flushPromises();

    expect(calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/users/bob' });
    expect(admin.find('[data-username="bob"]').exists()).toBe(false);
  });

  it('shows a new wallboard link once, in full, with a way to copy it', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    adminRoutes({
      'POST /api/kiosks': json(201, { kiosk: KIOSK, token: 'tok-123', url: '/wallboard/tok-123' }),
    });
    const admin = await mountAdmin();
    await admin.find('input[name="kiosk-name"]').setValue('North TV');
    await admin.find('[data-test="add-kiosk"]').trigger('submit');
    await flushPromises();

    const panel = admin.find('[data-test="new-kiosk"]');
    const link = panel.find<HTMLInputElement>('[data-test="kiosk-link"]');
    expect(link.element.value).toBe('https://floor.example/wallboard/tok-123');
    expect(panel.text()).toContain('shown only once');
    expect(admin.find('[data-kiosk="kq1"]').text()).toContain('North TV');

    await panel
      .findAll('button')
      .find((b) => b.text() === 'Copy')!
      .trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith('https://floor.example/wallboard/tok-123');
    expect(panel.text()).toContain('Copied');

    await panel
      .findAll('button')
      .find((b) => b.text() === 'Done')!
      .trigger('click');
    expect(admin.find('[data-test="new-kiosk"]').exists()).toBe(false);
    expect(admin.html()).not.toContain('tok-123');
  });

  it('shows the current floor target, the default as placeholder, and saves a row', async () => {
    const calls = adminRoutes({
      'PUT /api/targets': (body) =>
        json(200, {
          defaults: DEFAULTS,
          settings: { floor: { daily: { dials: 200 }, monthly: { deals: 40 } }, teams: {}, reps: {} },
          calendar: NO_CALENDAR,
          echo: body,
        }),
    });
    const admin = await mountAdmin();
    const dials = admin.find<HTMLInputElement>('input[name="daily-dials"]');
    expect(dials.element.value).toBe('200');
    expect(admin.find('input[name="daily-leads"]').attributes('placeholder')).toBe('6');

    await admin.find('input[name="monthly-deals"]').setValue('40');
    await admin.find('[data-period="monthly"] button').trigger('click');
    await flushPromises();

    expect(calls.at(-1)).toEqual({
      method: 'PUT',
      path: '/api/targets',
      body: {
        scope: { kind: 'floor' },
        period: 'monthly',
        targets: { dials: null, effectiveCalls: null, talkMinutes: null, leads: null, deals: 40, revenue: null },
      },
    });
    expect(admin.find('[data-period="monthly"]').text()).toContain('Monthly targets saved.');
  });

  it('saves a weekly floor target, the row between daily and monthly', async () => {
    const calls = adminRoutes({
      'PUT /api/targets': json(200, {
        defaults: DEFAULTS,
        settings: { floor: { weekly: { leads: 30 } }, teams: {}, reps: {} },
        calendar: NO_CALENDAR,
      }),
    });
    const admin = await mountAdmin();
    const rows = admin.findAll('[data-test="targets"] tbody tr').map((r) => r.attributes('data-period'));
    expect(rows).toEqual(['daily', 'weekly', 'monthly']);
    expect(admin.find('input[name="weekly-leads"]').attributes('placeholder')).toBe(''); // no weekly default
    await admin.find('input[name="weekly-leads"]').setValue('30');
    await admin.find('[data-period="weekly"] button').trigger('click');
    await flushPromises();
    expect(calls.at(-1)?.body).toMatchObject({ scope: { kind: 'floor' }, period: 'weekly', targets: { leads: 30 } });
    expect(admin.find<HTMLInputElement>('input[name="weekly-leads"]').element.value).toBe('30');
    expect(admin.find('[data-period="weekly"]').text()).toContain('Weekly targets saved.');
  });
});
