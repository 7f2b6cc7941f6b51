// A policy's QA and SI activities (the `calendar:` section of a preset or trust.config.yaml) and
// the occurrences each school (or trust) is due in the year's terms. Pure. Putting them on days
// and people is core/schedule.ts.
//
// Timing, one kind per activity:
// - `terms: [1, 4]`: once in each of those terms; a term listed twice (`[1, 1]`) gets two, each in
//   its own part of the term. With `week`/`weekday` that day is preferred, else the schools are
//   spread over the term's school days;
// - `times_a_year: N`: N terms spread over the year (2 -> terms 2 and 5, 3 -> 1, 3, 5, ...), or the
//   `terms` given;
// - `every_weeks: N` on `weekday`: a cadence counted from the first such weekday of term 1. An
//   occurrence in a holiday is dropped, not moved; one on a closure day may move to a later school
//   day of the same week, else it is dropped; one whose lead is full that day moves within its
//   interval; two are never closer than half the interval;
// - `every_years: N` from a date field (`from: last_peer_review`): due in the academic year of the
//   last one plus N, placed in `term` (default 1); overdue when that year is already past.
import type { FieldValue } from './fields.js';
import { fold, parseDate } from './values.js';
import { extraValue } from './school.js';
import { academicYearName, academicYearOf, fromDayNumber, toDayNumber } from './dates.js';
import {
  WEEKDAYS,
  firstAtOrAfter,
  schoolDaysOf,
  mondayOf,
  nearest,
  nextSchoolDay,
  previousSchoolDay,
  termOfDay,
  weekdayOfDay,
  whyClosed,
  type TermCalendar,
} from './terms.js';
import type { Condition } from './condition-schema.js';
import type { Activity, PolicyCalendar } from './calendar-schema.js';
import type { Choice } from './choose.js';
import { Occurrences } from './occurrences.js';
import { DroppedList } from './dropped.js';

export const ACTIVITY_TYPES = ['visit', 'meeting', 'school'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export type { Activity, Minimum, PolicyCalendar } from './calendar-schema.js';

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
  /** A school re-tiered during the year: its tier from each date (core/tier-changes.ts); else it keeps `tier` all year. */
  periods?: SchoolPeriod[];
  /** The policy's output fields as placed, for `when:` (core/choose.ts). */
  outputs?: Record<string, string | null>;
}

/** A stretch of the year in one tier: from day `from` (null: the year's start) to the day before `until` (null: its end). */
export interface SchoolPeriod {
  tier: string | null;
  level: number | null;
  from: number | null;
  until: number | null;
  /** How the period began, for an event's note: "re-tiered to Category D from 2027-02-01 (reason)". */
  text: string | null;
  /** The day the change that began it was agreed, when the tier-change file says. */
  agreed?: number | null;
}

/** The period a day falls in (the school's tier that day), or null for a school never re-tiered. */
export function periodOn(periods: SchoolPeriod[] | undefined, day: number): SchoolPeriod | null {
  if (!periods) return null;
  return periods.find((p) => (p.from === null || p.from <= day) && (p.until === null || day < p.until)) ?? null;
}

/** The tier of an owner on a day: a re-tiered school's tier in force that day, else its one tier. */
export function tierOn(owner: Owner, day: number): string | null {
  const period = periodOn(owner.periods, day);
  return period ? period.tier : owner.tier;
}

/** Activity time per day of it, in days of the lead's time. */
export function timeOf(a: Activity): number {
  return a.time ?? (a.type === 'visit' ? 1 : a.type === 'meeting' ? 0.5 : 0);
}

/** A school, a trust or the whole organisation: whom an occurrence is for. */
export interface Owner {
  /** `urn` for a school, `trust:NAME`, or `organisation`: part of the UID. */
  key: string;
  urn: number | null;
  name: string;
  trust: string | null;
  tier: string | null;
  level: number | null;
  /** Days the owner is closed beyond the trust's closures (a school's own INSET days). */
  closed: ReadonlyMap<number, string>;
  /** Nothing before this day (the school's due_from date), or null. */
  from: number | null;
  fromText: string | null;
  /** A re-tiered school's tier periods (for each event's tier on its day). */
  periods?: SchoolPeriod[];
  /**
   * The part of the year this owner's activity is due in: a re-tiered school's tiers that have the
   * activity. An occurrence wholly outside is not due (as for a tier without the activity); one
   * whose window runs across the edge is kept to its side of the re-tiering, with a note.
   */
  span?: { from: number | null; until: number | null; agreedUntil: number | null; note: string };
}

/** One occurrence due: what, for whom, in which term, and the days it may take. */
export interface Occurrence {
  owner: Owner;
  activity: Activity;
  /** The name shown (a cycle can add "(external)"). */
  label: string;
  term: number;
  /** Its number within the term for this owner and activity: the UID's, never the date. */
  number: string;
  /** First and last day it may start on (inclusive). */
  window: [number, number];
  /** The day it is aimed at. */
  target: number;
  /**
   * A cadence: the series (for the half-interval rule; `OWNER_KEY|ACTIVITY_ID`, the owner's of
   * the activity) and the least days from the previous one.
   */
  series: string | null;
  minGap: number;
  /** The nominal day when it had to move off a closure (for the note), else null. */
  movedFrom: { day: number; why: string } | null;
  notes: string[];
}

/** A review cycle that cannot be planned for a school: the date it is counted from is missing. */
export interface MissingDate {
  urn: number;
  name: string;
  activity: string;
  field: string;
}

export interface OnRequest {
  activity: string;
  activity_id: string;
  kind: 'QA' | 'SI';
  lead: string;
  /** The schools (or trusts) it could be requested for. */
  owners: number;
  source: string | null;
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export const dayText = (day: number) => `${DAY_NAMES[weekdayOfDay(day) - 1]} ${fromDayNumber(day)}`;

/** The school day for week `week`, weekday `weekday` of a term (moved off closures, kept in term). */
export function placeInTerm(
  cal: TermCalendar,
  termNo: number,
  week: number,
  weekday: number,
): { day: number; nominal: number } | null {
  const term = cal.terms[termNo - 1];
  const monday = week > 0 ? mondayOf(term.startDay) + (week - 1) * 7 : mondayOf(term.endDay) + (week + 1) * 7;
  const nominal = Math.min(Math.max(monday + weekday - 1, term.startDay), term.endDay);
  const day = nextSchoolDay(cal, nominal, term.endDay) ?? previousSchoolDay(cal, nominal, term.startDay);
  return day === null ? null : { day, nominal };
}

const weekdayNumber = (a: Activity) => WEEKDAYS.indexOf(a.weekday ?? 'mon') + 1;

/** A date from a field or an extra column of the school, or null when blank or not a date. */
export function schoolDate(school: CalendarSchool, column: string): string | null {
  const field = school.fields[column];
  if (typeof field === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(field)) return field;
  const raw = extraValue(school.extra, column);
  if (raw === null) return null;
  const parsed = parseDate(raw);
  return parsed.ok ? parsed.value : null;
}

/**
 * No days closed of an owner's own: one map, read and never changed, for every owner without INSET
 * days (an empty map each was ~9 MB live for England's 22,000 schools).
 */
export const NO_CLOSURES: ReadonlyMap<number, string> = new Map();

/** The school's own INSET days: an `inset_days` column of dates separated by ; or spaces. */
export function schoolClosures(school: CalendarSchool): ReadonlyMap<number, string> {
  const raw = extraValue(school.extra, 'inset_days');
  if (raw === null) return NO_CLOSURES;
  const closed = new Map<number, string>();
  for (const part of raw.split(/[;|\s]+/)) {
    const parsed = parseDate(part);
    if (parsed.ok && parsed.value) closed.set(toDayNumber(parsed.value), "the school's INSET day");
  }
  return closed.size > 0 ? closed : NO_CLOSURES;
}

/** A cycle for one school: its name and note, null when not due, or 'missing'. */
export function cycleDue(
  cal: TermCalendar,
  a: Activity,
  school: CalendarSchool,
): { name: string; note: string } | null | 'missing' {
  const last = school.fields[a.from as string];
  if (typeof last !== 'string') return 'missing';
  const every = a.every_years as number;
  const lastYear = academicYearOf(last);
  const due = lastYear + every;
  if (due > cal.year) return null;
  const when = `last ${last} (${academicYearName(lastYear)}), every ${every} years`;
  let name = a.name;
  let kindNote = '';
  if (a.alternate) {
    const lastKind = a.alternate_field ? extraValue(school.extra, a.alternate_field) : null;
    const index = lastKind === null ? -1 : a.alternate.findIndex((k) => fold(k) === fold(lastKind));
    if (index >= 0) {
      name = `${a.name} (${a.alternate[1 - index]})`;
      kindNote = `; the last one was ${a.alternate[index]}`;
    } else {
      name = `${a.name} (${a.alternate.join(' or ')}, alternating)`;
      kindNote = a.alternate_field
        ? `; add a ${a.alternate_field} column (${a.alternate.join('/')}) to say which is next`
        : '';
    }
  }
  const status = due === cal.year ? `due ${cal.yearName}` : `overdue since ${academicYearName(due)}`;
  return { name, note: `${status}: ${when}${kindNote}` };
}

export function appliesTo(a: Activity, tier: string | null): boolean {
  if (a.tiers === 'all') return true;
  return tier !== null && a.tiers.includes(tier);
}

/** A stretch of the year whose tiers have an activity (see Owner.span). */
interface ActivitySpan {
  from: number | null;
  until: number | null;
  /** The day the change that ends it was agreed, when known. */
  agreedUntil: number | null;
  note: string;
  whole: boolean;
}

/** The whole year, for every school not re-tiered: one list, read and never changed. */
const WHOLE_YEAR: readonly ActivitySpan[] = [{ from: null, until: null, agreedUntil: null, note: '', whole: true }];

/**
 * The stretches of the year an activity is due for a school: the whole year without re-tiering
 * (or when every tier it passes through has the activity), else each run of periods whose tier has it.
 */
export function activitySpans(a: Activity, periods: SchoolPeriod[] | undefined): readonly ActivitySpan[] {
  if (!periods || periods.every((p) => appliesTo(a, p.tier))) return WHOLE_YEAR;
  const spans: ActivitySpan[] = [];
  for (let i = 0; i < periods.length; i++) {
    if (!appliesTo(a, periods[i].tier)) continue;
    let j = i;
    while (j + 1 < periods.length && appliesTo(a, periods[j + 1].tier)) j++;
    const from = periods[i].from;
    const until = periods[j].until;
    const began = from !== null ? `from ${fromDayNumber(from)}: ${periods[i].text ?? 're-tiered'}` : null;
    const ended = until !== null ? `until ${fromDayNumber(until - 1)}: ${periods[j + 1].text ?? 're-tiered'}` : null;
    spans.push({
      from,
      until,
      agreedUntil: until !== null ? (periods[j + 1].agreed ?? null) : null,
      note: [began, ended].filter(Boolean).join('; '),
      whole: false,
    });
    i = j;
  }
  return spans;
}

/** A window kept to an owner's span: null when none of it is in the span (not due, nothing to list). */
function spanClamp(owner: Owner, window: [number, number]): [number, number] | null {
  const span = owner.span;
  if (!span) return window;
  const lo = span.from === null ? window[0] : Math.max(window[0], span.from);
  const hi = span.until === null ? window[1] : Math.min(window[1], span.until - 1);
  return lo > hi ? null : [lo, hi];
}

/** An owner with no closures of its own: its school days are the trust's. */
const OPEN: Pick<Owner, 'closed'> = { closed: NO_CLOSURES };

/** A school's days in a range that are school days for it (its own INSET days off). */
export function ownerSchoolDays(cal: TermCalendar, owner: Pick<Owner, 'closed'>, from: number, to: number): number[] {
  const year = schoolDaysOf(cal);
  const days: number[] = [];
  for (let i = firstAtOrAfter(year, from); i < year.length && year[i] <= to; i++)
    if (!owner.closed.has(year[i])) days.push(year[i]);
  return days;
}

/** The owner's first `n` school days from `from` up to `to`, or null when fewer are left. */
export function ownerSchoolDaysFrom(
  cal: TermCalendar,
  owner: Owner,
  from: number,
  to: number,
  n: number,
): number[] | null {
  const year = schoolDaysOf(cal);
  const days: number[] = [];
  for (let i = firstAtOrAfter(year, from); days.length < n && i < year.length && year[i] <= to; i++)
    if (!owner.closed.has(year[i])) days.push(year[i]);
  return days.length === n ? days : null;
}

export interface DueOptions {
  /** Whether an activity's `when:` chooses a school, and why (core/choose.ts); without it, every school. */
  choose?: (when: Condition | undefined, school: CalendarSchool) => Choice;
}

export interface DueResult {
  occurrences: Occurrences;
  dropped: DroppedList;
  missingDates: MissingDate[];
  onRequest: OnRequest[];
}

/** Every occurrence due in the year, for every school, trust or the organisation (see the file comment). */
export function dueOccurrences(
  schools: CalendarSchool[],
  calendar: PolicyCalendar,
  cal: TermCalendar,
  options: DueOptions = {},
): DueResult {
  const sorted = [...schools].sort((a, b) => a.urn - b.urn);
  const occurrences = new Occurrences();
  const dropped = new DroppedList();
  const missingDates: MissingDate[] = [];
  const onRequest: OnRequest[] = [];
  const into = { occurrences, dropped };
  // A term's school days for an owner: the same list (read, never changed) for every owner
  // without INSET days of its own, not one for each of thousands of schools.
  const plainDays = new Map<number, number[]>();
  const plainTermDays = (termNo: number): number[] => {
    let days = plainDays.get(termNo);
    if (!days) {
      const term = cal.terms[termNo - 1];
      plainDays.set(termNo, (days = ownerSchoolDays(cal, OPEN, term.startDay, term.endDay)));
    }
    return days;
  };
  const termDays = (owner: Owner, termNo: number): number[] => {
    const term = cal.terms[termNo - 1];
    return owner.closed.size > 0 ? ownerSchoolDays(cal, owner, term.startDay, term.endDay) : plainTermDays(termNo);
  };
  const schoolOwner = new Map<number, Owner>();
  for (const s of sorted) {
    const owner: Owner = {
      key: String(s.urn),
      urn: s.urn,
      name: s.name,
      trust: (s.fields.trust as string | null) ?? null,
      tier: s.tier,
      level: s.level,
      closed: schoolClosures(s),
      from: null,
      fromText: null,
    };
    // Set, not spread in: a spread after other fields takes microseconds an object in Node 20's V8.
    if (s.periods) owner.periods = s.periods;
    schoolOwner.set(s.urn, owner);
  }
  // Each school's owner by its place in `sorted`: looked up once, not for each activity.
  const ownerOfSchool = sorted.map((s) => schoolOwner.get(s.urn) as Owner);
  // A school its when: chooses says why on each of its events.
  const whyOf = new Map<CalendarSchool, string>();
  const qualifies = (a: Activity, s: CalendarSchool) => {
    if (!(s.periods ? s.periods.some((p) => appliesTo(a, p.tier)) : appliesTo(a, s.tier))) return false;
    if (a.when === undefined || !options.choose) return true;
    const { chosen, why } = options.choose(a.when, s);
    if (chosen && why !== null) whyOf.set(s, why);
    return chosen;
  };

  // An activity for the same owners as the one before (the same per and tiers, neither chosen by
  // data nor due from a date: a preset's termly table for every school) has that one's list, read
  // and never changed, not one listed again.
  let last: { a: Activity; list: OwnerList | null } | null = null;
  for (const a of calendar.activities) {
    const list: OwnerList | null =
      last !== null && sameOwners(a, last.a) ? last.list : ownersOf(a, sorted, ownerOfSchool, qualifies, whyOf);
    last = { a, list };
    if (list === null) continue;
    const { owners, ownerSchools, ownerNotes } = list;
    if (a.optional) {
      onRequest.push({
        activity: a.name,
        activity_id: a.id,
        kind: a.kind,
        lead: a.lead,
        owners: owners.length,
        source: a.source ?? null,
      });
      continue;
    }
    if (a.every_weeks !== undefined) {
      // An owner with no days of its own (closures, a due_from date, a re-tiering) has the
      // activity's plain steps: worked out once, not for each of thousands of schools.
      // Their shapes too (see Occurrences.shapeOf), for the owners' notes (most share one list),
      // and the groups of the steps they drop (DroppedList.groupNumber).
      let plain: CadenceStep[] | null = null;
      let plainGroups: number[] = [];
      let plainNotes: string[] | null = null;
      let plainShapes: number[] = [];
      for (let i = 0; i < owners.length; i++) {
        const owner = owners[i];
        const notes = ownerNotes[i];
        if (ownDays(owner)) {
          const steps = cadenceSteps(cal, a, owner);
          const shapes = stepShapes(a, steps, notes, occurrences);
          cadence(a, owner, steps, shapes, stepGroups(a, steps, dropped), occurrences, dropped);
          continue;
        }
        if (plain === null) {
          plain = cadenceSteps(cal, a, owner);
          plainGroups = stepGroups(a, plain, dropped);
        }
        if (notes !== plainNotes) {
          plainShapes = stepShapes(a, plain, notes, occurrences);
          plainNotes = notes;
        }
        cadence(a, owner, plain, plainShapes, plainGroups, occurrences, dropped);
      }
      continue;
    }
    if (a.every_years !== undefined) {
      const due: { owner: Owner; name: string; note: string; notes: string[] }[] = [];
      for (let i = 0; i < owners.length; i++) {
        const owner = owners[i];
        const notes = ownerNotes[i];
        const cycle = cycleDue(cal, a, ownerSchools[i] as CalendarSchool);
        if (cycle === 'missing')
          missingDates.push({ urn: owner.urn as number, name: owner.name, activity: a.name, field: a.from as string });
        else if (cycle) due.push({ owner, notes, ...cycle });
      }
      const term = a.term ?? 1;
      const part = termly(cal, a, term, 0, 1, plainTermDays(term), new Int32Array(due.length).fill(-1), into);
      due.forEach((d, i) => part(d.owner, termDays(d.owner, term), i, due.length, d.name, [d.note, ...d.notes]));
      continue;
    }
    const terms = a.times_a_year !== undefined ? (a.terms ?? spreadTerms(a.times_a_year)) : (a.terms ?? []);
    const perTerm = new Map<number, number>();
    for (const t of terms) perTerm.set(t, (perTerm.get(t) ?? 0) + 1);
    for (const [term, count] of [...perTerm].sort((x, y) => x[0] - y[0])) {
      for (let k = 0; k < count; k++) {
        const part = termly(cal, a, term, k, count, plainTermDays(term), list.numbers, into);
        for (let i = 0; i < owners.length; i++)
          part(owners[i], termDays(owners[i], term), i, owners.length, a.name, ownerNotes[i]);
      }
    }
  }
  return { occurrences, dropped, missingDates, onRequest };
}

/** The notes of an owner with none: one list, read and never changed. */
const NO_NOTES: string[] = [];

/** An activity's owners, their schools and notes, by place (see dueOccurrences). */
interface OwnerList {
  owners: Owner[];
  ownerSchools: (CalendarSchool | null)[];
  ownerNotes: string[][];
  /** The owners' numbers in the list due (Occurrences.ownerNumber), each found when first needed. */
  numbers: Int32Array;
}

/**
 * An activity's owners: each school it is for (as `qualifies` says; whyOf, why `when:` chose it),
 * each trust once (a school outside a trust is its own), or one for all; each with its school
 * (none for a trust or all) and notes, in lists side by side, not an object for each school and
 * activity; null when it is for no school.
 */
function ownersOf(
  a: Activity,
  sorted: CalendarSchool[],
  ownerOfSchool: Owner[],
  qualifies: (a: Activity, s: CalendarSchool) => boolean,
  whyOf: Map<CalendarSchool, string>,
): OwnerList | null {
  whyOf.clear();
  // The schools it is for, by their places in `sorted`.
  const schoolsFor: number[] = [];
  for (let j = 0; j < sorted.length; j++) if (qualifies(a, sorted[j])) schoolsFor.push(j);
  if (schoolsFor.length === 0) return null;
  const owners: Owner[] = [];
  const ownerSchools: (CalendarSchool | null)[] = [];
  const ownerNotes: string[][] = [];
  const addOwner = (owner: Owner, school: CalendarSchool | null, notes: string[]) => {
    owners.push(owner);
    ownerSchools.push(school);
    ownerNotes.push(notes);
  };
  const chosenNote = (s: CalendarSchool) =>
    whyOf.size > 0 && whyOf.has(s) ? [`chosen by its data: ${whyOf.get(s)}`] : NO_NOTES;
  if (a.per === 'school') {
    for (const j of schoolsFor) {
      const s = sorted[j];
      const base = ownerOfSchool[j];
      let owner = base;
      if (a.due_from !== undefined) {
        const from = schoolDate(s, a.due_from);
        if (from !== null) owner = { ...base, from: toDayNumber(from), fromText: `${a.due_from} ${from}` };
      }
      if (s.periods === undefined) {
        addOwner(owner, s, chosenNote(s));
        continue;
      }
      // A re-tiered school: one owner for each stretch of the year whose tiers have the activity.
      for (const span of activitySpans(a, s.periods)) {
        const first = periodOn(s.periods, span.from ?? Number.NEGATIVE_INFINITY);
        addOwner(span.whole ? owner : { ...owner, tier: first?.tier ?? owner.tier, span }, s, chosenNote(s));
      }
    }
  } else if (a.per === 'trust') {
    const seen = new Set<string>();
    for (const j of schoolsFor) {
      const s = sorted[j];
      const trust = (s.fields.trust as string | null) ?? null;
      if (trust === null) {
        addOwner(ownerOfSchool[j], s, chosenNote(s));
        continue;
      }
      if (seen.has(trust)) continue;
      seen.add(trust);
      addOwner(sharedOwner(`trust:${trust}`, trust, trust), null, NO_NOTES);
    }
  } else {
    addOwner(sharedOwner('organisation', 'All schools', null), null, NO_NOTES);
  }
  return { owners, ownerSchools, ownerNotes, numbers: new Int32Array(owners.length).fill(-1) };
}

/** Whether two activities are for the same owners: the same per and tiers, neither with when: or due_from. */
function sameOwners(a: Activity, b: Activity): boolean {
  if (a.per !== b.per || a.when !== undefined || b.when !== undefined) return false;
  if (a.due_from !== undefined || b.due_from !== undefined) return false;
  if (a.tiers === 'all' || b.tiers === 'all') return a.tiers === b.tiers;
  const other = b.tiers;
  return a.tiers.length === other.length && a.tiers.every((t, i) => t === other[i]);
}

/** A trust's or the whole organisation's owner: no URN, tier or days of its own. */
function sharedOwner(key: string, name: string, trust: string | null): Owner {
  return { key, urn: null, name, trust, tier: null, level: null, closed: NO_CLOSURES, from: null, fromText: null };
}

/** Clamps a window to an owner's due_from date: null when the whole window is before it. */
function fromClamp(owner: Owner, window: [number, number]): [number, number] | null {
  if (owner.from === null || owner.from <= window[0]) return window;
  if (owner.from > window[1]) return null;
  return [owner.from, window[1]];
}

/** Whether an owner has days of its own (closures, a due_from date, a re-tiering), not only the trust's. */
const ownDays = (owner: Owner): boolean => owner.closed.size > 0 || owner.from !== null || owner.span !== undefined;

/**
 * Occurrence k of `count` in a term, for each owner in turn (the i-th of n, whose school days in the
 * term are `all`): its part of the term is its window; the target is the week/weekday asked for,
 * else the owner's place in the spread over that part. What does not depend on the owner is worked
 * out once here, not for each of thousands of schools, and an owner with no days of its own (its
 * school days the term's `plain` days) has its occurrence added with no more work than its target.
 * `numbers` holds the owners' numbers in the list due by i, each found the first time it is needed.
 */
function termly(
  cal: TermCalendar,
  a: Activity,
  termNo: number,
  k: number,
  count: number,
  plain: number[],
  numbers: Int32Array,
  { occurrences, dropped }: { occurrences: Occurrences; dropped: DroppedList },
): (owner: Owner, all: number[], i: number, n: number, label: string, notes: string[]) => void {
  const placed =
    a.week !== undefined || a.weekday !== undefined ? placeInTerm(cal, termNo, a.week ?? 2, weekdayNumber(a)) : null;
  const number = String(k + 1);
  const partOf = (all: number[]) => {
    const lo = Math.floor((k * all.length) / count);
    return [lo, Math.max(lo, Math.floor(((k + 1) * all.length) / count) - 1)];
  };
  const [plainLo, plainHi] = partOf(plain);
  // The shape of the last plain owner's occurrence, for the next with the same label and notes.
  let shapeLabel: string | null = null;
  let shapeNotes: string[] | null = null;
  let shape = -1;
  const drop = (owner: Owner, label: string, reason: string) =>
    dropped.add(owner.urn, owner.name, label, a.id, termNo, null, reason);
  return (owner, all, i, n, label, notes) => {
    if (all.length === 0) return;
    if (all === plain && !ownDays(owner)) {
      // The whole part is its window (no span or date to keep it to), its days plain[lo, hi].
      if (label !== shapeLabel || notes !== shapeNotes) {
        shape = occurrences.shapeOf(a, label, termNo, number, 0, notes, null);
        shapeLabel = label;
        shapeNotes = notes;
      }
      const from = plain[plainLo];
      const to = plain[plainHi];
      const target = aim(a, placed, plain, plainLo, plainHi + 1 - plainLo, from, to, i, n) as number;
      if (numbers[i] < 0) numbers[i] = occurrences.ownerNumber(owner);
      occurrences.add(numbers[i], shape, -1, from, to, target);
      return;
    }
    const [lo, hi] = all === plain ? [plainLo, plainHi] : partOf(all);
    const spanned = spanClamp(owner, [all[lo], all[hi]]);
    // Outside the tiers that have it (a re-tiered school): not due, as for any tier without it.
    // (`all` is in order: a day in the span is the first on or after its start, if within it.)
    if (spanned === null) return;
    const inSpan = firstAtOrAfter(all, spanned[0]);
    if (inSpan === all.length || all[inSpan] > spanned[1]) return;
    const clamped = fromClamp(owner, spanned);
    if (clamped === null) {
      drop(owner, label, `before ${owner.fromText}: nothing is planned before it`);
      return;
    }
    // The school days in the window: all[first, end), found in the list, not copied out of it for
    // each of a million occurrences.
    const first = firstAtOrAfter(all, clamped[0]);
    const end = firstAtOrAfter(all, clamped[1] + 1);
    let target = aim(a, placed, all, first, end - first, clamped[0], clamped[1], i, n) as number;
    let window = clamped;
    const agreed = owner.span?.agreedUntil ?? null;
    if (agreed !== null && spanned[1] < all[hi]) {
      // A re-tiering cuts this window short, and the day it was agreed is known: where the plan had
      // it before (the same aim over the whole window) is kept if that was already past, and it is
      // not moved to a day before the agreement if not (a plan made then could not keep it).
      const planned = aim(a, placed, all, lo, hi + 1 - lo, all[lo], all[hi], i, n) as number;
      let part = all.slice(first, end);
      if (planned >= agreed) part = part.filter((d) => d >= agreed);
      if (part.length === 0) {
        const until = owner.span!.until as number;
        // A backdated change ends the old tier's plan on the day it was agreed (core/plan.ts).
        drop(
          owner,
          label,
          until <= agreed
            ? `the plan had it on ${fromDayNumber(planned)}, after the re-tiering was agreed on ${fromDayNumber(agreed)}: the old tier's plan ended then`
            : `re-tiered from ${fromDayNumber(until)}, agreed on ${fromDayNumber(agreed)}: no school day of the term before the change was left after the agreement`,
        );
        return;
      }
      target = nearest(part, planned);
      window = [part[0], part[part.length - 1]];
    }
    const fromNote = owner.from !== null && owner.from > all[lo];
    const spanNote = spanned[0] !== all[lo] || spanned[1] !== all[hi];
    occurrences.push({
      owner,
      activity: a,
      label,
      term: termNo,
      number,
      window,
      target,
      series: null,
      minGap: 0,
      movedFrom: null,
      // The owner's notes as they are when nothing is added: read, never changed.
      notes:
        spanNote || fromNote
          ? [...notes, ...(spanNote ? [owner.span!.note] : []), ...(fromNote ? [`from ${owner.fromText}`] : [])]
          : notes,
    });
  };
}

/**
 * The day aimed at within the days days[start, start + count) from `from` to `to`, for the i-th of
 * n owners: the week and weekday asked for (`placed`), else the owner's place in the spread (none
 * when there are no days).
 */
function aim(
  a: Activity,
  placed: { day: number } | null,
  days: number[],
  start: number,
  count: number,
  from: number,
  to: number,
  i: number,
  n: number,
): number | undefined {
  if (a.week !== undefined || a.weekday !== undefined) {
    if (placed !== null) return Math.min(Math.max(placed.day, from), to);
    return count === 0 ? undefined : days[start];
  }
  return count === 0 ? undefined : days[start + Math.min(count - 1, Math.floor(((i + 0.5) * count) / n))];
}

/** One week of a cadence for an owner: an occurrence due, or dropped with the reason. */
type CadenceStep =
  | {
      due: true;
      term: number;
      number: string;
      window: [number, number];
      target: number;
      movedFrom: Occurrence['movedFrom'];
    }
  | { due: false; term: number | null; date: string; reason: string };

/** Every N weeks on a weekday from the first such weekday of term 1 (see the file comment). */
function cadenceSteps(cal: TermCalendar, a: Activity, owner: Owner): CadenceStep[] {
  const every = a.every_weeks as number;
  const first = cal.terms[0].startDay;
  const last = cal.terms[cal.terms.length - 1].endDay;
  let nominal = mondayOf(first) + weekdayNumber(a) - 1;
  if (nominal < first) nominal += 7;
  const steps: CadenceStep[] = [];
  const numberInTerm = new Map<number, number>();
  for (; nominal <= last; nominal += every * 7) {
    const termNo = termOfDay(cal, nominal);
    const drop = (reason: string) => steps.push({ due: false, term: termNo, date: fromDayNumber(nominal), reason });
    // A re-tiered school's cadence runs in its tier's part of the year only: elsewhere it is not due.
    if (owner.span && spanClamp(owner, [nominal, nominal]) === null) continue;
    if (termNo === null) {
      drop(`${dayText(nominal)} is in the ${whyClosed(cal, nominal)}: dropped, not moved`);
      continue;
    }
    const number = (numberInTerm.get(termNo) ?? 0) + 1;
    numberInTerm.set(termNo, number);
    const term = cal.terms[termNo - 1];
    const monday = mondayOf(nominal);
    // Its own interval (the week for a weekly one; the fortnight for a fortnightly one), so that a
    // full day moves it within the interval; the half-interval gap keeps the series apart.
    let window: [number, number] | null = [
      Math.max(monday, term.startDay),
      Math.min(monday + 7 * every - 3, term.endDay),
    ];
    let movedFrom: Occurrence['movedFrom'] = null;
    const closure = owner.closed.get(nominal) ?? cal.closures.get(nominal);
    if (closure !== undefined) {
      // A closure day: only a later school day of the same week will do.
      movedFrom = { day: nominal, why: closure };
      window = nominal + 1 <= monday + 4 ? [nominal + 1, Math.min(monday + 4, term.endDay)] : null;
      if (window === null || ownerSchoolDays(cal, owner, window[0], window[1]).length === 0) {
        drop(`${dayText(nominal)} is a closure (${closure}) and no later school day of that week is free: dropped`);
        continue;
      }
    }
    window = fromClamp(owner, window);
    if (window === null) {
      drop(`before ${owner.fromText}: nothing is planned before it`);
      continue;
    }
    window = spanClamp(owner, window);
    if (window === null || ownerSchoolDays(cal, owner, window[0], window[1]).length === 0) continue;
    steps.push({
      due: true,
      term: termNo,
      number: String(number),
      window,
      target: Math.max(nominal, window[0]),
      movedFrom,
    });
  }
  return steps;
}

/** The shapes of a cadence's steps for an owner's notes (Occurrences.shapeOf), by step; -1 for one dropped. */
function stepShapes(a: Activity, steps: CadenceStep[], notes: string[], occurrences: Occurrences): number[] {
  const minGap = Math.ceil(((a.every_weeks as number) * 7) / 2);
  return steps.map((step) =>
    step.due ? occurrences.shapeOf(a, a.name, step.term, step.number, minGap, notes, step.movedFrom) : -1,
  );
}

/** The groups of a cadence's dropped steps (DroppedList.groupNumber), by step; -1 for one due. */
function stepGroups(a: Activity, steps: CadenceStep[], dropped: DroppedList): number[] {
  return steps.map((step) => (step.due ? -1 : dropped.groupNumber(a.name, a.id, step.term, step.date, step.reason)));
}

/**
 * A cadence's occurrences for an owner, from its steps and their shapes; what is dropped is added
 * to `dropped`, by its step's group.
 */
function cadence(
  a: Activity,
  owner: Owner,
  steps: CadenceStep[],
  shapes: number[],
  groups: number[],
  occurrences: Occurrences,
  dropped: DroppedList,
): void {
  const ownerAt = occurrences.ownerNumber(owner);
  const series = occurrences.seriesNumber(a.id, owner.key);
  for (let j = 0; j < steps.length; j++) {
    const step = steps[j];
    if (!step.due) {
      dropped.addTo(groups[j], owner.urn, owner.name);
      continue;
    }
    occurrences.add(ownerAt, shapes[j], series, step.window[0], step.window[1], step.target);
  }
}

/** The term to show by default: the one `asOf` falls in, else the next to start; null after the year. */
export function currentTerm(cal: TermCalendar, asOf: string): number | null {
  const day = toDayNumber(asOf);
  const term = cal.terms.find((t) => day <= t.endDay);
  return term ? term.number : null;
}
