// A policy's QA and SI activities (the `calendar:` section of a preset or trust.config.yaml) and
// how they become dated events for each school in the year's terms. Pure.
//
// Timing, one kind per activity:
// - `terms: [1, 4]`: once in each of those terms, in `week` (default 2) on `weekday` (default mon);
// - `times_a_year: N`: N terms spread over the year (2 -> terms 2 and 5, 3 -> 1, 3, 5, ...), or the
//   `terms` given;
// - `every_weeks: N` on `weekday`: a cadence that runs across the whole year from the first such
//   weekday of term 1. An occurrence on a closure day or in a holiday moves to the next school day;
//   a term the cadence misses (shorter than the cadence) still gets one, on its first such weekday;
// - `every_years: N` from a date field (`from: last_peer_review`): due in the academic year of the
//   last one plus N, placed in `term` (default 1); overdue when that year is already past.
import { z } from 'zod';
import type { FieldValue } from './fields.js';
import { FIELD_BY_NAME } from './fields.js';
import { fold } from './values.js';
import { academicYearName, academicYearOf, fromDayNumber, isoWeekday, toDayNumber } from './dates.js';
import { WEEKDAYS, mondayOf, nextSchoolDay, previousSchoolDay, termOfDay, whyClosed, type TermCalendar } from './terms.js';

const tierId = z.union([z.string(), z.number()]).transform(String);
const termNumber = z.number().int().min(1).max(6);

export const ActivitySchema = z
  .strictObject({
    /** Stable id: part of each event's ICS UID, so keep it when renaming the activity. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an id of lower-case letters, digits and hyphens'),
    name: z.string().min(1),
    kind: z.enum(['QA', 'SI']),
    lead: z.string().min(1),
    /** The tiers it applies to; absent or "all" means every school, including those needing data. */
    tiers: z.union([z.literal('all'), z.array(tierId).min(1)]).default('all'),
    /** The sentence of the source document this activity stands for. */
    source: z.string().optional(),
    /** Shown with every event of this activity. */
    note: z.string().optional(),
    terms: z.array(termNumber).min(1).optional(),
    times_a_year: z.number().int().min(1).max(6).optional(),
    every_weeks: z.number().int().min(1).max(52).optional(),
    every_years: z.number().int().min(1).max(10).optional(),
    /** For every_years: the school's date field the cycle runs from. */
    from: z.string().optional(),
    /** For every_years: the term it is placed in. */
    term: termNumber.optional(),
    /** Week of the term (1 = the week the term starts in; -1 = the week it ends in). */
    week: z.number().int().min(-14).max(14).refine((w) => w !== 0, 'a week from 1 (first) or from -1 (last), not 0').optional(),
    weekday: z.enum(WEEKDAYS).optional(),
    /** Consecutive school days the activity takes (Trust Review over 2 days). */
    days: z.number().int().min(1).max(10).default(1),
    /** For cycles that alternate (peer review: internal, external): the two kinds in turn. */
    alternate: z.array(z.string().min(1)).length(2).optional(),
    /** A column saying which kind the last one was (e.g. last_peer_review_type). */
    alternate_field: z.string().optional(),
  })
  .superRefine((a, ctx) => {
    const timing = [a.every_weeks !== undefined, a.every_years !== undefined, a.times_a_year !== undefined, a.terms !== undefined && a.times_a_year === undefined];
    if (timing.filter(Boolean).length !== 1) {
      ctx.addIssue({ code: 'custom', message: 'an activity needs exactly one timing: terms: [N], times_a_year: N, every_weeks: N (with weekday) or every_years: N (with from)' });
      return;
    }
    if (a.every_weeks !== undefined && a.terms !== undefined) ctx.addIssue({ code: 'custom', path: ['terms'], message: 'every_weeks runs through the whole year; remove terms' });
    if (a.every_years !== undefined && !a.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'every_years needs from: the date field the cycle runs from (last_peer_review or last_external_review)' });
    if (a.every_years === undefined && (a.from !== undefined || a.term !== undefined)) ctx.addIssue({ code: 'custom', path: [a.from !== undefined ? 'from' : 'term'], message: 'from and term are for every_years cycles; use terms: [N] for a fixed term' });
    if (a.from !== undefined && !['date', 'dateOrYear'].includes(FIELD_BY_NAME.get(a.from)?.kind ?? '')) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: `"${a.from}" is not a date field; use last_peer_review or last_external_review` });
    }
    if (a.times_a_year !== undefined && a.terms !== undefined && a.terms.length !== a.times_a_year) {
      ctx.addIssue({ code: 'custom', path: ['terms'], message: `times_a_year: ${a.times_a_year} needs ${a.times_a_year} terms, found ${a.terms.length}` });
    }
    if (a.alternate_field !== undefined && a.alternate === undefined) ctx.addIssue({ code: 'custom', path: ['alternate_field'], message: 'alternate_field needs alternate: [first kind, second kind]' });
  });
export type Activity = z.output<typeof ActivitySchema>;

export const MinimumSchema = z.strictObject({
  tiers: z.array(tierId).min(1),
  kind: z.enum(['QA', 'SI']),
  per_term: z.number().int().min(1),
  source: z.string().optional(),
});
export type Minimum = z.output<typeof MinimumSchema>;

export const CalendarSchema = z.strictObject({
  notes: z.array(z.string()).default([]),
  activities: z.array(ActivitySchema).default([]),
  /** Least activities of a kind per term a tier must get (checked against the plan). */
  minimums: z.array(MinimumSchema).default([]),
});
export type PolicyCalendar = z.output<typeof CalendarSchema>;

/** Checks that need the whole policy: unique activity ids, tiers that exist. */
export function checkCalendar(calendar: PolicyCalendar | undefined, tierIds: Set<string>, ctx: z.RefinementCtx): void {
  if (!calendar) return;
  const ids = new Set<string>();
  calendar.activities.forEach((a, i) => {
    if (ids.has(a.id)) ctx.addIssue({ code: 'custom', path: ['calendar', 'activities', i, 'id'], message: `activity id "${a.id}" is used twice` });
    ids.add(a.id);
    if (a.tiers !== 'all') for (const t of a.tiers) if (!tierIds.has(t)) ctx.addIssue({ code: 'custom', path: ['calendar', 'activities', i, 'tiers'], message: `no tier "${t}"` });
  });
  calendar.minimums.forEach((m, i) => {
    for (const t of m.tiers) if (!tierIds.has(t)) ctx.addIssue({ code: 'custom', path: ['calendar', 'minimums', i, 'tiers'], message: `no tier "${t}"` });
  });
}

/** The terms `times_a_year: N` uses when none are named: 1 -> 3; 2 -> 2, 5; 3 -> 1, 3, 5; 6 -> all. */
export function spreadTerms(n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.ceil(((i + 0.5) * 6) / n));
}

export interface CalendarSchool {
  urn: number;
  name: string;
  /** Tier id, or null when the school needs data. */
  tier: string | null;
  level: number | null;
  fields: Record<string, FieldValue>;
  extra: Record<string, string>;
}

export interface CalendarEvent {
  date: string;
  /** Last day (the same as date for a one-day activity). */
  end: string;
  term: number;
  urn: number;
  name: string;
  tier: string | null;
  activity: string;
  activity_id: string;
  kind: 'QA' | 'SI';
  lead: string;
  note: string | null;
}

/** A school a cycle could not be dated for: the field it needs is blank. */
export interface MissingDate {
  urn: number;
  name: string;
  activity: string;
  field: string;
}

export interface CalendarResult {
  events: CalendarEvent[];
  missingDates: MissingDate[];
}

interface Slot {
  day: number;
  endDay: number;
  term: number;
  note: string | null;
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const fmt = (day: number) => `${DAY_NAMES[isoWeekday(fromDayNumber(day)) - 1]} ${fromDayNumber(day)}`;

/** Runs `days` consecutive school days from `day`, staying in the term. */
function lastDay(cal: TermCalendar, day: number, days: number, termEnd: number): number {
  let end = day;
  for (let n = 1; n < days; n++) {
    const next = nextSchoolDay(cal, end + 1, termEnd);
    if (next === null) break;
    end = next;
  }
  return end;
}

/** The school day for week `week`, weekday `weekday` of a term (moved off closures, kept in term). */
export function placeInTerm(cal: TermCalendar, termNo: number, week: number, weekday: number, days = 1): Slot | null {
  const term = cal.terms[termNo - 1];
  const monday = week > 0 ? mondayOf(term.startDay) + (week - 1) * 7 : mondayOf(term.endDay) + (week + 1) * 7;
  const nominal = Math.min(Math.max(monday + weekday - 1, term.startDay), term.endDay);
  const day = nextSchoolDay(cal, nominal, term.endDay) ?? previousSchoolDay(cal, nominal, term.startDay);
  if (day === null) return null;
  const closed = cal.closures.get(nominal);
  const note = closed !== undefined && day !== nominal ? `moved from ${fmt(nominal)} (${closed})` : null;
  return { day, endDay: lastDay(cal, day, days, term.endDay), term: termNo, note };
}

/** Every N weeks on a weekday across the year's terms (see the file comment). */
export function cadenceDays(cal: TermCalendar, everyWeeks: number, weekday: number, days = 1): Slot[] {
  const first = cal.terms[0].startDay;
  const last = cal.terms[cal.terms.length - 1].endDay;
  let nominal = mondayOf(first) + weekday - 1;
  if (nominal < first) nominal += 7;
  const slots: Slot[] = [];
  const taken = new Set<number>();
  for (; nominal <= last; nominal += everyWeeks * 7) {
    const day = nextSchoolDay(cal, nominal, last);
    if (day === null || taken.has(day)) continue;
    taken.add(day);
    const term = termOfDay(cal, day) as number;
    slots.push({ day, endDay: lastDay(cal, day, days, cal.terms[term - 1].endDay), term, note: day !== nominal ? `moved from ${fmt(nominal)} (${whyClosed(cal, nominal)})` : null });
  }
  for (const term of cal.terms) {
    if (slots.some((s) => s.term === term.number)) continue;
    const slot = placeInTerm(cal, term.number, 1, weekday, days);
    if (slot) slots.push({ ...slot, note: `the term is shorter than the ${everyWeeks}-week cadence: first ${WEEKDAYS[weekday - 1]} of the term` });
  }
  return slots.sort((a, b) => a.day - b.day);
}

const weekdayNumber = (a: Activity) => WEEKDAYS.indexOf(a.weekday ?? 'mon') + 1;

/** The dates of an activity that do not depend on the school (all but cycles). */
export function activitySlots(cal: TermCalendar, a: Activity): Slot[] {
  if (a.every_weeks !== undefined) return cadenceDays(cal, a.every_weeks, weekdayNumber(a), a.days);
  const terms = a.times_a_year !== undefined ? (a.terms ?? spreadTerms(a.times_a_year)) : (a.terms ?? []);
  return [...new Set(terms)].flatMap((t) => placeInTerm(cal, t, a.week ?? 2, weekdayNumber(a), a.days) ?? []);
}

const extraValue = (school: CalendarSchool, column: string): string | null => {
  const key = Object.keys(school.extra).find((k) => fold(k) === fold(column));
  const value = key === undefined ? '' : school.extra[key].trim();
  return value === '' ? null : value;
};

/** A cycle for one school: its slot and what to say, null when not due, or 'missing'. */
export function cycleSlot(cal: TermCalendar, a: Activity, school: CalendarSchool): { slot: Slot; name: string; note: string } | null | 'missing' {
  const last = school.fields[a.from as string];
  if (typeof last !== 'string') return 'missing';
  const every = a.every_years as number;
  const lastYear = academicYearOf(last);
  const due = lastYear + every;
  if (due > cal.year) return null;
  const slot = placeInTerm(cal, a.term ?? 1, a.week ?? 2, weekdayNumber(a), a.days);
  if (!slot) return null;
  const when = `last ${last} (${academicYearName(lastYear)}), every ${every} years`;
  let name = a.name;
  let kindNote = '';
  if (a.alternate) {
    const lastKind = a.alternate_field ? extraValue(school, a.alternate_field) : null;
    const index = lastKind === null ? -1 : a.alternate.findIndex((k) => fold(k) === fold(lastKind));
    if (index >= 0) {
      name = `${a.name} (${a.alternate[1 - index]})`;
      kindNote = `; the last one was ${a.alternate[index]}`;
    } else {
      name = `${a.name} (${a.alternate.join(' or ')}, alternating)`;
      kindNote = a.alternate_field ? `; add a ${a.alternate_field} column (${a.alternate.join('/')}) to say which is next` : '';
    }
  }
  const status = due === cal.year ? `due ${cal.yearName}` : `overdue since ${academicYearName(due)}`;
  return { slot, name, note: `${status}: ${when}${kindNote}` };
}

export function appliesTo(a: Activity, tier: string | null): boolean {
  if (a.tiers === 'all') return true;
  return tier !== null && a.tiers.includes(tier);
}

const compare = (a: CalendarEvent, b: CalendarEvent) =>
  a.date < b.date ? -1 : a.date > b.date ? 1
    : a.urn - b.urn
    || (a.activity < b.activity ? -1 : a.activity > b.activity ? 1 : 0)
    || (a.activity_id < b.activity_id ? -1 : a.activity_id > b.activity_id ? 1 : 0);

/** Every school's events for the terms asked (all six when `terms` is absent), sorted. */
export function buildCalendar(schools: CalendarSchool[], calendar: PolicyCalendar, cal: TermCalendar, options: { terms?: number[] } = {}): CalendarResult {
  const wanted = new Set(options.terms ?? [1, 2, 3, 4, 5, 6]);
  const fixed = new Map(calendar.activities.filter((a) => a.every_years === undefined).map((a) => [a.id, activitySlots(cal, a).filter((s) => wanted.has(s.term))]));
  const missingDates: MissingDate[] = [];
  const isoOf = new Map<number, string>();
  const iso = (day: number) => {
    let text = isoOf.get(day);
    if (text === undefined) isoOf.set(day, (text = fromDayNumber(day)));
    return text;
  };
  const event = (school: CalendarSchool, a: Activity, slot: Slot, name: string, notes: (string | null | undefined)[]): CalendarEvent => {
    const note = notes.length === 2 && !notes[1] ? (notes[0] ?? '') : notes.filter((n): n is string => !!n).join('; ');
    return {
      date: iso(slot.day),
      end: iso(slot.endDay),
      term: slot.term,
      urn: school.urn,
      name: school.name,
      tier: school.tier,
      activity: name,
      activity_id: a.id,
      kind: a.kind,
      lead: a.lead,
      note: note === '' ? null : note,
    };
  };
  // Schools in URN order and activities in name order, each event put in its day's bucket: the
  // buckets come out sorted by date, then URN, then activity, without a sort of every event.
  const bucket = new Map<string, CalendarEvent[]>();
  const put = (e: CalendarEvent) => {
    const list = bucket.get(e.date);
    if (list) list.push(e);
    else bucket.set(e.date, [e]);
  };
  const activities = [...calendar.activities].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const school of [...schools].sort((a, b) => a.urn - b.urn)) {
    for (const a of activities) {
      if (!appliesTo(a, school.tier)) continue;
      if (a.every_years === undefined) {
        for (const slot of fixed.get(a.id) ?? []) put(event(school, a, slot, a.name, [slot.note, a.note]));
        continue;
      }
      const cycle = cycleSlot(cal, a, school);
      if (cycle === 'missing') missingDates.push({ urn: school.urn, name: school.name, activity: a.name, field: a.from as string });
      else if (cycle && wanted.has(cycle.slot.term)) put(event(school, a, cycle.slot, cycle.name, [cycle.note, cycle.slot.note, a.note]));
    }
  }
  const events: CalendarEvent[] = [];
  for (const date of [...bucket.keys()].sort()) {
    const list = bucket.get(date) as CalendarEvent[];
    // A cycle's name can gain "(external)": sort a bucket only when that broke its order.
    if (list.some((e, i) => i > 0 && compare(list[i - 1], e) > 0)) list.sort(compare);
    for (const e of list) events.push(e);
  }
  return { events, missingDates };
}

/** Where a tier's plan has fewer activities of a kind in a term than the policy's minimum. */
export function shortfalls(events: CalendarEvent[], calendar: PolicyCalendar, schools: CalendarSchool[], terms: number[]): string[] {
  const lines: string[] = [];
  const count = new Map<string, number>();
  for (const e of events) count.set(`${e.urn}|${e.term}|${e.kind}`, (count.get(`${e.urn}|${e.term}|${e.kind}`) ?? 0) + 1);
  for (const school of schools) {
    for (const m of calendar.minimums) {
      if (school.tier === null || !m.tiers.includes(school.tier)) continue;
      for (const term of terms) {
        const n = count.get(`${school.urn}|${term}|${m.kind}`) ?? 0;
        if (n < m.per_term) lines.push(`${school.urn} ${school.name} (${school.tier}): term ${term} has ${n} ${m.kind} ${n === 1 ? 'activity' : 'activities'}; the policy asks for at least ${m.per_term}${m.source ? ` (${m.source})` : ''}`);
      }
    }
  }
  return lines;
}

/** The term to show by default: the one `asOf` falls in, else the next to start; null after the year. */
export function currentTerm(cal: TermCalendar, asOf: string): number | null {
  const day = toDayNumber(asOf);
  const term = cal.terms.find((t) => day <= t.endDay);
  return term ? term.number : null;
}
