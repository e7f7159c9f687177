import { describe, expect, it } from 'vitest';
import LeaderboardTable from '../../../client/components/leaderboard/LeaderboardTable.vue';
import { formatBoardValue } from '../../../client/components/leaderboard/formatValue';
import type { LeaderboardRow } from '../../../shared/domain/leaderboard';
import { freshPinia, mountWithApp } from '../support/mountApp';
import { createAppI18n } from '../../../client/i18n';

const tEn = (key: string, values?: Record<string, unknown>) => createAppI18n('en').global.t(key, values ?? {});

const rows: LeaderboardRow[] = [
  { position: 1, rank: 1, tied: false, rep: 'ann', name: 'Ann Lee', team: 'north', value: 12480, movement: 2 },
  { position: 2, rank: 2, tied: false, rep: 'bob', name: 'Bob Wu', team: 'south', value: 9000.5, movement: -1 },
  { position: 3, rank: 3, tied: false, rep: 'cy', name: 'Cy Ho', team: null, value: 0, movement: 0 },
];

describe('LeaderboardTable', () => {
  it('shows rank, a movement arrow with its number and words, name, team and the formatted value', () => {
    const table = mountWithApp(LeaderboardTable, {
      pinia: freshPinia(),
      props: { rows, metric: 'revenue', showTeam: true },
    });
    const cells = (rep: string) =>
      table
        .find(`[data-rep="${rep}"]`)
        .findAll('td, th')
        .map((c) => c.text());
    expect(cells('ann')).toEqual(['1', '▲2up 2', 'Ann Lee', 'north', 'CN¥12,480']);
    expect(cells('bob')).toEqual(['2', '▼1down 1', 'Bob Wu', 'south', 'CN¥9,001']);
    expect(cells('cy')).toEqual(['3', '–no change', 'Cy Ho', '', 'CN¥0']);
    expect(table.find('[data-rep="ann"] .board-table__move [aria-hidden="true"]').text()).toBe('▲2');
    expect(table.find('[data-rep="ann"] .visually-hidden').text()).toBe('up 2');
    expect(table.find('thead').text()).toContain('Revenue');
  });

  it('leaves the team out on a team board and cuts at the limit', () => {
    const table = mountWithApp(LeaderboardTable, {
      pinia: freshPinia(),
      props: { rows, metric: 'deals', limit: 2 },
    });
    expect(table.findAll('tbody tr')).toHaveLength(2);
    expect(table.find('[data-rep="ann"]').findAll('td, th')).toHaveLength(4);
  });

  it('shows ties as a shared rank, "=2", and stars every rep in the top three ranks', () => {
    const tied = [
      { position: 1, rank: 1, tied: false, rep: 'a', name: 'A', team: null, value: 5, movement: 0 },
      { position: 2, rank: 2, tied: true, rep: 'b', name: 'B', team: null, value: 3, movement: 0 },
      { position: 3, rank: 2, tied: true, rep: 'c', name: 'C', team: null, value: 3, movement: 0 },
      { position: 4, rank: 4, tied: false, rep: 'd', name: 'D', team: null, value: 1, movement: 0 },
    ];
    const table = mountWithApp(LeaderboardTable, { pinia: freshPinia(), props: { rows: tied, metric: 'deals' } });
    expect(table.findAll('.board-table__position').map((c) => c.text())).toEqual(['1', '=2', '=2', '4']);
    expect(table.find('[data-rep="b"] .board-table__position').attributes('title')).toContain('2');
    expect(table.findAll('.board-table__top').length).toBe(3);
  });

  it('speaks Chinese for the screen-reader movement', () => {
    const table = mountWithApp(LeaderboardTable, {
      pinia: freshPinia(),
      locale: 'zh-CN',
      props: { rows, metric: 'deals' },
    });
    expect(table.find('[data-rep="bob"] .visually-hidden').text()).toBe('下降 1 名');
  });
});

describe('formatBoardValue()', () => {
  it('formats each metric as people read it', () => {
    expect(formatBoardValue('deals', 1234, 'en', 'CNY', tEn)).toBe('1,234');
    expect(formatBoardValue('revenue', 1299, 'en', 'CNY', tEn)).toBe('CN¥1,299');
    expect(formatBoardValue('revenue', 1299, 'zh-CN', 'CNY', tEn)).toBe('¥1,299');
    expect(formatBoardValue('revenue', 1299, 'en', 'USD', tEn)).toBe('$1,299');
    expect(formatBoardValue('talkSeconds', 2 * 3600 + 5 * 60 + 59, 'en', 'CNY', tEn)).toBe('2 h 5 min');
    expect(formatBoardValue('conversion', 0.256, 'en', 'CNY', tEn)).toBe('26%');
    expect(formatBoardValue('targetPercent', 87.6, 'en', 'CNY', tEn)).toBe('88%');
  });
});
