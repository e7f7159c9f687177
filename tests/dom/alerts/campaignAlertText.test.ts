/** The issue #15 alerts in words, in English and 简体中文: no rule code or raw detail on screen. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import AlertFeed from '../../../client/components/alerts/AlertFeed.vue';
import AlertSettingsEditor from '../../../client/components/alerts/AlertSettingsEditor.vue';
import { DEFAULT_ALERT_THRESHOLDS, FLOOR_ONLY_THRESHOLDS } from '../../../shared/domain/alertTypes';
import { json, settle, stubFetch } from '../support/fakeFetch';
import { makeAlert } from '../support/alertData';
import { freshPinia, mountWithApp } from '../support/mountApp';

const alerts = [
  makeAlert({
    id: 'l',
    rule: 'caller_id_flagged',
    rep: 'line:+862155550100',
    repName: '+862155550100',
    team: null,
    detail: '25/80',
  }),
  makeAlert({ id: 'q', rule: 'list_quality', rep: 'list:L1', repName: 'L1', team: null, detail: '35/120' }),
  makeAlert({ id: 'd', rule: 'list_running_dry', rep: 'list:L2', repName: 'L2', team: null, detail: '12' }),
  makeAlert({ id: 'e', rule: 'list_running_dry', rep: 'list:L3', repName: 'L3', team: null, detail: '0' }),
  makeAlert({ id: 'm', rule: 'missing_outcome', detail: '3' }),
  makeAlert({ id: 'c', rule: 'contact_frequency', detail: '5/rep-b1,rep-b2' }),
  makeAlert({ id: 'r', rule: 'contact_frequency', detail: '/rep-b1' }),
];

function rules(locale: 'en' | 'zh-CN'): string[] {
  const feed = mountWithApp(AlertFeed, { pinia: freshPinia(), locale, props: { alerts } });
  return feed.findAll('.alert-item__rule').map((r) => r.text());
}

describe('issue #15 alert texts', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('English: the rule and its detail in words', () => {
    expect(rules('en')).toEqual([
      'Caller ID possibly flagged: rotate it · 25% answered, was 80%',
      'List with many invalid numbers · 35% invalid numbers in 120 dials',
      'List running dry · runs dry in 12 min',
      'List running dry · no fresh customers left',
      'Calls without an outcome · hung up, no outcome: 3',
      'Same customer dialled too often · a customer dialled 5 times today · a customer also dialled by rep-b1, rep-b2 within minutes',
      'Same customer dialled too often · a customer also dialled by rep-b1 within minutes',
    ]);
  });

  it('简体中文: every text translated, no rule code', () => {
    const texts = rules('zh-CN');
    expect(texts[0]).toBe('外显号码疑似被标记：请更换号码 · 近一小时接通率 25%，此前 80%');
    expect(texts[1]).toBe('名单空号率过高 · 外呼 120 次，空号率 35%');
    for (const text of texts) expect(text).not.toMatch(/[a-z]+_[a-z]+|alerts\./);
  });
});

describe('the threshold editor, issue #15 fields', () => {
  afterEach(() => vi.unstubAllGlobals());
  const settings = { floor: DEFAULT_ALERT_THRESHOLDS, teams: {}, campaigns: { spring: { listInvalidPercent: 45 } } };

  it("shows the line and list fields on the floor's form only; a team gets the per-rep ones", async () => {
    stubFetch({ 'GET /api/alert-settings': json(200, settings) });
    const floor = mountWithApp(AlertSettingsEditor, { pinia: freshPinia() });
    const team = mountWithApp(AlertSettingsEditor, { pinia: freshPinia(), props: { team: 'north' } });
    await settle();
    for (const field of FLOOR_ONLY_THRESHOLDS) {
      expect(floor.find(`input[name="${field}"]`).exists(), field).toBe(true);
      expect(team.find(`input[name="${field}"]`).exists(), field).toBe(false);
    }
    for (const field of ['missingOutcomeMinutes', 'contactMaxPerDay', 'contactRepeatMinutes'])
      expect(team.find(`input[name="${field}"]`).attributes('placeholder')).toBe(
        String(DEFAULT_ALERT_THRESHOLDS[field as keyof typeof DEFAULT_ALERT_THRESHOLDS]),
      );
    expect(team.find('.campaign-thresholds').exists()).toBe(false);
    expect(floor.find('label:has(input[name="contactMaxPerDay"]) span').text()).toBe(
      'Same customer dialled more than (times a day)',
    );
  });

  it("lists a campaign's thresholds, saves a new campaign's and removes one", async () => {
    const saved = { ...settings, campaigns: { ...settings.campaigns, autumn: { listDryMinutes: 20 } } };
    const calls = stubFetch({
      'GET /api/alert-settings': json(200, settings),
      'PUT /api/alert-settings': json(200, saved),
    });
    const editor = mountWithApp(AlertSettingsEditor, { pinia: freshPinia() });
    await settle();
    expect(editor.find('.campaign-thresholds li').text()).toContain('spring');
    expect(editor.find('.campaign-thresholds li').text()).toContain('invalid 45%, from 50 dials, dry within 30 min');
    await editor.find('input[name="campaign"]').setValue('autumn');
    await editor.find('input[name="campaign.listDryMinutes"]').setValue('20');
    await editor.find('.campaign-thresholds form').trigger('submit');
    await settle();
    expect(calls.at(-1)).toEqual({
      method: 'PUT',
      path: '/api/alert-settings',
      body: { scope: 'campaign', campaign: 'autumn', thresholds: { listDryMinutes: 20 } },
    });
    expect(editor.findAll('.campaign-thresholds li')).toHaveLength(2);
    await editor.find('button[aria-label="Remove the thresholds of campaign spring"]').trigger('click');
    await settle();
    expect(calls.at(-1)!.body).toEqual({ scope: 'campaign', campaign: 'spring', thresholds: {} });
  });
});
