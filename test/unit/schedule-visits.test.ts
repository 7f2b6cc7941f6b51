// A school sees one visitor a day where it can (SPEC section 6): a visit goes to the nearest other
// day when its own already has one (the earlier of two as near); a meeting is not a visit. With no
// one to book (no capacity) and with a team, whose lead's day holds at most a day.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import defaultTermsText from '../../presets/terms-2026-27.yaml';
import { termCalendar } from '../../src/core/terms.js';
import { TermsSchema } from '../../src/core/terms-schema.js';
import type { CalendarSchool } from '../../src/core/calendar.js';
import { CalendarSchema } from '../../src/core/calendar-schema.js';
import { buildSchedule } from '../../src/core/schedule.js';

const cal = termCalendar(TermsSchema.parse(parse(defaultTermsText).terms));
const school: CalendarSchool = {
  urn: 100001,
  name: 'Ash',
  tier: null,
  level: null,
  fields: { trust: 'Oak' },
  extra: {},
};
const visit = (id: string, type = 'visit') => ({
  id,
  name: id,
  kind: 'QA',
  type,
  lead: 'SIA',
  terms: [1],
  week: 3,
  weekday: 'wed',
});
const placed = (activities: unknown[], capacity?: { name: string; role: string; days_per_year: number }[]) =>
  buildSchedule([school], CalendarSchema.parse({ activities }), cal, { capacity }).events.map(
    (e) => `${e.date} ${e.activity} ${e.person ?? '-'}`,
  );

describe('one visitor a day', () => {
  for (const capacity of [undefined, [{ name: 'Sam', role: 'SIA', days_per_year: 100 }]]) {
    const who = capacity ? 'Sam' : '-';
    it(`moves a second visit aimed at the same day to the nearest other (${capacity ? 'a team' : 'no one to book'})`, () => {
      // Week 3 of term 1 (from Thu 3 September 2026): Wednesday 16 September; then Tuesday 15, the
      // earlier of the two nearest, then Thursday 17.
      expect(placed([visit('a'), visit('b'), visit('c')], capacity)).toEqual([
        `2026-09-15 b ${who}`,
        `2026-09-16 a ${who}`,
        `2026-09-17 c ${who}`,
      ]);
    });

    it(`keeps a meeting on the school's day with a visit, unless its lead's day is full (${capacity ? 'a team' : 'no one to book'})`, () => {
      // Sam's Wednesday holds the visit's whole day, so the meeting's half day goes to Tuesday.
      expect(placed([visit('a'), visit('m', 'meeting')], capacity)).toEqual(
        capacity ? ['2026-09-15 m Sam', '2026-09-16 a Sam'] : ['2026-09-16 a -', '2026-09-16 m -'],
      );
    });
  }
});
