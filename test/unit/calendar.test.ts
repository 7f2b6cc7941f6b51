// The calendar core: term dates, cadences, cycles, and each preset's plan for one fixture school,
// hand-checked against the source lines quoted in the preset (and cited here).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import defaultTermsText from '../../presets/terms-2026-27.yaml';
import { TermsSchema, termCalendar, type TermCalendar } from '../../src/core/terms.js';
import { ActivitySchema, buildCalendar, cadenceDays, currentTerm, cycleSlot, placeInTerm, shortfalls, spreadTerms, type CalendarSchool } from '../../src/core/calendar.js';
import { fromDayNumber } from '../../src/core/dates.js';
import { classify } from '../../src/core/classify.js';
import { loadConfig } from '../../src/io/config.js';
import { readSchools } from '../../src/io/read-schools.js';
import { FIXTURES } from '../helpers/run-sit.js';
import { PassThrough } from 'node:stream';

const defaultTerms = (): TermCalendar => termCalendar(TermsSchema.parse(parse(defaultTermsText).terms));
const cal = defaultTerms();
const days = (slots: { day: number }[]) => slots.map((s) => fromDayNumber(s.day));

async function planFor(preset: string, urn: number, term: number) {
  const loaded = loadConfig({ cwd: FIXTURES, preset });
  const data = await readSchools(`${FIXTURES}/schools.csv`, new PassThrough());
  const placements = classify(data.schools, loaded.policy, { asOf: '2026-09-01' }).placements;
  const schools: CalendarSchool[] = placements.map((p) => ({ urn: p.school.urn, name: p.school.name, tier: p.tier, level: p.level, fields: p.school.fields, extra: p.school.extra }));
  const one = schools.filter((s) => s.urn === urn);
  const result = buildCalendar(one, loaded.policy.calendar!, cal, { terms: [term] });
  return { school: one[0], events: result.events.map((e) => [e.date, e.activity, e.kind, e.note ?? ''].join(' | ')), result, schools, policy: loaded.policy };
}

describe('term dates', () => {
  it('ships the SPEC section 6 dates for 2026/27 with the early May bank holiday', () => {
    expect(cal.yearName).toBe('2026/27');
    expect(cal.terms.map((t) => `${t.start}..${t.end}`)).toEqual([
      '2026-09-03..2026-10-23', '2026-11-02..2026-12-18', '2027-01-04..2027-02-12',
      '2027-02-22..2027-03-25', '2027-04-12..2027-05-28', '2027-06-07..2027-07-21',
    ]);
    expect([...cal.closures.values()]).toContain('early May bank holiday');
  });

  const base = () => parse(defaultTermsText).terms as { dates: { start: string; end: string }[]; closures: { date: string; name: string }[] };
  const messages = (value: unknown) => {
    const r = TermsSchema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('needs six terms', () => {
    const t = base();
    t.dates.pop();
    expect(messages(t)).toEqual(['dates: expected six terms (Autumn 1 to Summer 2), found 5']);
  });
  it('needs terms in order without overlap, each starting before it ends', () => {
    const t = base();
    t.dates[2].start = '2026-12-10';
    t.dates[4].end = '2027-04-01';
    expect(messages(t)).toEqual([
      'dates.2.start: term 3 starts (2026-12-10) before term 2 ends (2026-12-18): terms must be in order and not overlap',
      'dates.4.end: term 5 ends (2027-04-01) before it starts (2027-04-12)',
    ]);
  });
  it('needs closures inside the year', () => {
    const t = base();
    t.closures.push({ date: '2027-08-02', name: 'INSET day' });
    expect(messages(t)).toEqual(['closures.4.date: 2027-08-02 (INSET day) is outside the year\'s terms (2026-09-03 to 2027-07-21)']);
  });
  it('accepts UK dates', () => {
    const t = base();
    t.dates[0].start = '03/09/2026';
    expect(messages(t)).toEqual([]);
  });
  it('picks the term as of a date: the one it falls in, or the next', () => {
    expect(currentTerm(cal, '2026-09-01')).toBe(1);
    expect(currentTerm(cal, '2026-10-28')).toBe(2); // October half term
    expect(currentTerm(cal, '2027-02-01')).toBe(3);
    expect(currentTerm(cal, '2027-08-01')).toBeNull();
  });
});

describe('timing', () => {
  it('spreads N times a year over the terms: twice a year is terms 2 and 5 (SPEC section 6)', () => {
    expect(spreadTerms(2)).toEqual([2, 5]);
    expect(spreadTerms(3)).toEqual([1, 3, 5]);
    expect(spreadTerms(6)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(spreadTerms(1)).toEqual([3]);
  });

  it('places week N, weekday D of a term: term 3 week 4 Tuesday is Tue 26 Jan 2027', () => {
    // Term 3 starts Mon 4 Jan 2027 (week 1); week 4 is the week of Mon 25 Jan.
    expect(days([placeInTerm(cal, 3, 4, 2)!])).toEqual(['2027-01-26']);
    // The last week of term 4 (ends Thu 25 Mar): Monday 22 Mar.
    expect(days([placeInTerm(cal, 4, -1, 1)!])).toEqual(['2027-03-22']);
  });

  it('moves a fixed activity off a closure day, saying so', () => {
    // Term 5 week 4 Monday is Mon 3 May 2027, the early May bank holiday.
    const slot = placeInTerm(cal, 5, 4, 1)!;
    expect(fromDayNumber(slot.day)).toBe('2027-05-04');
    expect(slot.note).toBe('moved from Mon 2027-05-03 (early May bank holiday)');
  });

  it('a weekly 1:1 due in half term moves to the next school day', () => {
    // Wednesdays from Wed 9 Sep 2026; Wed 28 Oct is in the October half term -> Mon 2 Nov.
    const slots = cadenceDays(cal, 1, 3).filter((s) => s.term === 2).slice(0, 2);
    expect(days(slots)).toEqual(['2026-11-02', '2026-11-04']);
    expect(slots[0].note).toBe('moved from Wed 2026-10-28 (October half term)');
  });

  it('a weekly occurrence on a closure day moves to the next school day', () => {
    const mondays = days(cadenceDays(cal, 1, 1).filter((s) => s.term === 5));
    expect(mondays).toContain('2027-05-04'); // Mon 3 May bank holiday -> Tue 4 May
    expect(mondays).not.toContain('2027-05-03');
    // Over the Christmas holiday two Mondays (21 and 28 Dec) both move to the first school day,
    // Tue 5 Jan (Mon 4 Jan is an INSET day), and are planned once.
    expect(days(cadenceDays(cal, 1, 1).filter((s) => s.term === 3)).slice(0, 2)).toEqual(['2027-01-05', '2027-01-11']);
  });

  it('a term shorter than the cadence still gets its first occurrence', () => {
    // Every 10 weeks on Mondays from Mon 7 Sep 2026: 7 Sep, 16 Nov, 25 Jan, 5 Apr (Easter holiday ->
    // Mon 12 Apr), 14 Jun. Term 4 (5 weeks) falls between 25 Jan and 5 Apr: it gets Mon 22 Feb.
    const slots = cadenceDays(cal, 10, 1);
    expect(days(slots)).toEqual(['2026-09-07', '2026-11-16', '2027-01-25', '2027-02-22', '2027-04-12', '2027-06-14']);
    expect(slots[3].note).toBe('the term is shorter than the 10-week cadence: first mon of the term');
    expect(slots[4].note).toBe('moved from Mon 2027-04-05 (Easter holiday)');
  });

  it('rejects an activity with no timing or two', () => {
    const r = ActivitySchema.safeParse({ id: 'x', name: 'X', kind: 'QA', lead: 'CEO', terms: [1], every_weeks: 2 });
    expect(r.success).toBe(false);
    const none = ActivitySchema.safeParse({ id: 'x', name: 'X', kind: 'QA', lead: 'CEO' });
    expect(none.success).toBe(false);
  });
});

describe('cycles', () => {
  const peer = ActivitySchema.parse({ id: 'peer-review', name: 'Peer review', kind: 'QA', lead: 'Lead', every_years: 2, from: 'last_peer_review', term: 3, week: 3, weekday: 'wed', alternate: ['internal', 'external'], alternate_field: 'last_peer_review_type' });
  const school = (last: string | null, extra: Record<string, string> = {}): CalendarSchool => ({ urn: 100001, name: 'A', tier: 'core', level: 1, fields: { last_peer_review: last }, extra });

  it('is due in the academic year of the last one plus N', () => {
    // 2024-11-15 is in 2024/25; every 2 years -> due 2026/27.
    const c = cycleSlot(cal, peer, school('2024-11-15'));
    expect(c).not.toBe('missing');
    expect(c && c !== 'missing' && [fromDayNumber(c.slot.day), c.name, c.note]).toEqual([
      '2027-01-20', 'Peer review (internal or external, alternating)',
      'due 2026/27: last 2024-11-15 (2024/25), every 2 years; add a last_peer_review_type column (internal/external) to say which is next',
    ]);
  });
  it('is overdue when that year has passed, and says since when', () => {
    const c = cycleSlot(cal, peer, school('2022-06-15'));
    expect(c && c !== 'missing' && c.note).toMatch(/^overdue since 2023\/24: last 2022-06-15 \(2021\/22\)/);
  });
  it('is not planned when not yet due', () => {
    expect(cycleSlot(cal, peer, school('2025-09-24'))).toBeNull();
  });
  it('says the data is missing when the date is blank', () => {
    expect(cycleSlot(cal, peer, school(null))).toBe('missing');
  });
  it('derives internal or external from the last one when the data says', () => {
    const c = cycleSlot(cal, peer, school('2024-11-15', { 'Last peer review type': 'Internal' }));
    expect(c && c !== 'missing' && c.name).toBe('Peer review (external)');
  });
});

describe('each preset, one fixture school, hand-checked', () => {
  it('rlt-categories: Dunmore (category D) in term 3', async () => {
    const { school, events } = await planFor('rlt-categories', 100004, 3);
    expect(school.tier).toBe('D');
    expect(events).toEqual([
      // "Category D: ... weekly or fortnightly support": fortnightly Mondays from Mon 7 Sep 2026;
      // Mon 28 Dec is in the Christmas holiday and Mon 4 Jan an INSET day -> Tue 5 Jan.
      '2027-01-05 | Executive and leadership support visit | SI | moved from Mon 2026-12-28 (Christmas holiday)',
      '2027-01-11 | Executive and leadership support visit | SI | ',
      // "Category D: SI at least 2 per term": week 2 Friday.
      '2027-01-15 | Leadership coaching (category D: second SI activity of the term) | SI | ',
      '2027-01-25 | Executive and leadership support visit | SI | ',
      // Term 3 of the termly table (tool's choice where the source summary elides): week 4 Tuesday.
      '2027-01-26 | Trust Review Day (lines of enquiry from autumn data) | QA | the tool\'s choice, not the source\'s term 3 QA',
      '2027-02-04 | Writing and maths moderation across the trust | SI | the tool\'s choice, not the source\'s term 3 SI',
      '2027-02-08 | Executive and leadership support visit | SI | ',
    ]);
  });

  it('rlt-categories: term 5 has the Trust Review over 2 days and the pupil attitude survey', async () => {
    const { result } = await planFor('rlt-categories', 100001, 5);
    // "Term 5 QA: Trust Review over 2 days and pupil attitude survey".
    const review = result.events.find((e) => e.activity_id === 't5-trust-review')!;
    expect([review.date, review.end]).toEqual(['2027-05-04', '2027-05-05']);
    expect(result.events.map((e) => e.activity_id)).toContain('t5-pupil-survey');
  });

  it('four-tier: Elmstead (Stabilise) in term 2', async () => {
    const { school, events } = await planFor('four-tier', 100005, 2);
    expect(school.tier).toBe('stabilise');
    // "Tier 4 Stabilise: CEO 1:1 every week" (Wednesdays) and "fortnightly governor challenge and
    // improvement committee" (Thursdays from Thu 3 Sep, an INSET day, so the cadence's first is Fri 4 Sep).
    // The external health check "every term" is terms 1, 3 and 5: none in term 2.
    expect(events).toEqual([
      '2026-11-02 | CEO 1:1 | QA | moved from Wed 2026-10-28 (October half term)',
      '2026-11-02 | Governor challenge and improvement committee | QA | moved from Thu 2026-10-29 (October half term)',
      '2026-11-04 | CEO 1:1 | QA | ',
      '2026-11-11 | CEO 1:1 | QA | ',
      '2026-11-12 | Governor challenge and improvement committee | QA | ',
      '2026-11-18 | CEO 1:1 | QA | ',
      '2026-11-25 | CEO 1:1 | QA | ',
      '2026-11-26 | Governor challenge and improvement committee | QA | ',
      '2026-12-02 | CEO 1:1 | QA | ',
      '2026-12-09 | CEO 1:1 | QA | ',
      '2026-12-10 | Governor challenge and improvement committee | QA | ',
      '2026-12-16 | CEO 1:1 | QA | ',
    ]);
  });

  it('four-tier: a Reinvent school gets its CEO 1:1 every 2 weeks and the health check in terms 2 and 5', async () => {
    const { school, result } = await planFor('four-tier', 100004, 2);
    expect(school.tier).toBe('reinvent');
    const ceo = result.events.filter((e) => e.activity === 'CEO 1:1').map((e) => e.date);
    // Wednesdays from Wed 9 Sep, every 2 weeks: ... 21 Oct, 4 Nov, 18 Nov, 2 Dec, 16 Dec.
    expect(ceo).toEqual(['2026-11-04', '2026-11-18', '2026-12-02', '2026-12-16']);
    // "Tier 3 Reinvent: external health check twice a year" (terms 2 and 5) and "termly Trust Board review of standards".
    expect(result.events.map((e) => e.activity_id)).toEqual(expect.arrayContaining(['health-check-twice', 'board-standards-review']));
  });

  it('equals-categories: Dunmore (category 3) in term 3', async () => {
    const { school, events } = await planFor('equals-categories', 100004, 3);
    expect(school.tier).toBe('3');
    expect(events).toEqual([
      // "external QA review every three years": last 2021-06-16 (2020/21) -> due 2023/24, overdue.
      '2027-01-20 | External QA review | QA | overdue since 2023/24: last 2021-06-16 (2020/21), every 3 years',
      // "SIA 3 days a year (one visit a term)": terms 1, 3 and 5, week 4 Tuesday.
      '2027-01-26 | SIA visit | QA | ',
    ]);
  });

  it('ult-core-second-tier: Ashgrove (core) in term 3', async () => {
    const { school, events } = await planFor('ult-core-second-tier', 100001, 3);
    expect(school.tier).toBe('core');
    expect(events).toEqual([
      // "half-termly QA by trust leadership": every term, week 3 Tuesday.
      '2027-01-19 | Half-termly QA visit by trust leadership | QA | ',
      // "peer review every two years, alternating internal and external": last 2024-11-15 -> due now.
      '2027-01-20 | Peer review (internal or external, alternating) | QA | due 2026/27: last 2024-11-15 (2024/25), every 2 years; add a last_peer_review_type column (internal/external) to say which is next',
    ]);
  });

  it('dfe-tsio-2023 has no calendar', () => {
    expect(loadConfig({ cwd: FIXTURES, preset: 'dfe-tsio-2023' }).policy.calendar).toBeUndefined();
  });

  for (const preset of ['rlt-categories', 'four-tier', 'equals-categories', 'ult-core-second-tier']) {
    it(`${preset}: every fixture school's year meets the policy's per-term minimums`, async () => {
      const { schools, policy } = await planFor(preset, 100001, 1);
      const year = buildCalendar(schools, policy.calendar!, cal);
      expect(shortfalls(year.events, policy.calendar!, schools, [1, 2, 3, 4, 5, 6])).toEqual([]);
    });
  }

  it('category D minimum: at least 2 SI a term (a shortfall is reported)', async () => {
    const { schools, policy } = await planFor('rlt-categories', 100004, 3);
    const calendar = { ...policy.calendar!, activities: policy.calendar!.activities.filter((a) => !a.id.startsWith('d-')) };
    const d = schools.filter((s) => s.urn === 100004);
    const lines = shortfalls(buildCalendar(d, calendar, cal, { terms: [4] }).events, calendar, d, [4]);
    expect(lines).toEqual(['100004 Dunmore Primary School (D): term 4 has 1 SI activity; the policy asks for at least 2 (At least 2 per Term)']);
  });
});
