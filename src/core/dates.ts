// Dates as ISO strings (YYYY-MM-DD) and the English academic year (1 September - 31 August).

/** The academic year a date falls in, named by its starting year: 2023-11-10 -> 2023 (2023/24). */
export function academicYearOf(iso: string): number {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return month >= 9 ? year : year - 1;
}

export function academicYearName(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** "2023/24" -> 2023. */
export function parseAcademicYear(name: string): number {
  return Number(name.slice(0, 4));
}

const DAY_MS = 86_400_000;

export function toDayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

// Day numbers of 0001-01-01 and 9999-12-31: within them a date is worked out by arithmetic.
const FIRST_DAY = -719_162;
const LAST_DAY = 2_932_896;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

// The text of each day already named, by day number: a year's million events fall on a few hundred
// days, so each holds one of these strings, not a string of its own (issue 13: memory). Only days
// from 1970 to 2199 are kept, so that a file of many distinct dates cannot grow it without end.
const named = new Map<number, string>();
const NAMED_LAST = 84_005; // 2199-12-31

/**
 * The ISO date of a day number: for the same day, the same string. The scheduler names a day for
 * every event and every reason, so the civil date is worked out by arithmetic (Howard Hinnant's
 * days-to-civil), not through a Date.
 */
export function fromDayNumber(day: number): string {
  const known = named.get(day);
  if (known !== undefined) return known;
  const text = civilDate(day);
  if (day >= 0 && day <= NAMED_LAST) named.set(day, text);
  return text;
}

function civilDate(day: number): string {
  if (!Number.isInteger(day) || day < FIRST_DAY || day > LAST_DAY)
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  const z = day + 719_468; // days from 0000-03-01
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153); // months from March
  const date = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(date)}`;
}

/** The date `years` calendar years after `iso`; 29 February falls on 1 March in a year that has none. */
function anniversary(iso: string, years: number): number {
  const date = new Date(
    Date.UTC(Number(iso.slice(0, 4)) + years, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))),
  );
  return date.getTime() / DAY_MS;
}

/**
 * Years between two dates by the calendar: whole years count anniversaries (so 365 days from
 * 1 September 2025 is exactly 1 year, and 364 days is less), plus the part of the year since the
 * last one. Not rounded: a strict comparison with a threshold must see the exact value.
 */
export function yearsBetween(fromIso: string, toIso: string): number {
  const to = toDayNumber(toIso);
  if (to < toDayNumber(fromIso)) return -yearsBetween(toIso, fromIso);
  let whole = Number(toIso.slice(0, 4)) - Number(fromIso.slice(0, 4));
  if (anniversary(fromIso, whole) > to) whole--;
  const start = anniversary(fromIso, whole);
  return whole + (to - start) / (anniversary(fromIso, whole + 1) - start);
}

/** Years shown to two places, cut (not rounded) so 0.999 never shows as the 1 it is not. */
export function yearsText(years: number): string {
  return String(Math.trunc(years * 100) / 100);
}

// England's calendar day, whatever the machine's time zone: at 00:30 BST on 1 September it is
// already the new academic year, though UTC still says 31 August. Made on first use: making it
// loads the time-zone data (about 10 ms), which a run given --as-of never needs.
let london: Intl.DateTimeFormat | undefined;
const LONDON = () =>
  (london ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }));

/** Today's date in England (Europe/London), as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  // England is on UTC or an hour ahead of it (GMT or BST), so before 22:00 UTC its date is UTC's.
  // Only later is the time zone asked (its rules take about 20 ms to load: a fifth of a start-up).
  if (now.getUTCHours() < 22) return now.toISOString().slice(0, 10);
  const part = (type: string) =>
    LONDON()
      .formatToParts(now)
      .find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Monday = 1 ... Sunday = 7. */
export function isoWeekday(iso: string): number {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}
