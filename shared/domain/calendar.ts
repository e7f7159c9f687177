import { z } from 'zod';
import type { DayKey } from '../time';

/**
 * The floor's working days: ordinary working weekdays, minus public holidays, plus make-up
 * working days (China's 调休: a Saturday or Sunday worked to bridge a holiday). Pure data.
 */
export interface WorkCalendar {
  /** ISO weekdays (1 = Monday) worked in an ordinary week. */
  workingWeekdays: readonly number[];
  /** Public holidays: not worked, whatever the weekday. */
  holidays: ReadonlySet<DayKey>;
  /** Make-up working days: worked, whatever the weekday. */
  workdays: ReadonlySet<DayKey>;
}

/**
 * The years of a calendar that matter today and are not in it: this year, and from November the
 * next one (January's monthly targets are planned in December). A year missing from a holiday
 * calendar counts its ordinary working weekdays only, so targets spread over days the floor will
 * not work: the admin screen says so. `years` null: no calendar in use, nothing can be missing.
 */
export function missingCalendarYears(years: readonly number[] | null, today: DayKey): number[] {
  if (years === null) return [];
  const year = Number(today.slice(0, 4));
  const wanted = Number(today.slice(5, 7)) >= 11 ? [year, year + 1] : [year];
  return wanted.filter((y) => !years.includes(y));
}

/** The years a calendar's lists name (a file covers the years it lists dates of). */
export function calendarYears(days: CalendarDays): number[] {
  const years = new Set<number>();
  for (const day of [...days.holidays, ...days.workdays]) years.add(Number(day.slice(0, 4)));
  return [...years].sort((a, b) => a - b);
}

/** The lists a calendar file gives (and the ones shipped in ./calendars). */
export interface CalendarDays {
  holidays: readonly DayKey[];
  workdays: readonly DayKey[];
}

export function workCalendar(workingWeekdays: readonly number[], days?: CalendarDays): WorkCalendar {
  return { workingWeekdays, holidays: new Set(days?.holidays ?? []), workdays: new Set(days?.workdays ?? []) };
}

function utc(day: DayKey): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function keyOf(date: Date): DayKey {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: DayKey, days: number): DayKey {
  const date = utc(day);
  date.setUTCDate(date.getUTCDate() + days);
  return keyOf(date);
}

/** ISO weekday of a day: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(day: DayKey): number {
  return utc(day).getUTCDay() || 7;
}

export function isHoliday(calendar: WorkCalendar, day: DayKey): boolean {
  return calendar.holidays.has(day);
}

export function isWorkingDay(calendar: WorkCalendar, day: DayKey): boolean {
  if (calendar.holidays.has(day)) return false;
  if (calendar.workdays.has(day)) return true;
  return calendar.workingWeekdays.includes(isoWeekday(day));
}

/** Working days from `from` to `to`, both included (0 when `to` is before `from`). */
export function workingDaysBetween(calendar: WorkCalendar, from: DayKey, to: DayKey): number {
  let count = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) if (isWorkingDay(calendar, day)) count++;
  return count;
}

/** The last day of `day`'s month. */
export function monthEnd(day: DayKey): DayKey {
  const date = utc(day);
  return keyOf(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)));
}

/** The Monday and Sunday of `day`'s ISO week (it may span two months). */
export function isoWeek(day: DayKey): { monday: DayKey; sunday: DayKey } {
  const monday = addDays(day, 1 - isoWeekday(day));
  return { monday, sunday: addDays(monday, 6) };
}

/** Where a day stands in its month and ISO week, in working days (today included). */
export interface CalendarPosition {
  working: boolean;
  holiday: boolean;
  monthLeft: number;
  weekLeft: number;
  /** Of the week's working days left, those in this month. */
  weekLeftInMonth: number;
}

export function calendarPosition(calendar: WorkCalendar, day: DayKey): CalendarPosition {
  const end = monthEnd(day);
  const { sunday } = isoWeek(day);
  return {
    working: isWorkingDay(calendar, day),
    holiday: isHoliday(calendar, day),
    monthLeft: workingDaysBetween(calendar, day, end),
    weekLeft: workingDaysBetween(calendar, day, sunday),
    weekLeftInMonth: workingDaysBetween(calendar, day, sunday < end ? sunday : end),
  };
}

const realDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || utc(v).toISOString().startsWith(v), 'is not a real date');

/** A calendar file: `{ "holidays": ["YYYY-MM-DD", ...], "workdays": ["YYYY-MM-DD", ...] }`. */
export const calendarFileSchema = z
  .object({
    holidays: z.array(realDay).max(10_000),
    workdays: z.array(realDay).max(10_000).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    const holidays = new Set(file.holidays);
    file.workdays.forEach((day, i) => {
      if (holidays.has(day))
        ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${day} is listed as a holiday too` });
    });
  });
