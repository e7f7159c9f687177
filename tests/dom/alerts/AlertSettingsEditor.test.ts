import { afterEach, describe, expect, it, vi } from 'vitest';
import AlertSettingsEditor from '../../../client/components/alerts/AlertSettingsEditor.vue';
import { DEFAULT_ALERT_THRESHOLDS } from '../../../shared/domain/alertTypes';
import { json, settle, stubFetch } from '../support/fakeFetch';
import { freshPinia, mountWithApp } from '../support/mountApp';

const settings = { floor: DEFAULT_ALERT_THRESHOLDS, teams: { north: { idleMinutes: 8 } } };

describe('AlertSettingsEditor', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends a team only the fields it set, all pause reasons once one is set', async () => {
    const calls = stubFetch({
      'GET /api/alert-settings': json(200, settings),
      'PUT /api/alert-settings': json(200, settings),
    });
    const editor = mountWithApp(AlertSettingsEditor, { pinia: freshPinia(), props: { team: 'north' } });
    await settle();
    expect((editor.find('input[name="idleMinutes"]').element as HTMLInputElement).value).toBe('8');
    expect(editor.find('input[name="longCallMinutes"]').attributes('placeholder')).toBe('20');
    await editor.find('input[name="pause.break"]').setValue('20');
    await editor.find('form').trigger('submit');
    await settle();
    expect(calls.at(-1)).toEqual({
      method: 'PUT',
      path: '/api/alert-settings',
      body: {
        scope: 'team',
        team: 'north',
        thresholds: { idleMinutes: 8, pauseMinutes: { ...DEFAULT_ALERT_THRESHOLDS.pauseMinutes, break: 20 } },
      },
    });
    expect(editor.find('[role="status"]').text()).toBe('Thresholds saved.');
  });

  it('shows the server’s 400 reason', async () => {
    stubFetch({
      'GET /api/alert-settings': json(200, settings),
      'PUT /api/alert-settings': json(400, { error: 'thresholds.idleMinutes: Too small: expected number to be >=1' }),
    });
    const editor = mountWithApp(AlertSettingsEditor, { pinia: freshPinia() });
    await settle();
    await editor.find('input[name="idleMinutes"]').setValue('0');
    await editor.find('form').trigger('submit');
    await settle();
    expect(editor.find('[role="alert"]').text()).toBe(
      'Not saved: thresholds.idleMinutes: Too small: expected number to be >=1',
    );
  });
});
