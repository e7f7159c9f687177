import { readFileSync } from 'node:fs';
import { calendarFileSchema, calendarYears, type CalendarDays } from '../../shared/domain/calendar';
import { CN_CALENDAR } from '../../shared/domain/calendars/cn';

/** The floor's holidays and make-up working days, and where they came from. */
export interface CalendarSetting extends CalendarDays {
  /** 'none', 'cn', or the file's path. */
  source: string;
  /** The years it has dates for; null for 'none' (no holiday calendar, nothing to miss). */
  years: readonly number[] | null;
}

/**
 * FLOORBOARD_CALENDAR: `none` (working weekdays only), `cn` (China's published calendar, shipped)
 * or the path of a JSON file `{ "holidays": [...], "workdays": [...] }`. Throws an Error whose
 * message says what is wrong (unreadable file, not JSON, which entry is not a date).
 */
export function loadCalendarSetting(spec: string): CalendarSetting {
  if (spec === 'none') return { source: 'none', holidays: [], workdays: [], years: null };
  if (spec === 'cn') {
    const { holidays, workdays, years } = CN_CALENDAR;
    return { source: 'cn', holidays, workdays, years };
  }
  let text: string;
  try {
    text = readFileSync(spec, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the calendar file ${spec} (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`the calendar file ${spec} is not JSON: ${(error as Error).message}`);
  }
  const parsed = calendarFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`);
    throw new Error(
      `the calendar file ${spec} must be { "holidays": ["YYYY-MM-DD", ...], "workdays": ["YYYY-MM-DD", ...] }; ${issues.slice(0, 5).join('; ')}`,
    );
  }
  const { holidays, workdays } = parsed.data;
  return { source: spec, holidays, workdays, years: calendarYears({ holidays, workdays }) };
}
