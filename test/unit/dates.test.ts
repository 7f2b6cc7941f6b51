// Dates in England: today's date is England's (Europe/London), and years between dates count
// anniversaries. The clock is passed in; nothing here waits or reads the machine's time zone.
import { describe, expect, it } from 'vitest';
import { academicYearOf, fromDayNumber, toDayNumber, todayIso, yearsBetween } from '../../src/core/dates.js';

describe('today in England', () => {
  it('at 00:30 BST on 1 September it is 1 September, the new academic year (UTC still says 31 August)', () => {
    const now = new Date('2026-08-31T23:30:00Z'); // 00:30 British Summer Time, 1 September 2026
    expect(todayIso(now)).toBe('2026-09-01');
    expect(academicYearOf(todayIso(now))).toBe(2026);
  });
  it('at 23:30 GMT on 31 December it is still 31 December (London is on UTC in winter)', () => {
    expect(todayIso(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
  it("before 22:00 UTC it is UTC's date in either season; the nights the clocks change go by England's clock", () => {
    expect(todayIso(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30'); // 22:59 BST
    expect(todayIso(new Date('2027-01-15T00:00:00Z'))).toBe('2027-01-15'); // midnight GMT
    expect(todayIso(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25'); // 00:30 BST, the night BST ends
    expect(todayIso(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25'); // 23:30 GMT, the day after
    expect(todayIso(new Date('2027-03-27T23:30:00Z'))).toBe('2027-03-27'); // 23:30 GMT, the night BST starts
    expect(todayIso(new Date('2027-03-28T23:30:00Z'))).toBe('2027-03-29'); // 00:30 BST
  });
  it('does not depend on the machine time zone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(todayIso(new Date('2026-08-31T23:30:00Z'))).toBe('2026-09-01');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('years between dates', () => {
  it('counts anniversaries: 365 days from 1 September 2025 is exactly one year', () => {
    expect(yearsBetween('2025-09-01', '2026-09-01')).toBe(1);
    expect(yearsBetween('2025-09-02', '2026-09-01')).toBeLessThan(1);
    expect(yearsBetween('2024-09-02', '2026-09-01')).toBeLessThan(2);
    expect(yearsBetween('2024-09-01', '2026-09-01')).toBe(2);
  });
  it('a year across 29 February is 366 days', () => {
    expect(yearsBetween('2023-09-01', '2024-08-31')).toBeLessThan(1); // 365 days, not yet a year
    expect(yearsBetween('2023-09-01', '2024-09-01')).toBe(1);
  });
  it('a date after the as-of date gives negative years', () => {
    expect(yearsBetween('2027-09-01', '2026-09-01')).toBe(-1);
  });
});

describe('day numbers to dates', () => {
  const byDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  it('gives the date a Date gives, for every day from 1600 to 2400 (leap centuries included)', () => {
    const wrong: number[] = [];
    for (let day = toDayNumber('1600-01-01'); day <= toDayNumber('2400-12-31'); day++)
      if (fromDayNumber(day) !== byDate(day)) wrong.push(day);
    expect(wrong).toEqual([]);
    expect(fromDayNumber(toDayNumber('2000-02-29'))).toBe('2000-02-29');
    expect(fromDayNumber(toDayNumber('2100-03-01') - 1)).toBe('2100-02-28');
  });
  it('at the ends of four-digit years, and beyond them as a Date writes them', () => {
    for (const iso of ['0001-01-01', '0000-12-31', '9999-12-31', '1970-01-01', '1969-12-31'])
      expect(fromDayNumber(toDayNumber(iso))).toBe(iso);
    expect(fromDayNumber(toDayNumber('9999-12-31') + 1)).toBe(byDate(toDayNumber('9999-12-31') + 1));
  });
  it('a day named again (the kept string) is the same text as the first time, for every day of a year', () => {
    const first = toDayNumber('2026-09-01');
    const once: string[] = [];
    for (let day = first; day < first + 365; day++) once.push(fromDayNumber(day));
    const again: string[] = [];
    for (let day = first + 364; day >= first; day--) again.unshift(fromDayNumber(day));
    expect(again).toEqual(once);
    expect(again.map((text, i) => text === byDate(first + i))).not.toContain(false);
    expect(again[0]).toBe('2026-09-01');
    expect(again[364]).toBe('2027-08-31');
  });
});
