// What sit visit note records: the school, its WFAP answers, and the visit found in the year's
// plan (the same schedule as sit calendar): on --date, of --activity, else the school's next
// planned visit from --as-of. A visit not on the plan is recorded as given, and the note says so.
import { toDayNumber } from '../core/dates.js';
import type { Placement } from '../core/classify.js';
import { termOfDay } from '../core/terms.js';
import { chooseVisit, visitNote, type VisitNote } from '../core/visit-note.js';
import { sameActivity } from '../core/delivery.js';
import type { WfapAnswers } from '../core/wfap.js';
import type { LoadedConfig } from './config.js';
import { loadTerms, scheduleOf } from './load-data.js';

export interface VisitAsked {
  /** --activity as given (an id, a name, or free text). */
  activity?: string;
  /** --date, checked. */
  date?: string;
  lead?: string;
}

export function visitNoteFor(
  placement: Placement,
  placements: Placement[],
  loaded: LoadedConfig,
  asOf: string,
  asked: VisitAsked,
  answers: WfapAnswers | undefined,
): VisitNote {
  const { date } = asked;
  const activities = loaded.policy.calendar?.activities ?? [];
  const given = asked.activity;
  const activity = given ? (activities.find((a) => sameActivity(given, a)) ?? given) : null;
  const schedule = scheduleOf(loaded, placements, asOf);
  const wantedActivity = activity === null ? undefined : typeof activity === 'string' ? activity : activity.id;
  const event = schedule
    ? chooseVisit(schedule.events, placement.school.urn, { activity: wantedActivity, date, asOf })
    : null;
  const day = date ?? event?.date ?? asOf;
  const { cal } = loadTerms(loaded);
  const planNote = !schedule
    ? null
    : `not on the plan${date ? ` for ${date}` : ''}${wantedActivity ? ` (${wantedActivity})` : ''}: recorded as given`;
  return visitNote({
    placement,
    policy: { id: loaded.policy.id, name: loaded.policy.name },
    asOf,
    event,
    activity,
    date: day,
    term: termOfDay(cal, toDayNumber(day)),
    lead: asked.lead,
    planNote,
    answers,
  });
}
