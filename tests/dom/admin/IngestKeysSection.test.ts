import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import IngestKeysSection from '../../../client/components/admin/IngestKeysSection.vue';
import { createAppI18n, type Locale } from '../../../client/i18n';
import type { IngestKeyView } from '../../../shared/contracts/ingest';
import { json, noContent, stubFetch } from '../support/fakeFetch';
import { freshPinia } from '../support/mountApp';

const PATH = '/api/admin/ingest-keys';
const CRM: IngestKeyView = {
  id: '00112233aabbccdd',
  name: 'crm',
  createdBy: 'sam',
  createdAt: Date.UTC(2026, 0, 6, 9),
  lastUsedAt: null,
  revokedAt: null,
};
const SECRET = `fbk_${'a1'.repeat(8)}_${'S'.repeat(43)}`;

async function mountSection(locale: Locale = 'en') {
  const wrapper = mount(IngestKeysSection, { global: { plugins: [freshPinia(), createAppI18n(locale)] } });
  await flushPromises();
  return wrapper;
}

const button = (wrapper: Awaited<ReturnType<typeof mountSection>>, text: string) =>
  wrapper.findAll('button').find((b) => b.text() === text)!;

describe('IngestKeysSection', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists keys with when they were last used and whether they are live, in words', async () => {
    const used = { ...CRM, id: 'ffeeddccbbaa9988', name: 'shop', lastUsedAt: Date.UTC(2026, 0, 7, 9) };
    const revoked = { ...CRM, id: '1111222233334444', name: 'old', revokedAt: Date.UTC(2026, 0, 8, 9) };
    stubFetch({ [`GET ${PATH}`]: json(200, { keys: [CRM, used, revoked] }) });
    const section = await mountSection();
    const cells = (id: string) => section.findAll(`[data-ingest-key="${id}"] th, [data-ingest-key="${id}"] td`);
    expect(cells(CRM.id).map((c) => c.text())).toEqual(['crm', 'sam', expect.any(String), 'Never', 'Active', 'Revoke']);
    expect(cells(used.id)[3]!.text()).not.toBe('Never');
    expect(section.find(`[data-ingest-key="${revoked.id}"] [data-test="status"]`).text()).toMatch(/^Revoked /);
    // A revoked key has nothing left to revoke.
    expect(section.find(`[data-ingest-key="${revoked.id}"] button`).exists()).toBe(false);
  });

  it('shows a new key once with a way to copy it, and forgets it on Done', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    const calls = stubFetch({
      [`GET ${PATH}`]: json(200, { keys: [] }),
      [`POST ${PATH}`]: json(201, { key: CRM, secret: SECRET }),
    });
    const section = await mountSection();
    expect(section.text()).toContain('No API keys yet.');
    await section.find('input[name="ingest-key-name"]').setValue(' crm ');
    await section.find('[data-test="add-ingest-key"]').trigger('submit');
    await flushPromises();
    expect(calls.at(-1)).toEqual({ method: 'POST', path: PATH, body: { name: 'crm' } });

    const panel = section.find('[data-test="new-ingest-key"]');
    expect(panel.find<HTMLInputElement>('[data-test="ingest-secret"]').element.value).toBe(SECRET);
    expect(panel.text()).toContain('shown only once');
    expect(section.find(`[data-ingest-key="${CRM.id}"]`).text()).toContain('crm');
    await panel.find('[data-test="copy-secret"]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(panel.text()).toContain('Copied');

    await panel.find('[data-test="secret-done"]').trigger('click');
    expect(section.find('[data-test="new-ingest-key"]').exists()).toBe(false);
    expect(section.html()).not.toContain(SECRET);
  });

  it("shows the server's reason when a name is refused", async () => {
    stubFetch({
      [`GET ${PATH}`]: json(200, { keys: [CRM] }),
      [`POST ${PATH}`]: json(409, { error: 'name: a live key is already named "crm"' }),
    });
    const section = await mountSection();
    await section.find('input[name="ingest-key-name"]').setValue('crm');
    await section.find('[data-test="add-ingest-key"]').trigger('submit');
    await flushPromises();
    expect(section.find('[data-test="ingest-key-error"]').text()).toBe(
      'Not saved: name: a live key is already named "crm"',
    );
    expect(section.find('[data-test="new-ingest-key"]').exists()).toBe(false);
  });

  it('revokes after a confirmation and shows the key as revoked', async () => {
    let revoked = false;
    const calls = stubFetch({
      [`GET ${PATH}`]: () => json(200, { keys: [{ ...CRM, revokedAt: revoked ? Date.UTC(2026, 0, 9) : null }] }),
      [`DELETE ${PATH}/${CRM.id}`]: () => {
        revoked = true;
        return noContent();
      },
    });
    const section = await mountSection();
    await button(section, 'Revoke').trigger('click');
    await section.find('[data-test="confirm-yes"]').trigger('click');
    await flushPromises();
    expect(calls.some((c) => c.method === 'DELETE' && c.path === `${PATH}/${CRM.id}`)).toBe(true);
    expect(section.find('[data-test="status"]').text()).toMatch(/^Revoked /);
    expect(section.find('[role="status"]').text()).toBe('Key crm revoked.');
  });

  it('speaks Chinese on a zh-CN screen', async () => {
    stubFetch({ [`GET ${PATH}`]: json(200, { keys: [CRM] }) });
    const section = await mountSection('zh-CN');
    expect(section.find('h2').text()).toBe('数据来源 API 密钥');
    expect(section.find('[data-test="status"]').text()).toBe('有效');
    expect(section.text()).toContain('从未使用');
  });
});
