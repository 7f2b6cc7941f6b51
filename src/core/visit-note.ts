// The visit note (SPEC section 9): "For all schools there will be a single visit report for each
// visit" (Equals). The one-page record of a visit: the school, its tier in force, the activity,
// the date and lead (from the plan when the visit is on it), the school's WFAP priorities with the
// milestone for the visit's term, and space for findings and agreed actions. Pure.
import type { Placement } from './classify.js';
import type { Activity } from './calendar.js';
import { fold } from './values.js';
import type { CalendarEvent } from './schedule.js';
import { describeChange } from './tier-changes.js';
import { schoolOf, type SchoolDocument, type WfapAnswers } from './wfap.js';

export interface VisitNote {
  kind: 'visit-note';
  school: SchoolDocument['school'];
  as_of: string;
  policy: { id: string; name: string };
  tier: { id: string | null; label: string | null; retiered: string | null };
  activity: { id: string | null; name: string; kind: string };
  date: string;
  lead: string;
  /** What the plan has for this visit, or why it is not on the plan; null without a calendar. */
  planned: string | null;
  /** The milestone term of the visit: autumn (terms 1-2), spring (3-4) or summer (5-6). */
  term: 'autumn' | 'spring' | 'summer';
  priorities: { number: number; title: string; milestone: string | null; term: string }[];
}

/** The school's visit the note is for: on `date` if given, of `activity` if given, else its next visit from asOf. */
export function chooseVisit(
  events: CalendarEvent[],
  urn: number,
  wanted: { activity?: string; date?: string; asOf: string },
): CalendarEvent | null {
  const mine = events.filter(
    (e) =>
      e.urn === urn &&
      (wanted.activity === undefined ||
        e.activity_id === wanted.activity ||
        fold(e.activity) === fold(wanted.activity)),
  );
  if (wanted.date !== undefined) return mine.find((e) => e.date <= wanted.date! && wanted.date! <= e.end) ?? null;
  const visits = mine.filter((e) => e.type === 'visit');
  const pool = visits.length ? visits : mine;
  return pool.find((e) => e.date >= wanted.asOf) ?? pool[pool.length - 1] ?? null;
}

const TERM_OF: Record<number, VisitNote['term']> = {
  1: 'autumn',
  2: 'autumn',
  3: 'spring',
  4: 'spring',
  5: 'summer',
  6: 'summer',
};

/** The milestone term of a date: from its term of the year when known, else its month. */
export function milestoneTerm(date: string, term: number | null): VisitNote['term'] {
  if (term !== null) return TERM_OF[term];
  const month = Number(date.slice(5, 7));
  return month >= 9 ? 'autumn' : month <= 3 ? 'spring' : 'summer';
}

export interface VisitNoteInput {
  placement: Placement;
  policy: { id: string; name: string };
  asOf: string;
  /** The planned event, when the visit is on the plan. */
  event: CalendarEvent | null;
  /** --activity as given: an activity of the policy, or free text. */
  activity: Activity | string | null;
  date: string;
  /** The visit's term of the year (1-6), or null when the date is outside the terms. */
  term: number | null;
  /** Who leads, when --lead says (else the plan's lead). */
  lead?: string;
  /** Why the visit is not the plan's, when there is a plan. */
  planNote: string | null;
  answers?: WfapAnswers;
}

export function visitNote(input: VisitNoteInput): VisitNote {
  const { placement: p, event } = input;
  const activity =
    typeof input.activity === 'string'
      ? { id: null, name: input.activity, kind: '' }
      : input.activity
        ? { id: input.activity.id, name: input.activity.name, kind: input.activity.kind }
        : event
          ? { id: event.activity_id, name: event.activity, kind: event.kind }
          : { id: null, name: 'Visit', kind: '' };
  const term = milestoneTerm(input.date, input.term);
  const inForce = p.retiering?.inForce ?? null;
  return {
    kind: 'visit-note',
    school: schoolOf(p.school),
    as_of: input.asOf,
    policy: input.policy,
    tier: {
      id: p.tier,
      label: p.tier === null ? `needs data (${p.missing.join(', ')})` : p.label,
      retiered: inForce ? describeChange(inForce, p.label) : null,
    },
    activity,
    date: input.date,
    lead: input.lead ?? event?.lead ?? '',
    planned: event
      ? `${event.activity} on ${event.date}${event.end !== event.date ? ` to ${event.end}` : ''}, term ${event.term}, led by ${event.lead}`
      : input.planNote,
    term,
    priorities: (input.answers?.priorities ?? []).map((pr, i) => ({
      number: i + 1,
      title: pr.title ?? '',
      milestone: pr.milestones?.[term] || null,
      term: `${term} term`,
    })),
  };
}
