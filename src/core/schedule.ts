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
import { fold } from './values.js';
import type { Capacity } from './config.js';
import { firstAtOrAfter, NearestWalk, schoolDaysOf, termOfDay, type TermCalendar } from './terms.js';
import { countingSort, EventStore } from './schedule-events.js';
import type { Occurrences } from './occurrences.js';
import { letGo } from './let-go.js';
import { addToGroup } from './group.js';
import type { DroppedList } from './dropped.js';
import {
  dayText,
  dueOccurrences,
  NO_CLOSURES,
  ownerSchoolDays,
  ownerSchoolDaysFrom,
  periodOn,
  tierOn,
  timeOf,
  type Activity,
  type ActivityType,
  type CalendarSchool,
  type DueOptions,
  type MissingDate,
  type OnRequest,
  type Occurrence,
  type Owner,
  type PolicyCalendar,
} from './calendar.js';

import type { ScheduleSettings } from './config.js';

export type { ScheduleSettings };

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
  dropped: DroppedList;
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
  /** Time booked on each day, by its distance from the year's first school day. */
  load: Float64Array;
  /** Visits booked on each day, in the same way. */
  visits: Int32Array;
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
  /** Why its occurrences of a window every holder of its role was full for are unscheduled, by windowKey. */
  fullyBooked: Map<number, string>;
  /** The kind found last, and its label and number: a run of events of one kind is looked up once. */
  lastKind: number;
  lastLabel: string;
  lastNumber: string;
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
  const year = schoolDaysOf(cal);
  // Days by their distance from the year's first school day: a person's load and visits, and each
  // owner's days with a visit, are lists by that, not maps by day (a run lies in the school days).
  const firstDay = year.length > 0 ? year[0] : 0;
  const span = year.length > 0 ? year[year.length - 1] - firstDay + 1 : 0;
  const diaries = people.map(
    (person): Diary => ({
      person,
      load: new Float64Array(span),
      visits: new Int32Array(span),
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
        fullyBooked: new Map(),
        lastKind: -1,
        lastLabel: '',
        lastNumber: '',
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
  // An event's tier in the store: a re-tiered school's event carries the tier in force on its day;
  // another owner's one tier is remembered by its number in the list due.
  const tierOf = (owner: Owner, due: number, day: number): number => {
    if (due >= 0 && storeTier[due] >= 0) return storeTier[due];
    const tier = store.tierIndex(tierOn(owner, day));
    if (due >= 0 && !owner.periods) storeTier[due] = tier;
    return tier;
  };
  // An event's kind (activity, label and occurrence number): stored once for each, not for each event.
  const kindOf = (o: Occurrence, plan: ActivityPlan): number => {
    if (plan.lastKind >= 0 && o.label === plan.lastLabel && o.number === plan.lastNumber) return plan.lastKind;
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
    plan.lastLabel = o.label;
    plan.lastNumber = o.number;
    return (plan.lastKind = i);
  };
  const ratio = (d: Diary, extra: number) =>
    d.person.year > 0 ? (extra + EPS) / d.person.year : Number.POSITIVE_INFINITY;

  // Link people: each school's (or trust's) work for a role goes to the person with the least load for their days.
  // By role, then owner: no key text built for each of a million occurrences.
  // Each owner's entry found by its key once, then by its number in the list due.
  type Demand = { role: string; owner: string; days: number; order: number };
  const demandOf = new Map<string, { byKey: Map<string, Demand>; byDue: (Demand | undefined)[] }>();
  const demand: Demand[] = [];
  // No one to link (no capacity): no occurrence to look at.
  for (let order = 0; byRole.size > 0 && order < occurrences.length; order++) {
    const activity = occurrences.activityOf(order);
    if (activity.type === 'school') continue;
    const plan = planOf(activity);
    const role = plan.role;
    // A role nobody holds has no link person to choose: its demand is not counted.
    if (!byRole.has(role)) continue;
    let owners = demandOf.get(role);
    if (!owners) demandOf.set(role, (owners = { byKey: new Map(), byDue: new Array(occurrences.ownerCount) }));
    const due = occurrences.ownerIndexOf(order);
    let entry = owners.byDue[due];
    if (!entry) {
      const key = occurrences.ownerOf(order).key;
      entry = owners.byKey.get(key);
      if (!entry) {
        entry = { role, owner: key, days: 0, order };
        owners.byKey.set(key, entry);
        demand.push(entry);
      }
      owners.byDue[due] = entry;
    }
    entry.days += plan.cost;
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
  // Each day's place in the year's school days (firstAtOrAfter's), looked up, not searched for:
  // three for each occurrence.
  const places = Int32Array.from({ length: span }, (_, x) => firstAtOrAfter(year, firstDay + x));
  const placeOf = (day: number) =>
    day <= firstDay ? 0 : day - firstDay >= span ? year.length : places[day - firstDay];
  // Each day's term, in the same way (every run's first day is a school day, in a term).
  const termAt = Uint8Array.from({ length: span }, (_, x) => termOfDay(cal, firstDay + x) ?? 0);
  // The last day placed in each series, by the series' number in the list due (a map of a hundred
  // thousand series keys was a tenth of placing); NONE until its first is placed.
  const lastInSeries = new Int32Array(occurrences.seriesCount).fill(NONE);
  // Each owner's index in the store, and its tier's if it has one tier, by its number in the list
  // due: no map lookup per event.
  const storeOwner = new Int32Array(occurrences.ownerCount).fill(-1);
  const storeTier = new Int32Array(occurrences.ownerCount).fill(-1);
  const visited = new VisitedDays(firstDay, span, occurrences.ownerCount);
  const termEnd = (term: number) => cal.terms[term - 1].endDay;
  const free = (d: Diary, x: number, time: number, visit: boolean) =>
    d.load[x - firstDay] + time <= 1 + EPS && (!visit || d.visits[x - firstDay] < visitsPerDay);
  /** Whether a run (its first day, and its days if more than one) fits in a person's diary. */
  const fits = (d: Diary, start: number, days: number[] | null, time: number, visit: boolean) =>
    days === null ? free(d, start, time, visit) : days.every((x) => free(d, x, time, visit));
  const book = (d: Diary, x: number, time: number, visit: boolean) => {
    d.load[x - firstDay] += time;
    if (visit) d.visits[x - firstDay] += 1;
  };
  // A booked day only fills up, so the runs of a window that every holder of the lead's role was
  // full for stay full: the next occurrence of the activity with the same runs (term and window, no
  // closures of its own, no cadence gap taken off) is unscheduled without looking again, for the
  // same reason. In the activity's plan, by window and term as one number (a window is within its term).
  const windowKey = (o: Occurrence) => (o.window[0] * 400 + (o.window[1] - o.window[0])) * 8 + o.term;
  // The runs of the occurrence being placed (see listRuns), reused for each: a run's first day, and
  // its days when it takes more than one (null for a one-day run, which needs no list).
  const runStarts: number[] = [];
  const runDays: (number[] | null)[] = [];
  const busyStarts: number[] = [];
  const busyDays: (number[] | null)[] = [];
  const walk = new NearestWalk();

  /**
   * Places one occurrence. `series` and `due` are its series' and owner's numbers in the list due
   * (-1 for a top-up, which has no series and is made after that list is let go). `o` may be a
   * cursor re-pointed at the next occurrence once this returns: nothing here keeps it or its window
   * (unscheduledOf and the store copy what they keep).
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
    const booked = remembered ? plan.fullyBooked.get(windowKey(o)) : undefined;
    if (booked !== undefined) {
      unscheduled.push(unscheduledOf(o, cost, booked));
      return false;
    }
    const visit = a.type === 'visit';
    // A school sees one visitor a day where it can: days it already has a visit go last.
    const seen = visit ? visited.slotOf(o.owner.key, due) : -1;
    // No diary to fit (the school's own work, or no one holds the role): the first run there is.
    const diaryless = a.type === 'school' || holders.length === 0;
    const runs = listRuns(o, last, seen, diaryless);
    let chosen = -1;
    let diary: Diary | null = null;
    if (diaryless) chosen = runs > 0 ? 0 : -1;
    else {
      const first = link.get(plan.role)?.get(o.owner.key);
      // The link person first, unless that would take them past their days for the term.
      const others = holders
        .filter((h) => h !== first)
        .sort((x, y) => ratio(x, x.total) - ratio(y, y.total) || x.person.index - y.person.index);
      const full = (d: Diary) => d.terms[o.term - 1] + cost > d.person.perTerm + EPS;
      const ordered = first ? [first, ...others] : others;
      for (const d of [...ordered.filter((d) => !full(d)), ...ordered.filter(full)]) {
        for (let r = 0; r < runs && chosen < 0; r++) if (fits(d, runStarts[r], runDays[r], time, visit)) chosen = r;
        if (chosen >= 0) {
          diary = d;
          break;
        }
      }
    }
    if (chosen < 0) {
      let reason: string;
      // Without a diary to fit, nothing was chosen only because there was no run.
      if (diaryless || runs === 0)
        reason = `no school day from ${dayText(o.window[0])} to ${dayText(o.window[1])}${o.series ? ` at least ${o.minGap} days after the previous one` : ''}${a.days > 1 ? ` with ${a.days} consecutive school days left in the term` : ''}`;
      else {
        reason = `every ${a.lead} (${holders.map((h) => h.person.name).join(', ')}) is fully booked on the school days from ${dayText(o.window[0])} to ${dayText(o.window[1])}`;
        if (remembered) plan.fullyBooked.set(windowKey(o), reason);
      }
      unscheduled.push(unscheduledOf(o, cost, reason));
      return false;
    }
    const start = runStarts[chosen];
    const days = runDays[chosen];
    const end = days === null ? start : days[days.length - 1];
    if (diary) {
      if (days === null) book(diary, start, time, visit);
      else for (const x of days) book(diary, x, time, visit);
      diary.total += cost;
      diary.terms[o.term - 1] += cost;
    }
    if (series >= 0) lastInSeries[series] = end;
    // Worked out before this visit is booked: a visit on its own target day is not a reason it moved.
    let moved: string | null = null;
    if (o.movedFrom && start !== o.movedFrom.day) moved = `moved from ${dayText(o.movedFrom.day)} (${o.movedFrom.why})`;
    else if (o.series && start !== o.target) moved = `moved from ${dayText(o.target)}: ${movedWhy(o, last, seen)}`;
    if (visit) {
      if (days === null) visited.add(seen, start);
      else for (const x of days) visited.add(seen, x);
    }
    const notes =
      moved === null && extraNotes.length === 0 && !a.note
        ? o.notes
        : [...(moved === null ? [] : [moved]), ...o.notes, ...extraNotes, ...(a.note ? [a.note] : [])];
    store.add(
      start,
      end,
      ownerOf(o.owner, due),
      kindOf(o, plan),
      leadOf(a, plan, diary),
      tierOf(o.owner, due, start),
      termAt[start - firstDay],
      notes.length ? notes.join('; ') : null,
    );
    return true;
  };

  /** Why a cadence's occurrence is not on its day: the first thing that ruled the day out. */
  // In the order listRuns rules a day out: the gap, the term's end, the school's visit, then the lead.
  const movedWhy = (o: Occurrence, last: number | undefined, seen: number): string =>
    last !== undefined && o.target - last < o.minGap
      ? `at least ${o.minGap} days after the one before (${dayText(last)})`
      : o.activity.days > 1 && ownerSchoolDaysFrom(cal, o.owner, o.target, termEnd(o.term), o.activity.days) === null
        ? `fewer than ${o.activity.days} school days of its term are left from it`
        : seen >= 0 && visited.has(seen, o.target)
          ? 'the school already has a visit that day'
          : "the lead's day was full";

  /**
   * Lists in runStarts and runDays each run of the owner's school days in the window an event
   * could take, nearest the target first (earlier on a tie), at least the series' gap after the
   * last one; a run on a day the school already has a visit (by its slot in `visited`, -1 for none
   * to avoid) only after all the others. Only the first when `onlyFirst`. Returns how many. The days
   * are walked from the target outwards in the year's list of school days, not listed for each
   * occurrence.
   */
  function listRuns(o: Occurrence, last: number | undefined, seen: number, onlyFirst: boolean): number {
    const closed = o.owner.closed;
    const length = o.activity.days;
    let n = 0;
    // The runs on a day with a visit (kept in busyStarts and busyDays), after the others: only
    // the first when only one is wanted.
    let busy = 0;
    // From the window's first day, or the first the series' gap allows if later: the days before
    // are never taken, and the walk's order of the others is the same without them.
    const from = last === undefined ? o.window[0] : Math.max(o.window[0], last + o.minGap);
    walk.from(year, o.target, placeOf(from), placeOf(o.window[1] + 1), placeOf(o.target));
    for (let at = walk.next(); at >= 0; at = walk.next()) {
      const d = year[at];
      if (closed.size > 0 && closed.has(d)) continue;
      // The N consecutive school days from `d` for the owner, in its term (none if the term ends first).
      let days: number[] | null = null;
      if (length !== 1) {
        days = ownerSchoolDaysFrom(cal, o.owner, d, termEnd(o.term), length);
        if (days === null) continue;
      }
      if (seen >= 0 && (days === null ? visited.has(seen, d) : days.some((x) => visited.has(seen, x)))) {
        if (busy === 0 || !onlyFirst) {
          busyStarts[busy] = d;
          busyDays[busy++] = days;
        }
        continue;
      }
      runStarts[n] = d;
      runDays[n++] = days;
      if (onlyFirst) return n;
    }
    for (let i = 0; i < busy; i++) {
      runStarts[n] = busyStarts[i];
      runDays[n++] = busyDays[i];
    }
    return n;
  }

  // The hardest first: multi-day visits, then cadences (a week each), then the rest; by target day.
  // The list due is held column-wise until every occurrence is placed, then cleared.
  // Each is read into one cursor, re-pointed for the next: place keeps nothing of it (what it
  // keeps, an Unscheduled or an event, is copied out of it), so the cursor never leaks into a result.
  const order = hardestFirst(occurrences);
  const cursor = occurrences.cursor();
  for (let i = 0; i < order.length; i++) {
    const at = order[i];
    place(occurrences.point(cursor, at), NO_NOTES, occurrences.seriesIndexOf(at), occurrences.ownerIndexOf(at));
  }
  // The list due and the order it was placed in, let go now, not at a full collection (core/let-go.ts).
  occurrences.clear();
  letGo([order]);

  const shortfalls = topUp(schools, calendar, cal, store, place);
  // In calendar order when first read in order: a budget's costing reads the events as placed.
  store.sortWhenRead();
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
 * Each owner's days with a visit (a school sees one visitor a day where it can), by owner key: a
 * slot of bits for each owner with a visit, by day from the year's first school day, not a set of
 * days in a map by key. An owner's slot is remembered by its number in the list due, so each key is
 * looked up once.
 */
class VisitedDays {
  private readonly slots = new Map<string, number>();
  /** Each owner's slot (+1; 0 for not yet found), by its number in the list due. */
  private readonly slotOfDue: Int32Array;
  private readonly words: number;
  private bits: Int32Array;
  /** Slots the bits have room for. */
  private room = 64;

  constructor(
    private readonly first: number,
    private readonly span: number,
    owners: number,
  ) {
    this.words = (span + 31) >>> 5;
    this.slotOfDue = new Int32Array(owners);
    this.bits = new Int32Array(this.words * this.room);
  }

  /** The slot of the owner with this key; `due` its number in the list due (-1 for none). */
  slotOf(key: string, due: number): number {
    if (due >= 0 && this.slotOfDue[due] > 0) return this.slotOfDue[due] - 1;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(key, slot);
      if (slot === this.room) {
        this.room *= 2;
        const bits = new Int32Array(this.words * this.room);
        bits.set(this.bits);
        this.bits = bits;
      }
    }
    if (due >= 0) this.slotOfDue[due] = slot + 1;
    return slot;
  }

  has(slot: number, day: number): boolean {
    const x = day - this.first;
    return x >= 0 && x < this.span && (this.bits[slot * this.words + (x >>> 5)] & (1 << (x & 31))) !== 0;
  }

  /** Marks a day of the year's school days as having a visit. */
  add(slot: number, day: number): void {
    const x = day - this.first;
    this.bits[slot * this.words + (x >>> 5)] |= 1 << (x & 31);
  }
}

/**
 * Occurrences in the order they are placed: multi-day first, then cadences, then the rest; by
 * target day; as due on a tie. By buckets of (rank, target), not a sort of every occurrence: the
 * order of a sort by rank, target and place in the list.
 */
export function hardestFirst(occurrences: Occurrences): Int32Array {
  // One key for rank and target (Occurrences.placingKeys), in one list, and one counting sort of it.
  const keys = new Int32Array(occurrences.length);
  const size = occurrences.placingKeys(keys);
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
  // No minimum (four-tier's policy): nothing to count the year's events for.
  if (calendar.minimums.length === 0) return lines;
  // Each school's events by term and kind, counted in a list by the school's place in the list of
  // schools (URNs to places once, not a map entry per event: a million events for England).
  const placeOf = new Map<number, number>();
  for (const school of schools) if (!placeOf.has(school.urn)) placeOf.set(school.urn, placeOf.size);
  // A slot for each term number (1 up): small enough to stay in the cache as a million events are counted.
  const slots = cal.terms.reduce((most, t) => Math.max(most, t.number), 0) + 1;
  const counts = new Int32Array(placeOf.size * slots * 2);
  const sideOf = (kind: string) => (kind === 'QA' ? 0 : 1);
  const keyOf = (at: number, term: number, side: number) => (at * slots + term) * 2 + side;
  const countOf = (urn: number, term: number, kind: string) => counts[keyOf(placeOf.get(urn)!, term, sideOf(kind))];
  const bump = (urn: number, term: number, kind: string) => counts[keyOf(placeOf.get(urn)!, term, sideOf(kind))]++;
  // The store's owners to places, once each.
  const ownerAt = events.owners.map((o) => (o.urn === null ? -1 : (placeOf.get(o.urn) ?? -1)));
  // And its kinds to QA or SI, once each.
  const sides = events.kinds.map((k) => sideOf(k.kind));
  for (let i = 0; i < events.length; i++) {
    const at = ownerAt[events.owner[i]];
    if (at >= 0) counts[keyOf(at, events.term[i], sides[events.kind[i]])]++;
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
            closed: NO_CLOSURES,
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
