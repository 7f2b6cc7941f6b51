// The academic year's six terms and its closure days (INSET days, bank holidays), as a trust
// writes them under `terms:` in trust.config.yaml, and the school-day arithmetic the calendar
// needs. Pure: dates are ISO strings (YYYY-MM-DD) and whole day numbers.
import { academicYearName, academicYearOf, toDayNumber } from './dates.js';
import type { TermsConfig } from './terms-schema.js';

export type { TermsConfig } from './terms-schema.js';

/** School weeks in terms 1-6 where a policy's budget gives none: 38 in all. */
export const DEFAULT_TERM_WEEKS = [7, 7, 6, 5, 7, 6];

export const TERM_NAMES = ['Autumn 1', 'Autumn 2', 'Spring 1', 'Spring 2', 'Summer 1', 'Summer 2'] as const;
/** The holiday after each of terms 1-5, in the usual English pattern. */
export const HOLIDAY_NAMES = [
  'October half term',
  'Christmas holiday',
  'February half term',
  'Easter holiday',
  'May half term',
] as const;

export interface Term {
  number: number;
  name: string;
  start: string;
  end: string;
  startDay: number;
  endDay: number;
}

/** The year's terms and closures, ready for school-day arithmetic. */
export interface TermCalendar {
  /** The academic year's starting year (2026 for 2026/27). */
  year: number;
  yearName: string;
  terms: Term[];
  /** Day number -> what closes the school that day. */
  closures: Map<number, string>;
}

export function termCalendar(config: TermsConfig): TermCalendar {
  const terms = config.dates.map((t, i) => ({
    number: i + 1,
    name: t.name ?? TERM_NAMES[i],
    start: t.start,
    end: t.end,
    startDay: toDayNumber(t.start),
    endDay: toDayNumber(t.end),
  }));
  const year = academicYearOf(terms[0].start);
  return {
    year,
    yearName: academicYearName(year),
    terms,
    closures: new Map(config.closures.map((c) => [toDayNumber(c.date), c.name])),
  };
}

/** The term (1-6) a day falls in, or null in a holiday. */
export function termOfDay(cal: TermCalendar, day: number): number | null {
  for (const term of cal.terms) if (day >= term.startDay && day <= term.endDay) return term.number;
  return null;
}

/**
 * ISO weekday (1 Monday ... 7 Sunday) of a day number, by arithmetic: day 0 (1 January 1970) was a
 * Thursday. The scheduler asks this of every day of every window, so no date string is built.
 */
export const weekdayOfDay = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

export function isSchoolDay(cal: TermCalendar, day: number): boolean {
  return weekdayOfDay(day) <= 5 && termOfDay(cal, day) !== null && !cal.closures.has(day);
}

/** Why a weekday is not a school day: a closure's name or the holiday's; null on a school day. */
export function whyClosed(cal: TermCalendar, day: number): string | null {
  if (weekdayOfDay(day) > 5) return 'weekend';
  const closure = cal.closures.get(day);
  if (closure !== undefined) return closure;
  if (termOfDay(cal, day) !== null) return null;
  const after = cal.terms.filter((t) => t.endDay < day).length;
  if (after === 0) return 'before the first term';
  if (after >= cal.terms.length) return 'after the last term';
  return HOLIDAY_NAMES[after - 1] ?? 'holiday';
}

// The year's school days in order, worked out once for each calendar: the scheduler asks for the
// school days of a window for every occurrence, and a scan of each day would ask every term.
const schoolDayLists = new WeakMap<TermCalendar, number[]>();

/** Every school day of the year in order (the days `isSchoolDay` says yes to). */
export function schoolDaysOf(cal: TermCalendar): number[] {
  let days = schoolDayLists.get(cal);
  if (!days) {
    days = [];
    const first = Math.min(...cal.terms.map((t) => t.startDay));
    const last = Math.max(...cal.terms.map((t) => t.endDay));
    for (let d = first; d <= last; d++) if (isSchoolDay(cal, d)) days.push(d);
    schoolDayLists.set(cal, days);
  }
  return days;
}

/**
 * The places of a sorted list of days from place `lo` up to (not including) `hi`, the nearest to
 * a target first (the earlier on a tie), walked outwards from the target: the one order the
 * scheduler tries days in. One walk is started again (`from`) for each window, and stepped with
 * `next`: no closure or object made for each of a million occurrences.
 */
export class NearestWalk {
  private days: number[] = [];
  private target = 0;
  private lo = 0;
  private hi = 0;
  private left = -1;
  private right = 0;

  /** A walk of `days` from place `lo` to `hi`; `at` is the target's place (firstAtOrAfter), if known. */
  from(days: number[], target: number, lo = 0, hi = days.length, at = firstAtOrAfter(days, target)): this {
    this.days = days;
    this.target = target;
    this.lo = lo;
    this.hi = hi;
    this.right = Math.min(Math.max(at, lo), hi);
    this.left = this.right - 1;
    return this;
  }

  /** The next place in the walk, or -1 when every day has been given. */
  next(): number {
    const { days, lo, hi, left, right } = this;
    if (left >= lo && (right >= hi || this.target - days[left] <= days[right] - this.target)) return this.left--;
    return right < hi ? this.right++ : -1;
  }
}

/** The day of a sorted, non-empty list nearest to `day` (the earlier on a tie): a NearestWalk's first. */
export function nearest(days: number[], day: number): number {
  return days[Math.max(0, new NearestWalk().from(days, day).next())];
}

/** The place in a sorted list of days of the first day on or after `day` (the list's length if none). */
export function firstAtOrAfter(days: number[], day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first school day on or after `day`, up to `limit` (inclusive); null if none. */
export function nextSchoolDay(cal: TermCalendar, day: number, limit: number): number | null {
  for (let d = day; d <= limit; d++) if (isSchoolDay(cal, d)) return d;
  return null;
}

/** The last school day on or before `day`, down to `limit`; null if none. */
export function previousSchoolDay(cal: TermCalendar, day: number, limit: number): number | null {
  for (let d = day; d >= limit; d--) if (isSchoolDay(cal, d)) return d;
  return null;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Monday of the week (Monday to Sunday) a day falls in. */
export function mondayOf(day: number): number {
  return day - (weekdayOfDay(day) - 1);
}
