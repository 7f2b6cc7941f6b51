// The visit note: "For all schools there will be a single visit report for each visit" (Equals,
// sources/003). The visit is found in the plan; the WFAP milestone shown is the visit's term's.
import { describe, expect, it } from 'vitest';
import { chooseVisit, milestoneTerm } from '../../src/core/visit-note.js';
import type { CalendarEvent } from '../../src/core/schedule.js';

const event = (date: string, activity_id: string, type: 'visit' | 'meeting' = 'visit'): CalendarEvent => ({
  date,
  end: date,
  term: 3,
  urn: 100004,
  name: 'Dunmore Primary School',
  trust: null,
  tier: 'D',
  activity: activity_id,
  activity_id,
  kind: 'SI',
  type,
  lead: 'Chris Byrne',
  role: 'Executive headteacher',
  person: 'Chris Byrne',
  days: 1,
  occurrence: '1',
  note: null,
});
const events = [
  event('2027-01-11', 'review'),
  event('2027-01-20', 'ceo-1to1', 'meeting'),
  event('2027-02-08', 'support'),
  { ...event('2027-02-08', 'other'), urn: 100005 },
];

describe('chooseVisit', () => {
  it("takes the school's next visit from the as-of date (meetings are not visits)", () => {
    expect(chooseVisit(events, 100004, { asOf: '2027-01-12' })?.activity_id).toBe('support');
  });
  it('takes the one on --date, or of --activity', () => {
    expect(chooseVisit(events, 100004, { asOf: '2026-09-01', date: '2027-01-20' })?.activity_id).toBe('ceo-1to1');
    expect(chooseVisit(events, 100004, { asOf: '2026-09-01', activity: 'review' })?.date).toBe('2027-01-11');
    expect(chooseVisit(events, 100004, { asOf: '2026-09-01', date: '2027-01-21' })).toBeNull();
  });
});

describe('milestoneTerm', () => {
  it('is autumn for terms 1-2, spring for 3-4, summer for 5-6', () => {
    expect([1, 2, 3, 4, 5, 6].map((t) => milestoneTerm('2027-01-01', t))).toEqual([
      'autumn',
      'autumn',
      'spring',
      'spring',
      'summer',
      'summer',
    ]);
  });
  it('falls back on the month outside term time', () => {
    expect(milestoneTerm('2026-12-24', null)).toBe('autumn');
    expect(milestoneTerm('2027-02-16', null)).toBe('spring');
    expect(milestoneTerm('2027-08-01', null)).toBe('summer');
  });
});
