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

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whole and part years between two dates (365.25 days a year). */
export function yearsBetween(fromIso: string, toIso: string): number {
  return (toDayNumber(toIso) - toDayNumber(fromIso)) / 365.25;
}

export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Monday = 1 ... Sunday = 7. */
export function isoWeekday(iso: string): number {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}
