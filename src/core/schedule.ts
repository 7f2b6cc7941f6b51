// The schedule a team can keep (SPEC section 6): each occurrence due (core/calendar.ts) is given a
// day and a person with the activity's lead role. Pure and deterministic: the same input gives the
// same schedule. The rules:
// - a person's day holds at most one day of time, and at most `visits_per_day` schools (default 1);
// - a visit of N days takes N consecutive school days of its term;
// - each school (or trust) has a link person per role, chosen to balance expected load against
//   each person's days; when the link person is full, another with the role takes it;
// - no one with the role: the event is "unassigned" (placed, counted, never booked on anyone);
// - what fits nowhere in its window is unscheduled, with the reason;
// - a policy's minimum per term is met by adding its `top_up` activity where a term falls short.
import * as z from 'zod';
import { fold } from './values.js';
import type { Capacity } from './config.js';
import { firstAtOrAfter, nearestFirst, schoolDaysOf, termOfDay, type TermCalendar } from './terms.js';
import { countingSort, EventStore, fromZero } from './schedule-events.js';
import type { Occurrences } from './occurrences.js';
import { addToGroup } from './group.js';
import {
  dayText,
  dueOccurrences,
  ownerSchoolDays,
  ownerSchoolDaysFrom,
  periodOn,
  tierOn,
  timeOf,
  type Activity,
  type ActivityType,
  type CalendarSchool,
  type Dropped,
  type DueOptions,
  type MissingDate,
  type OnRequest,
  type Occurrence,
  type Owner,
  type PolicyCalendar,
} from './calendar.js';

export const ScheduleSettingsSchema = z.strictObject({
  /** Schools one person may visit on one day (default 1: nobody is at two schools on a day). */
  visits_per_day: z.number().int().min(1).max(10).default(1),
});
export type ScheduleSettings = z.output<typeof ScheduleSettingsSchema>;

export interface Person {
  name: string;
  role: string;
  /** Every role the person leads for: their role and also_leads. */
  roles: string[];
  /** Order in capacity: breaks ties. */
  index: number;
  year: number;
  perTerm: number;
}

/** Whose occurrence it is and of which activity: what an event and an unscheduled one both say. */
export interface Occasion {
  /** The school's URN, or null for an event of a whole trust or the organisation. */
  urn: number | null;
  name: string;
  trust: string | null;
  tier: string | null;
  activity: string;
  activity_id: string;
  kind: 'QA' | 'SI';
  term: number;
  /** Its number within the term for this school (or trust) and activity. */
  occurrence: string;
  role: string;
  /** Days of the lead's time it takes (0 for the school's own work). */
  days: number;
}

export interface CalendarEvent extends Occasion {
  date: string;
  /** Last day (the same as date for a one-day activity). */
  end: string;
  type: ActivityType;
  /** Who leads: the person, "unassigned (ROLE)", or the role for the school's own work. */
  lead: string;
  person: string | null;
  note: string | null;
}

export interface Unscheduled extends Occasion {
  reason: string;
}

export interface Schedule {
  /** The events in calendar order, as objects: made from the store when first read. */
  readonly events: CalendarEvent[];
  /** The events as stored (column-wise): what the year's readers read without an object each. */
  store: EventStore;
  unscheduled: Unscheduled[];
  dropped: Dropped[];
  missingDates: MissingDate[];
  onRequest: OnRequest[];
  people: Person[];
  /** Minimums a term still misses after topping up, in words. */
  shortfalls: string[];
  visitsPerDay: number;
}

/** The people of `capacity:`; an entry without a name is called by its role (numbered if repeated). */
export function peopleOf(capacity: Capacity[] | undefined): Person[] {
  const list = capacity ?? [];
  const roleCount = new Map<string, number>();
  for (const c of list) if (!c.name) roleCount.set(fold(c.role), (roleCount.get(fold(c.role)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return list.map((c, index) => {
    const perTerm = c.days_per_term ?? (c.days_per_year ?? 0) / 6;
    const year = c.days_per_year ?? perTerm * 6;
    let name = c.name;
    if (!name) {
      const n = (seen.get(fold(c.role)) ?? 0) + 1;
      seen.set(fold(c.role), n);
      name = (roleCount.get(fold(c.role)) ?? 0) > 1 ? `${c.role} ${n}` : c.role;
    }
    return { name, role: c.role, roles: [c.role, ...(c.also_leads ?? [])], index, year, perTerm };
  });
}

interface Diary {
  person: Person;
  load: Map<number, number>;
  visits: Map<number, number>;
  total: number;
  /** Booked days per term 1-6. */
  terms: number[];
  /** Expected demand given to this person as a link (for balancing). */
  linked: number;
  /** The person as an event's lead, in the store (-1 until first needed). */
  lead: number;
}

/** What placing needs of one activity (see planOf in buildSchedule). */
interface ActivityPlan {
  role: string;
  holders: Diary[];
  time: number;
  cost: number;
  /** Its lead without a person, in the store (-1 until first needed). */
  leadless: number;
  /** Its kinds of event in the store, by label, then occurrence number. */
  kinds: Map<string, Map<string, number>>;
}

const EPS = 1e-9;
const NO_ONE: Diary[] = [];
const NO_NOTES: string[] = [];
/** No day yet (a series none of whose occurrences is placed). */
const NONE = -0x80000000;

/**
 * One that could not be scheduled: whose occurrence it is, of what, and why. One object written
 * out (a spread or assign of the reason onto it takes microseconds in Node 20's V8, and a team far
 * too small for England leaves a million unscheduled).
 */
function unscheduledOf(o: Occurrence, cost: number, reason: string): Unscheduled {
  const a = o.activity;
  return {
    urn: o.owner.urn,
    name: o.owner.name,
    trust: o.owner.trust,
    tier: o.owner.tier,
    activity: o.label,
    activity_id: a.id,
    kind: a.kind,
    term: o.term,
    occurrence: o.number,
    role: a.lead,
    days: cost,
    reason,
  };
}

export interface ScheduleOptions extends DueOptions {
  capacity?: Capacity[];
  settings?: Partial<ScheduleSettings>;
}

export function buildSchedule(
  schools: CalendarSchool[],
  calendar: PolicyCalendar,
  cal: TermCalendar,
  options: ScheduleOptions = {},
): Schedule {
  const visitsPerDay = options.settings?.visits_per_day ?? 1;
  const people = peopleOf(options.capacity);
  const diaries = people.map(
    (person): Diary => ({
      person,
      load: new Map(),
      visits: new Map(),
      total: 0,
      terms: [0, 0, 0, 0, 0, 0],
      linked: 0,
      lead: -1,
    }),
  );
  const byRole = new Map<string, Diary[]>();
  for (const d of diaries) for (const r of new Set(d.person.roles.map(fold))) addToGroup(byRole, r, d);
  // What is due, held column-wise (core/occurrences.ts) and let go once every occurrence is placed.
  const due = dueOccurrences(schools, calendar, cal, options);
  const occurrences = due.occurrences;
  const store = new EventStore(occurrences.length);
  // What placing needs of an activity, worked out once for it and found with one lookup for each
  // of its occurrences: its lead folded, who holds that role, its time and cost, its lead without a
  // person ("unassigned (ROLE)", or the role for the school's own work) and its kinds of event.
  const plans = new Map<Activity, ActivityPlan>();
  const planOf = (a: Activity): ActivityPlan => {
    let plan = plans.get(a);
    if (plan === undefined) {
      const role = fold(a.lead);
      const time = timeOf(a);
      plan = {
        role,
        holders: a.type === 'school' ? NO_ONE : (byRole.get(role) ?? NO_ONE),
        time,
        cost: a.type === 'school' ? 0 : time * a.days,
        leadless: -1,
        kinds: new Map(),
      };
      plans.set(a, plan);
    }
    return plan;
  };
  const leadOf = (a: Activity, plan: ActivityPlan, diary: Diary | null): number => {
    if (diary)
      return diary.lead < 0 ? (diary.lead = store.leadIndex(diary.person.name, diary.person.name)) : diary.lead;
    if (plan.leadless < 0)
      plan.leadless = store.leadIndex(a.type === 'school' ? a.lead : `unassigned (${a.lead})`, null);
    return plan.leadless;
  };
  // An owner's place in the store, by its key (a school's spans share one); remembered by its
  // number in the list due, so each owner's key is looked up once, not for each of its events.
  const ownerOf = (owner: Owner, due: number): number => {
    if (due < 0) return store.ownerIndex(owner.key, owner);
    if (storeOwner[due] < 0) storeOwner[due] = store.ownerIndex(owner.key, owner);
    return storeOwner[due];
  };
  // An event's kind (activity, label and occurrence number): stored once for each, not for each event.
  const kindOf = (o: Occurrence, plan: ActivityPlan): number => {
    const a = o.activity;
    let numbers = plan.kinds.get(o.label);
    if (!numbers) plan.kinds.set(o.label, (numbers = new Map()));
    let i = numbers.get(o.number);
    if (i === undefined) {
      i = store.addKind({
        activity: o.label,
        activity_id: a.id,
        kind: a.kind,
        occurrence: o.number,
        role: a.lead,
        days: plan.cost,
        type: a.type,
      });
      numbers.set(o.number, i);
    }
    return i;
  };
  const ratio = (d: Diary, extra: number) =>
    d.person.year > 0 ? (extra + EPS) / d.person.year : Number.POSITIVE_INFINITY;

  // Link people: each school's (or trust's) work for a role goes to the person with the least load for their days.
  // By role, then owner: no key text built for each of a million occurrences.
  const demandOf = new Map<string, Map<string, { role: string; owner: string; days: number; order: number }>>();
  const demand: { role: string; owner: string; days: number; order: number }[] = [];
  for (let order = 0; order < occurrences.length; order++) {
    const activity = occurrences.activityOf(order);
    if (activity.type === 'school') continue;
    const role = planOf(activity).role;
    // A role nobody holds has no link person to choose: its demand is not counted.
    if (!byRole.has(role)) continue;
    const key = occurrences.ownerOf(order).key;
    let owners = demandOf.get(role);
    if (!owners) demandOf.set(role, (owners = new Map()));
    let entry = owners.get(key);
    if (!entry) {
      entry = { role, owner: key, days: 0, order };
      owners.set(key, entry);
      demand.push(entry);
    }
    entry.days += planOf(activity).cost;
  }
  const link = new Map<string, Map<string, Diary>>();
  // Roles fewest people hold first (they have no one else to go to), then the largest demand first.
  const holdersOf = (role: string) => byRole.get(role)?.length ?? 0;
  for (const entry of demand.sort(
    (a, b) => holdersOf(a.role) - holdersOf(b.role) || b.days - a.days || a.order - b.order,
  )) {
    const holders = byRole.get(entry.role);
    if (!holders?.length) continue;
    const best = [...holders].sort(
      (a, b) => ratio(a, a.linked + entry.days) - ratio(b, b.linked + entry.days) || a.person.index - b.person.index,
    )[0];
    best.linked += entry.days;
    const links = link.get(entry.role) ?? new Map<string, Diary>();
    link.set(entry.role, links.set(entry.owner, best));
  }

  const unscheduled: Unscheduled[] = [];
  const year = schoolDaysOf(cal);
  // The last day placed in each series, by the series' number in the list due (a map of a hundred
  // thousand series keys was a tenth of placing); NONE until its first is placed.
  const lastInSeries = new Int32Array(occurrences.seriesCount).fill(NONE);
  // Each owner's index in the store, by its number in the list due: no map lookup per event.
  const storeOwner = new Int32Array(occurrences.ownerCount).fill(-1);
  const visited = new Map<string, Set<number>>();
  const termEnd = (term: number) => cal.terms[term - 1].endDay;

  /** The N consecutive school days from `start` for the owner, in its term; null if the term ends first. */
  const run = (o: Occurrence, start: number): number[] | null =>
    o.activity.days === 1 ? [start] : ownerSchoolDaysFrom(cal, o.owner, start, termEnd(o.term), o.activity.days);
  const fits = (d: Diary, days: number[], time: number, visit: boolean) =>
    days.every((x) => (d.load.get(x) ?? 0) + time <= 1 + EPS && (!visit || (d.visits.get(x) ?? 0) < visitsPerDay));
  // A booked day only fills up, so the runs of a window that every holder of the lead's role was
  // full for stay full: the next occurrence of the activity with the same runs (term and window, no
  // closures of its own, no cadence gap taken off) is unscheduled without looking again, for the
  // same reason. By activity, then window and term as one number (a window is within its term).
  const fullyBooked = new Map<Activity, Map<number, string>>();
  const windowKey = (o: Occurrence) => (o.window[0] * 400 + (o.window[1] - o.window[0])) * 8 + o.term;

  /**
   * Places one occurrence. `series` and `due` are its series' and owner's numbers in the list due
   * (-1 for a top-up, which has no series and is made after that list is let go).
   */
  const place = (o: Occurrence, extraNotes: string[], series: number, due: number): boolean => {
    const a = o.activity;
    const plan = planOf(a);
    const { time, cost, holders } = plan;
    const last = series < 0 || lastInSeries[series] === NONE ? undefined : lastInSeries[series];
    const remembered =
      holders.length > 0 &&
      o.owner.closed.size === 0 &&
      o.window[1] - o.window[0] < 400 &&
      (last === undefined || o.window[0] - last >= o.minGap);
    const booked = remembered ? fullyBooked.get(a)?.get(windowKey(o)) : undefined;
    if (booked !== undefined) {
      unscheduled.push(unscheduledOf(o, cost, booked));
      return false;
    }
    // A school sees one visitor a day where it can: days it already has a visit go last.
    const seen = a.type === 'visit' ? visited.get(o.owner.key) : undefined;
    let chosen: { days: number[]; diary: Diary | null } | null = null;
    const runs: number[][] = [];
    if (a.type === 'school' || holders.length === 0) {
      // No diary to fit: the first run there is.
      eachRun(o, last, seen, (days) => {
        chosen = { days, diary: null };
        return true;
      });
    } else {
      eachRun(o, last, seen, (r) => {
        runs.push(r);
        return false;
      });
      const first = link.get(plan.role)?.get(o.owner.key);
      // The link person first, unless that would take them past their days for the term.
      const others = holders
        .filter((h) => h !== first)
        .sort((x, y) => ratio(x, x.total) - ratio(y, y.total) || x.person.index - y.person.index);
      const full = (d: Diary) => d.terms[o.term - 1] + cost > d.person.perTerm + EPS;
      const ordered = first ? [first, ...others] : others;
      for (const diary of [...ordered.filter((d) => !full(d)), ...ordered.filter(full)]) {
        const days = runs.find((r) => fits(diary, r, time, a.type === 'visit'));
        if (days) {
          chosen = { days, diary };
          break;
        }
      }
    }
    if (!chosen) {
      let reason: string;
      // Without a diary to fit, nothing was chosen only because there was no run.
      if (a.type === 'school' || holders.length === 0 || runs.length === 0)
        reason = `no school day from ${dayText(o.window[0])} to ${dayText(o.window[1])}${o.series ? ` at least ${o.minGap} days after the previous one` : ''}${a.days > 1 ? ` with ${a.days} consecutive school days left in the term` : ''}`;
      else {
        reason = `every ${a.lead} (${holders.map((h) => h.person.name).join(', ')}) is fully booked on the school days from ${dayText(o.window[0])} to ${dayText(o.window[1])}`;
        if (remembered) {
          const windows = fullyBooked.get(a) ?? new Map<number, string>();
          fullyBooked.set(a, windows.set(windowKey(o), reason));
        }
      }
      unscheduled.push(unscheduledOf(o, cost, reason));
      return false;
    }
    const { days, diary } = chosen;
    if (diary) {
      for (const x of days) {
        diary.load.set(x, (diary.load.get(x) ?? 0) + time);
        if (a.type === 'visit') diary.visits.set(x, (diary.visits.get(x) ?? 0) + 1);
      }
      diary.total += cost;
      diary.terms[o.term - 1] += cost;
    }
    if (series >= 0) lastInSeries[series] = days[days.length - 1];
    if (a.type === 'visit') {
      const set = visited.get(o.owner.key) ?? new Set<number>();
      for (const x of days) set.add(x);
      visited.set(o.owner.key, set);
    }
    let moved: string | null = null;
    if (o.movedFrom && days[0] !== o.movedFrom.day)
      moved = `moved from ${dayText(o.movedFrom.day)} (${o.movedFrom.why})`;
    else if (o.series && days[0] !== o.target) moved = `moved from ${dayText(o.target)}: ${movedWhy(o, last, seen)}`;
    const notes =
      moved === null && extraNotes.length === 0 && !a.note
        ? o.notes
        : [...(moved === null ? [] : [moved]), ...o.notes, ...extraNotes, ...(a.note ? [a.note] : [])];
    store.add({
      start: days[0],
      end: days[days.length - 1],
      owner: ownerOf(o.owner, due),
      kind: kindOf(o, plan),
      lead: leadOf(a, plan, diary),
      // A re-tiered school's event carries the tier in force on its day.
      tier: tierOn(o.owner, days[0]),
      term: termOfDay(cal, days[0]) as number,
      note: notes.length ? notes.join('; ') : null,
    });
    return true;
  };

  /** Why a cadence's occurrence is not on its day: the first thing that ruled the day out. */
  const movedWhy = (o: Occurrence, last: number | undefined, seen: Set<number> | undefined): string =>
    last !== undefined && o.target - last < o.minGap
      ? `at least ${o.minGap} days after the one before (${dayText(last)})`
      : seen?.has(o.target)
        ? 'the school already has a visit that day'
        : "the lead's day was full";

  /**
   * Each run of the owner's school days in the window an event could take, nearest the target
   * first (earlier on a tie), at least the series' gap after the last one, given to `take` until it
   * takes one; a run on a day the school already has a visit only after all the others. The days
   * are walked from the target outwards in the year's list of school days, not listed for each
   * occurrence.
   */
  function eachRun(
    o: Occurrence,
    last: number | undefined,
    seen: Set<number> | undefined,
    take: (run: number[]) => boolean,
  ) {
    const busy: number[][] = [];
    let taken = false;
    const closed = o.owner.closed;
    nearestFirst(
      year,
      o.target,
      (d) => {
        if ((closed.size > 0 && closed.has(d)) || (last !== undefined && d - last < o.minGap)) return false;
        const r = run(o, d);
        if (r === null) return false;
        if (seen !== undefined && (r.length === 1 ? seen.has(d) : r.some((x) => seen.has(x)))) {
          busy.push(r);
          return false;
        }
        taken = take(r);
        return taken;
      },
      firstAtOrAfter(year, o.window[0]),
      firstAtOrAfter(year, o.window[1] + 1),
    );
    for (let i = 0; !taken && i < busy.length; i++) taken = take(busy[i]);
  }

  // The hardest first: multi-day visits, then cadences (a week each), then the rest; by target day.
  // The list due is held column-wise until every occurrence is placed, then cleared.
  const order = hardestFirst(occurrences);
  for (let i = 0; i < order.length; i++) {
    const at = order[i];
    place(occurrences.at(at), NO_NOTES, occurrences.seriesIndexOf(at), occurrences.ownerIndexOf(at));
  }
  occurrences.clear();

  const shortfalls = topUp(schools, calendar, cal, store, place);
  store.sort();
  return {
    get events() {
      return store.toArray();
    },
    store,
    unscheduled,
    dropped: due.dropped,
    missingDates: due.missingDates,
    onRequest: due.onRequest,
    people,
    shortfalls,
    visitsPerDay,
  };
}

/**
 * Occurrences in the order they are placed: multi-day first, then cadences, then the rest; by
 * target day; as due on a tie. By buckets of (rank, target), not a sort of every occurrence: the
 * order of a sort by rank, target and place in the list.
 */
export function hardestFirst(occurrences: Occurrences): Int32Array {
  const n = occurrences.length;
  // One key for rank and target (the targets from 0, then a year's span more for each rank), in
  // one list, and one counting sort of it: two lists of a million made, not five.
  const keys = new Int32Array(n);
  for (let i = 0; i < n; i++) keys[i] = occurrences.targetOf(i);
  const [, size] = fromZero(keys, keys);
  for (let i = 0; i < n; i++)
    keys[i] += size * (occurrences.activityOf(i).days > 1 ? 0 : occurrences.seriesIndexOf(i) >= 0 ? 1 : 2);
  return countingSort(null, keys, 3 * size);
}

/** Adds each minimum's top-up activity to a term that falls short; returns what is still short. */
function topUp(
  schools: CalendarSchool[],
  calendar: PolicyCalendar,
  cal: TermCalendar,
  events: EventStore,
  place: (o: Occurrence, notes: string[], series: number, due: number) => boolean,
): string[] {
  const lines: string[] = [];
  // Each school's events by term and kind, counted in a list by the school's place in the list of
  // schools (URNs to places once, not a map entry per event: a million events for England).
  const placeOf = new Map<number, number>();
  for (const school of schools) if (!placeOf.has(school.urn)) placeOf.set(school.urn, placeOf.size);
  // A slot for each term number (1 up): small enough to stay in the cache as a million events are counted.
  const slots = cal.terms.reduce((most, t) => Math.max(most, t.number), 0) + 1;
  const counts = new Int32Array(placeOf.size * slots * 2);
  const keyOf = (at: number, term: number, kind: string) => (at * slots + term) * 2 + (kind === 'QA' ? 0 : 1);
  const countOf = (urn: number, term: number, kind: string) => counts[keyOf(placeOf.get(urn)!, term, kind)];
  const bump = (urn: number, term: number, kind: string) => counts[keyOf(placeOf.get(urn)!, term, kind)]++;
  // The store's owners to places, once each.
  const ownerAt = events.owners.map((o) => (o.urn === null ? -1 : (placeOf.get(o.urn) ?? -1)));
  for (let i = 0; i < events.length; i++) {
    const at = ownerAt[events.owner[i]];
    if (at >= 0) counts[keyOf(at, events.term[i], events.kinds[events.kind[i]].kind)]++;
  }
  for (const school of [...schools].sort((a, b) => a.urn - b.urn)) {
    for (const m of calendar.minimums) {
      const tiers = school.periods?.map((p) => p.tier) ?? [school.tier];
      if (!tiers.some((t) => t !== null && m.tiers.includes(t))) continue;
      const activity: Activity | undefined =
        m.top_up === undefined ? undefined : calendar.activities.find((a) => a.id === m.top_up);
      for (const term of cal.terms) {
        if (m.terms && !m.terms.includes(term.number)) continue;
        // A re-tiered school is held to the minimum of its tier at the term's end, from the day that tier began.
        const period = periodOn(school.periods, term.endDay);
        const tier = period ? period.tier : school.tier;
        if (tier === null || !m.tiers.includes(tier)) continue;
        const start = period?.from != null ? Math.max(term.startDay, period.from) : term.startDay;
        let n = countOf(school.urn, term.number, m.kind);
        const why = `added so that term ${term.number} has at least ${m.per_term} ${m.kind}${m.source ? ` (${m.source})` : ''}`;
        for (let k = 1; activity && n < m.per_term && k <= m.per_term; k++) {
          const owner = {
            key: String(school.urn),
            urn: school.urn,
            name: school.name,
            trust: (school.fields.trust as string | null) ?? null,
            tier,
            level: period ? period.level : school.level,
            closed: new Map<number, string>(),
            from: null,
            fromText: null,
          };
          const days = ownerSchoolDays(cal, owner, start, term.endDay);
          if (!days.length) break;
          const target = days[Math.floor((k * days.length) / (m.per_term + 1))];
          const occurrence: Occurrence = {
            owner,
            activity,
            label: activity.name,
            term: term.number,
            number: `top-up-${k}`,
            window: [days[0], days[days.length - 1]],
            target,
            series: null,
            minGap: 0,
            movedFrom: null,
            notes: [],
          };
          if (place(occurrence, [why], -1, -1)) {
            n += 1;
            bump(school.urn, term.number, m.kind);
          }
        }
        if (n < m.per_term)
          lines.push(
            `${school.urn} ${school.name} (${tier}): term ${term.number} has ${n} ${m.kind} ${n === 1 ? 'activity' : 'activities'}; the policy asks for at least ${m.per_term}${m.source ? ` (${m.source})` : ''}`,
          );
      }
    }
  }
  return lines;
}

/** By date, then school (a trust's or the organisation's events first), activity, id and occurrence. */
export function compareEvents(a: CalendarEvent, b: CalendarEvent): number {
  const s = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    s(a.date, b.date) ||
    (a.urn ?? 0) - (b.urn ?? 0) ||
    s(a.name, b.name) ||
    s(a.activity, b.activity) ||
    s(a.activity_id, b.activity_id) ||
    s(a.occurrence, b.occurrence)
  );
}

/** The events of the terms asked. */
export const inTerms = <T extends { term: number | null }>(items: T[], terms: number[]): T[] =>
  items.filter((e) => e.term !== null && terms.includes(e.term));
