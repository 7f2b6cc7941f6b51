import { describe, expect, it } from 'vitest';
import {
  parseDate,
  parseDateOrYear,
  parseOfstedGrade,
  parseYesNo,
  parsePercent,
  parseUrn,
  parseCategory,
  parseReportCardGrade,
  parsePhase,
  parseCapacity,
  parseNumber,
  isNoValue,
  DaySlots,
  isoDaySlot,
  YEAR_SLOTS,
} from '../../src/core/values.js';

describe('dates (SPEC 3: ISO or UK day-first, never month-first)', () => {
  it('reads ISO and UK day-first dates', () => {
    expect(parseDate('2024-03-12')).toEqual({ ok: true, value: '2024-03-12' });
    expect(parseDate('12/03/2024')).toEqual({ ok: true, value: '2024-03-12' });
    expect(parseDate('1/9/2023')).toEqual({ ok: true, value: '2023-09-01' });
    expect(parseDate('2024-03-12T00:00:00Z')).toEqual({ ok: true, value: '2024-03-12' });
  });
  it('refuses a month-first date and says so', () => {
    const result = parseDate('03/25/2024');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.expected).toMatch(/month-first/);
  });
  it('refuses impossible dates', () => {
    expect(parseDate('31/02/2024').ok).toBe(false);
    expect(parseDate('2023-02-29').ok).toBe(false);
    expect(parseDate('29/02/2024')).toEqual({ ok: true, value: '2024-02-29' });
  });
  it('takes 01/01/1900 and no-value markers as blank', () => {
    expect(parseDate('01/01/1900')).toEqual({ ok: true, value: null });
    expect(parseDate('NULL')).toEqual({ ok: true, value: null });
    expect(parseDate('')).toEqual({ ok: true, value: null });
  });
  it('refuses a two-digit year (01/02/99 is 1999 or 2099) and years outside 1900-2099 (issue 15)', () => {
    expect(parseDate('01/02/99')).toEqual({
      ok: false,
      expected: 'a date as YYYY-MM-DD or DD/MM/YYYY (day first) (with a 4-digit year)',
    });
    expect(parseDate('0100-02-01')).toEqual({
      ok: false,
      expected: 'a date as YYYY-MM-DD or DD/MM/YYYY (day first) (a year from 1900 to 2099)',
    });
    expect(parseDate('01/02/0100').ok).toBe(false);
    expect(parseDateOrYear('0100').ok).toBe(false);
  });
  it('reads review years and academic years for cycles', () => {
    expect(parseDateOrYear('2023')).toEqual({ ok: true, value: '2023-09-01' });
    expect(parseDateOrYear('2023/24')).toEqual({ ok: true, value: '2023-09-01' });
    expect(parseDateOrYear('15/11/2024')).toEqual({ ok: true, value: '2024-11-15' });
  });
});

describe('Ofsted grades (SPEC 3: words, RI or 1-4; 9 and "Not judged" are blank)', () => {
  it.each([
    ['Outstanding', 'outstanding'],
    ['1', 'outstanding'],
    ['good', 'good'],
    ['2.0', 'good'],
    ['RI', 'requires-improvement'],
    ['Requires Improvement', 'requires-improvement'],
    ['requires_improvement', 'requires-improvement'],
    ['3', 'requires-improvement'],
    ['Inadequate', 'inadequate'],
    ['4', 'inadequate'],
  ])('%s -> %s', (raw, grade) => expect(parseOfstedGrade(raw)).toEqual({ ok: true, value: grade }));
  it.each(['9', '9.0', 'Not judged', 'NULL', ''])('%s is blank', (raw) =>
    expect(parseOfstedGrade(raw)).toEqual({ ok: true, value: null }),
  );
  it('refuses an unknown grade', () => expect(parseOfstedGrade('Excellent').ok).toBe(false));
});

describe('other cells', () => {
  it('reads yes/no in their usual spellings', () => {
    for (const yes of ['yes', 'Y', 'TRUE', 'true', '1']) expect(parseYesNo(yes)).toEqual({ ok: true, value: true });
    for (const no of ['No', 'n', 'False', '0']) expect(parseYesNo(no)).toEqual({ ok: true, value: false });
    expect(parseYesNo('maybe').ok).toBe(false);
  });
  it('checks percentages are 0-100', () => {
    expect(parsePercent('94.5%')).toEqual({ ok: true, value: 94.5 });
    expect(parsePercent('104').ok).toBe(false);
    expect(parsePercent('SUPP')).toEqual({ ok: true, value: null });
  });
  it('checks URNs are six digits', () => {
    expect(parseUrn('103120.0')).toEqual({ ok: true, value: 103120 });
    expect(parseUrn('12345').ok).toBe(false);
    expect(parseUrn('ABC123').ok).toBe(false);
  });
  it('reads negative numbers and no-value markers', () => {
    expect(parseNumber('-0.45')).toEqual({ ok: true, value: -0.45 });
    expect(parseNumber('z')).toEqual({ ok: true, value: null });
    expect(isNoValue('LOWCOV')).toBe(true);
  });
  it('reads categories of concern, phases and report-card grades', () => {
    expect(parseCategory('Special measures')).toEqual({ ok: true, value: 'SM' });
    expect(parseCategory('RSI')).toEqual({ ok: true, value: 'RSI' });
    expect(parsePhase('Middle deemed secondary')).toEqual({ ok: true, value: 'secondary' });
    expect(parseReportCardGrade('Strong standard')).toEqual({ ok: true, value: 'strong' });
    expect(parseReportCardGrade('expected')).toEqual({ ok: true, value: 'expected' });
  });
  // The word tables were plain objects: "Constructor" found Object.prototype.constructor.
  it.each([
    ['phase', parsePhase],
    ['category', parseCategory],
    ['report-card grade', parseReportCardGrade],
    ['Ofsted grade', parseOfstedGrade],
    ['leadership capacity', parseCapacity],
  ] as const)('refuses a word that is only an object property name as a %s', (_, parse) => {
    for (const word of ['constructor', 'Constructor', '__proto__', 'toString'])
      expect(parse(word).ok, word).toBe(false);
  });
});

describe('values kept by day (DaySlots)', () => {
  it("makes a year's slots when a day of it is first kept, and keeps each day's apart", () => {
    let made = 0;
    const kept = new DaySlots(() => {
      made++;
      return new Array<string | undefined>(YEAR_SLOTS);
    });
    const put = (date: string) => {
      const slot = isoDaySlot(date);
      kept.of(slot)[slot % YEAR_SLOTS] = date;
    };
    const read = (date: string) => {
      const slot = isoDaySlot(date);
      return kept.of(slot)[slot % YEAR_SLOTS];
    };
    for (const date of ['2024-03-12', '2024-12-31', '1900-01-01', '2099-12-31', '2024-01-01']) put(date);
    // Three years seen: three years' slots, not two hundred.
    expect(made).toBe(3);
    for (const date of ['2024-03-12', '2024-12-31', '1900-01-01', '2099-12-31', '2024-01-01'])
      expect(read(date)).toBe(date);
    expect(read('2024-03-13')).toBeUndefined();
    expect(read('2023-12-31')).toBeUndefined();
    expect(made).toBe(4);
  });

  it('reads the same UK day-first date again and again as the same ISO text', () => {
    const first = parseDate('31/12/1999');
    expect(first).toEqual({ ok: true, value: '1999-12-31' });
    expect(parseDate('31/12/1999')).toEqual(first);
    expect(parseDate('01/01/2000')).toEqual({ ok: true, value: '2000-01-01' });
  });
});
