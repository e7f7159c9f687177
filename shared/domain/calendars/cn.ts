import type { CalendarDays } from '../calendar';

/**
 * China's public holidays and make-up working days (调休), as the State Council's General Office
 * publishes them each year (国务院办公厅关于部分节假日安排的通知). Only published years are here:
 * a year not listed counts its ordinary working weekdays only.
 *
 * 2026: notice of 4 November 2025.
 * 2027: not yet published where this project could read it; add it when it is.
 */
export const CN_CALENDAR: CalendarDays & { years: readonly number[] } = {
  years: [2026],
  holidays: [
    // 元旦 New Year: 1-3 January
    '2026-01-01',
    '2026-01-02',
    '2026-01-03',
    // 春节 Spring Festival: 15-23 February
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
    // 清明节 Qingming: 4-6 April
    '2026-04-04',
    '2026-04-05',
    '2026-04-06',
    // 劳动节 Labour Day: 1-5 May
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05',
    // 端午节 Dragon Boat: 19-21 June
    '2026-06-19',
    '2026-06-20',
    '2026-06-21',
    // 中秋节 Mid-Autumn: 25-27 September
    '2026-09-25',
    '2026-09-26',
    '2026-09-27',
    // 国庆节 National Day: 1-7 October
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  workdays: [
    '2026-01-04', // Sunday, for New Year
    '2026-02-14', // Saturday, for the Spring Festival
    '2026-02-28', // Saturday, for the Spring Festival
    '2026-05-09', // Saturday, for Labour Day
    '2026-09-20', // Sunday, for National Day
    '2026-10-10', // Saturday, for National Day
  ],
};
