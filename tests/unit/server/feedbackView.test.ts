/** The market-feedback answer from stored counts: weeks like for like, per day, filters, aliases, slices. */
import { describe, expect, it } from 'vitest';
import { feedbackView } from '../../../server/feedback/feedbackView';
import { countField, SEP, type FeedbackSample } from '../../../server/redis/feedbackRepo';
import { codeResolver, DEFAULT_CATALOGUE } from '../../../shared/domain/reasonCatalogue';
import { addDays } from '../../../shared/domain/calendar';

const MONDAY_LAST = '2026-11-23';
const DAYS = Array.from({ length: 14 }, (_, i) => addDays(MONDAY_LAST, i));
const TODAY = DAYS[9]!; // this week's Wednesday
const resolver = codeResolver({ ...DEFAULT_CATALOGUE, aliases: [{ from: 'too expensive', to: 'price' }] });
const none = { team: null, campaign: null, list: null };

function input(counts: Record<number, [string, number][]>, samples: Record<number, [string, FeedbackSample[]][]> = {}) {
  return {
    today: TODAY,
    days: DAYS,
    counts: DAYS.map((_, i) => new Map(counts[i] ?? [])),
    samples: DAYS.map((_, i) => new Map(samples[i] ?? [])),
  };
}
const r = (team: string, code: string, campaign = 'spring', list = 'l1') => countField('r', team, campaign, list, code);

describe('feedbackView()', () => {
  it('compares this week to date with last week over the same weekdays, per day, aliases applied', () => {
    const view = feedbackView(
      input({
        0: [[r('a', 'price'), 2]], // last Monday
        2: [[r('a', 'price'), 3]], // last Wednesday
        3: [[r('a', 'price'), 50]], // last Thursday: beyond today's weekday, not compared
        7: [[r('a', 'price'), 1]],
        9: [
          [r('a', 'price'), 4],
          [r('b', 'too expensive'), 2],
          [r('b', 'made-up'), 1],
        ],
      }),
      none,
      resolver,
      0,
    );
    expect(view.week).toEqual(DAYS.slice(7));
    expect(view.reasons).toEqual([
      { code: 'price', known: true, today: 6, week: 7, lastWeek: 5, perDay: [1, 0, 6, 0, 0, 0, 0] },
      { code: 'made-up', known: false, today: 1, week: 1, lastWeek: 0, perDay: [0, 0, 1, 0, 0, 0, 0] },
    ]);
    expect(view.byTeam.map((s) => [s.id, s.week, s.lastWeek])).toEqual([
      ['a', 5, 5],
      ['b', 3, 0],
    ]);
    expect(view.byTeam[1]!.top).toEqual([
      { code: 'price', known: true, week: 2 },
      { code: 'made-up', known: false, week: 1 },
    ]);
  });

  it("keeps to the filters: a team's, a campaign's, a list's counts and remarks only", () => {
    const sample = (call: string, team: string, campaign: string): FeedbackSample => ({
      ...{ call, at: Number(call.slice(1)), rep: 'r', team, campaign, list: 'l1', remark: `remark ${call}` },
    });
    const view = feedbackView(
      input(
        {
          9: [
            [r('a', 'price', 'spring'), 2],
            [r('a', 'price', 'autumn'), 3],
            [r('b', 'price', 'spring'), 7],
          ],
        },
        {
          9: [
            [`a${SEP}price`, [sample('c1', 'a', 'spring'), sample('c2', 'a', 'autumn')]],
            [`b${SEP}price`, [sample('c3', 'b', 'spring')]],
          ],
        },
      ),
      { team: 'a', campaign: 'spring', list: null },
      resolver,
      0,
    );
    expect(view.reasons.map((x) => [x.code, x.today])).toEqual([['price', 2]]);
    expect(view.samples).toEqual([
      { code: 'price', known: true, remarks: [expect.objectContaining({ remark: 'remark c1' })] },
    ]);
    expect(view.options).toEqual({ teams: ['a', 'b'], campaigns: ['autumn', 'spring'], lists: ['l1'] });
  });

  it('shows the overflow field as the code "*" and ignores fields it cannot read', () => {
    const view = feedbackView(
      input({
        9: [
          [countField('r', '*', '*', '*', '*'), 4],
          ['garbage', 9],
          ['__proto__', 1],
        ],
      }),
      none,
      resolver,
      0,
    );
    expect(view.reasons).toEqual([
      { code: '*', known: false, today: 4, week: 4, lastWeek: 0, perDay: [0, 0, 4, 0, 0, 0, 0] },
    ]);
  });
});
