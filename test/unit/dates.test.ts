// Dates in England: today's date is England's (Europe/London), and years between dates count
// anniversaries. The clock is passed in; nothing here waits or reads the machine's time zone.
import { describe, expect, it } from 'vitest';
import { academicYearOf, todayIso, yearsBetween } from '../../src/core/dates.js';

describe('today in England', () => {
  it('at 00:30 BST on 1 September it is 1 September, the new academic year (UTC still says 31 August)', () => {
    const now = new Date('2026-08-31T23:30:00Z'); // 00:30 British Summer Time, 1 September 2026
    expect(todayIso(now)).toBe('2026-09-01');
    expect(academicYearOf(todayIso(now))).toBe(2026);
  });
  it('at 23:30 GMT on 31 December it is still 31 December (London is on UTC in winter)', () => {
    expect(todayIso(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
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
