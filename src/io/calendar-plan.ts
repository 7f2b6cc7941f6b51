// The plan sit calendar shows: the whole year planned for every school (placed here, or the tiers
// of a --from file), then the view asked for (a term or the year, a school, a person) and the
// notes that go beside it.
import { currentTerm, type CalendarSchool } from '../core/calendar.js';
import { classifiedProblems, schoolsFromClassified } from '../core/calendar-from.js';
import { calendarNotes } from '../core/calendar-notes.js';
import { calendarSchools, planYear } from '../core/plan.js';
import { inTerms, type CalendarEvent, type Schedule, type Unscheduled } from '../core/schedule.js';
import type { EventList } from '../core/schedule-events.js';
import type { TermCalendar } from '../core/terms.js';
import { fold } from '../core/values.js';
import { configError, dataError, usageError } from '../errors.js';
import type { LoadedConfig } from './config.js';
import { readSchools } from './read-schools.js';
import { asOfDate, displayPath, urnOption, type DataOptions, type Io } from './command-io.js';
import { classifyData, dataFile, loadPolicy, loadPolicyAndData, loadTerms } from './load-data.js';
import { loadDelivery, type Delivery } from './delivery-input.js';

export interface CalendarOptions extends DataOptions {
  term?: string;
  year?: boolean;
  school?: string;
  from?: string;
  lead?: string;
  split?: string;
  rota?: boolean;
  previous?: string;
  log?: string;
}

export interface CalendarPlan {
  loaded: LoadedConfig;
  asOf: string;
  cal: TermCalendar;
  termsSource: string;
  terms: number[];
  schedule: Schedule;
  schools: CalendarSchool[];
  /** The view: the events and unscheduled activities of the terms, school and person asked for. */
  events: EventList;
  unscheduled: Unscheduled[];
  notes: string[];
  /** The visit log set against the schedule (--log or log:), or null without one. */
  delivery: Delivery | null;
}

function termsWanted(options: CalendarOptions, cal: TermCalendar, asOf: string): number[] {
  if (options.term !== undefined && options.year)
    throw usageError('--term and --year: give one (a term, or the whole year)');
  if (options.year) return [1, 2, 3, 4, 5, 6];
  if (options.term !== undefined) {
    if (!/^[1-6]$/.test(options.term.trim()))
      throw usageError(`--term ${options.term}: expected a term from 1 to 6 (1 = Autumn 1 ... 6 = Summer 2)`);
    return [Number(options.term)];
  }
  const term = currentTerm(cal, asOf);
  if (term === null)
    throw usageError(
      `as of ${asOf} the ${cal.yearName} terms are over: give --term N or --year, or put next year's dates under terms: in trust.config.yaml`,
    );
  return [term];
}

/** --lead NAME|ROLE: the events of that person, or of everyone with that role. */
function leadFilter(schedule: Schedule, lead: string): (e: CalendarEvent) => boolean {
  const wanted = fold(lead);
  const person = schedule.people.find((p) => fold(p.name) === wanted);
  if (person) return (e) => e.person === person.name;
  if (schedule.people.some((p) => p.roles.some((r) => fold(r) === wanted)) || wanted === fold('unassigned')) {
    return (e) =>
      (fold(e.role) === wanted && (e.person !== null || e.type !== 'school')) ||
      (wanted === fold('unassigned') && e.person === null && e.type !== 'school');
  }
  const known = [...schedule.people.map((p) => `${p.name} (${p.role})`), 'unassigned'].join(', ');
  throw usageError(`--lead ${lead}: no person or role of that name in capacity: in trust.config.yaml; known: ${known}`);
}

/** The schools with the tiers of a --from file (a sit classify output), and the school data's fields. */
async function schoolsFrom(
  from: string,
  file: string | undefined,
  loaded: LoadedConfig,
  options: CalendarOptions,
  io: Io,
): Promise<{ schools: CalendarSchool[]; cyclesLeftOut: boolean }> {
  const fromPath = dataFile(from, loaded, io);
  const classified = await readSchools(fromPath, io.stdin, displayPath(fromPath, io));
  const { headerLine, headers } = classified.table;
  const problems = classifiedProblems({ ...classified, headerLine, headers }, loaded.policy);
  if (problems.length) throw dataError(problems);
  // The cycles need review dates from the school data, when there is any.
  const hasData = Boolean(file || loaded.config.schools);
  const data = hasData ? (await loadPolicyAndData(file, options, io, loaded)).data.schools : null;
  const cyclesLeftOut =
    !hasData && (loaded.policy.calendar?.activities.some((a) => a.every_years !== undefined) ?? false);
  return { schools: schoolsFromClassified(classified.schools, data, loaded.policy, cyclesLeftOut), cyclesLeftOut };
}

/**
 * The schools placed, as the calendar reads them. Made in a function of its own so that the
 * placements (each school's reasons and trace) are let go before the year is planned, not held
 * by the caller's frame: ~15 MB of England's 22,000 schools.
 */
async function placedSchools(
  file: string | undefined,
  options: CalendarOptions,
  io: Io,
): Promise<{ loaded: LoadedConfig; schools: CalendarSchool[] }> {
  const classified = await classifyData(file, options, io, await loadPolicy(options, io));
  return { loaded: classified.loaded, schools: calendarSchools(classified.placements) };
}

export async function planCalendar(file: string | undefined, options: CalendarOptions, io: Io): Promise<CalendarPlan> {
  // Classified first, so the policy is the one every command chooses for this data (load-data.ts).
  const placed = options.from ? null : await placedSchools(file, options, io);
  const loaded = placed?.loaded ?? (await loadPolicy(options, io));
  if (!loaded.policy.calendar || loaded.policy.calendar.activities.length === 0) {
    throw configError(
      `${loaded.policySource}: the policy "${loaded.policy.id}" has no calendar: activities, so there is nothing to plan; add a calendar: section to trust.config.yaml, or use a preset with one (rlt-categories, four-tier, equals-categories, ult-core-second-tier)`,
    );
  }
  const asOf = asOfDate(options, io);
  const { cal, source: termsSource } = loadTerms(loaded);
  const terms = termsWanted(options, cal, asOf);
  const { schools, cyclesLeftOut } = placed
    ? { schools: placed.schools, cyclesLeftOut: false }
    : await schoolsFrom(options.from as string, file, loaded, options, io);
  const notes = cyclesLeftOut
    ? [
        'note: review cycles need last_peer_review / last_external_review from the school data: give FILE or set schools: in trust.config.yaml; cycles are left out',
      ]
    : [];
  // The whole year for every school, so that a term, a school or a person is a view of one plan.
  const schedule = planYear(loaded.policy, schools, cal, {
    asOf,
    capacity: loaded.config.capacity,
    settings: loaded.config.schedule,
  });
  // Marked on the whole year's schedule, so a term, a school or a person shows the same marks.
  const delivery = await loadDelivery({
    given: options.log,
    loaded,
    cwd: io.cwd,
    stdin: io.stdin,
    schedule,
    asOf,
    cal,
  });
  let events = schedule.store.all().inTerms(terms);
  let unscheduled = inTerms(schedule.unscheduled, terms);
  let shown = schools;
  if (options.school !== undefined) {
    const urn = urnOption('--school', options.school);
    const school = schools.find((s) => s.urn === urn);
    if (!school) throw usageError(`--school ${urn}: no school with that URN in the data`);
    const trust = (school.fields.trust as string | null) ?? null;
    const mine = (e: { urn: number | null; name: string }) =>
      e.urn === urn || (e.urn === null && (e.name === trust || e.name === 'All schools'));
    events = events.filter(mine);
    unscheduled = unscheduled.filter(mine);
    shown = [school];
  }
  if (options.lead !== undefined) {
    const lead = fold(options.lead);
    events = events.filter(leadFilter(schedule, options.lead));
    unscheduled = unscheduled.filter(
      (u) =>
        fold(u.role) === lead || schedule.people.some((p) => fold(p.name) === lead && fold(p.role) === fold(u.role)),
    );
  }
  notes.push(
    ...calendarNotes(schedule, {
      shown,
      terms,
      unscheduled,
      missingCycles: !cyclesLeftOut,
      wholeYear: terms.length === cal.terms.length,
    }),
  );
  return { loaded, asOf, cal, termsSource, terms, schedule, schools, events, unscheduled, notes, delivery };
}
