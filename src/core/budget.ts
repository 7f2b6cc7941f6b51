// Support days per school, per tier, per trust and in total, per term (1-6) and for the year,
// against the capacity of the people who deliver support. With a calendar the budget is the
// schedule costed (issue 12): a school's days are its scheduled events' days, plus the days its
// source states as a plain number beyond the calendar; the tier's stated days are shown beside
// (a ceiling for "up to"). Without one (the DfE offer), the days are as the policy states them.
// Pure: placements, the policy and the schedule in, numbers out. Nothing here rounds.
import type { Placement } from './classify.js';
import type { Capacity } from './config.js';
import type { BudgetItem, Policy, Tier } from './policy.js';
import { DEFAULT_TERM_WEEKS } from './terms.js';
import { notStatedText, showNumber } from './display.js';
import { chooser, type Chooser } from './choose.js';
import { peopleOf, type Schedule, type Unscheduled } from './schedule.js';
import { compareOwners, type EventStore } from './schedule-events.js';
import { DroppedList } from './dropped.js';
import { Interned } from './interned.js';

export const TERMS = 6;

/** exact: a number of days; ceiling: "up to" (counted at the bound); cadence: every N weeks; unknown: not stated. */
export type CostKind = 'exact' | 'ceiling' | 'cadence' | 'unknown';

export interface ItemCost {
  /** tier id and the item's place in its list: identifies one item of the policy. */
  key: string;
  tier: string;
  name: string;
  kind: CostKind;
  /** The planning figure in days a year ("up to" at its bound), or null when the source states none. */
  days: number | null;
  /** The most it could be: the same as days unless the policy states a higher ceiling. */
  ceiling: number | null;
  /** The planning figure per term 1-6, or null when not stated. */
  perTerm: number[] | null;
  /** How the figure was reached, in words a reader can check. */
  basis: string;
  per: 'school' | 'trust';
  /** Offered only subject to this approval: listed, not counted in the days. */
  subjectTo: string | null;
  paidBy: string | null;
}

export interface SchoolBudget {
  placement: Placement;
  urn: number;
  name: string;
  trust: string | null;
  tier: string | null;
  /** The school's own days (items counted per school), or null when the policy states none. */
  days: number | null;
  ceiling: number | null;
  perTerm: number[];
  /** Some support of this school has no stated days. */
  unknown: boolean;
  /** The tier's days are a ceiling (an "up to" or a cadence with a higher ceiling). */
  isCeiling: boolean;
  items: ItemCost[];
  /** Items counted once for the school's trust (the DfE trust route). */
  trustItems: ItemCost[];
  /** Items subject to approval, not counted. */
  conditional: ItemCost[];
  paidBy: string | null;
  basis: string;
  /** Days of the school's scheduled events (null without a calendar). */
  scheduled: number | null;
  /** Days of the school's events no day could be found for (listed in `unscheduled`). */
  unscheduledDays: number;
  /** The tier's days as the source states them, beside the schedule: "12", "up to 15", or null. */
  stated: string | null;
}

export interface Totals {
  schools: number;
  days: number;
  ceiling: number;
  /** Schools whose days the policy does not state. */
  unknown: number;
  /** Schools not placed for lack of data: no days can be given. */
  needsData: number;
  perTerm: number[];
  /** Days offered subject to approval, not counted in days. */
  conditional: number;
  /** Days of events that could not be scheduled (not in days). */
  unscheduled: number;
}

export interface TierTotals extends Totals {
  tier: string;
  label: string;
  level: number;
}

export interface TrustTotals extends Totals {
  /** The trust's name, or null for schools outside any trust. */
  trust: string | null;
  /** Items counted once for this trust. */
  trustItems: ItemCost[];
}

export interface CapacityTerm {
  term: number;
  demand: number;
  capacity: number;
  /** capacity - demand: negative when over-allocated. */
  balance: number;
  over: boolean;
}

export interface PersonDemand {
  name: string;
  role: string;
  /** Scheduled days per term 1-6 and for the year, against the person's days. */
  terms: CapacityTerm[];
  year: CapacityTerm;
  events: number;
}

export interface CapacityReport {
  people: { role: string; name: string | null; perTerm: number; year: number; basis: string }[];
  terms: CapacityTerm[];
  year: CapacityTerm;
  overAllocated: boolean;
  /** With a schedule: each person's booked days against their own days. */
  byPerson: PersonDemand[];
  /** With a schedule: days of events whose role no one in capacity has, per role. */
  unassigned: { role: string; perTerm: number[]; year: number; events: number }[];
}

export interface BudgetResult {
  schools: SchoolBudget[];
  byTier: TierTotals[];
  byTrust: TrustTotals[];
  total: Totals;
  termWeeks: number[];
  capacity: CapacityReport | null;
  /** The conversions and choices behind the figures, for the reader. */
  assumptions: string[];
  /** With a calendar: what could not be scheduled, with the reason. */
  unscheduled: Unscheduled[];
  /** With a calendar: occurrences not due (a holiday, a closure, a joining date, a re-tiering), with the reason. */
  dropped: DroppedList;
  /** Events for a whole trust (or all schools), counted once: per trust name ("All schools" for all). */
  trustEvents: { trust: string; activity: string; count: number; days: number; perTerm: number[] }[];
}

// A literal, not Array.from: made for every school and each of its activities.
const zeros = (): number[] => [0, 0, 0, 0, 0, 0];
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const addInto = (into: number[], from: number[] | null): void => {
  if (from) for (let i = 0; i < from.length; i++) into[i] += from[i];
};
const plural = (n: number, word: string): string => `${showNumber(n)} ${word}${n === 1 ? '' : 's'}`;

/** The cost of one budget item of a tier. */
export function costItem(item: BudgetItem, tier: string, index: number, termWeeks: number[]): ItemCost {
  const base = {
    key: `${tier}#${index}`,
    tier,
    name: item.name,
    per: item.per ?? 'school',
    subjectTo: item.subject_to ?? null,
    paidBy: item.paid_by ?? null,
  };
  const assumption = item.assumption ? ` (${item.assumption})` : '';
  if (item.every_weeks !== undefined) {
    const each = item.days_each ?? 0;
    const weeks = sum(termWeeks);
    const times = weeks / item.every_weeks;
    const days = times * each;
    const perTerm = termWeeks.map((w) => (w / item.every_weeks!) * each);
    let basis = `every ${plural(item.every_weeks, 'week')} over ${weeks} school weeks = ${showNumber(times)} x ${plural(each, 'day')} = ${plural(days, 'day')}`;
    let ceiling = days;
    if (item.ceiling_every_weeks !== undefined) {
      ceiling = (weeks / item.ceiling_every_weeks) * each;
      basis += `; ceiling every ${plural(item.ceiling_every_weeks, 'week')} = ${plural(ceiling, 'day')}`;
    }
    return { ...base, kind: 'cadence', days, ceiling, perTerm, basis: basis + assumption };
  }
  const stated = item.days!;
  if (typeof stated === 'object' && 'not_stated' in stated) {
    return {
      ...base,
      kind: 'unknown',
      days: null,
      ceiling: null,
      perTerm: null,
      basis: `${notStatedText(stated.not_stated)}${assumption}`,
    };
  }
  const days = typeof stated === 'number' ? stated : stated.up_to;
  const perTerm =
    item.days_per_term !== undefined
      ? Array.from({ length: TERMS }, () => item.days_per_term!)
      : Array.from({ length: TERMS }, () => days / TERMS);
  const split = item.days_per_term !== undefined ? ` (${showNumber(item.days_per_term)} per term)` : '';
  if (typeof stated === 'number')
    return {
      ...base,
      kind: 'exact',
      days,
      ceiling: days,
      perTerm,
      basis: `${plural(days, 'day')}${split}${assumption}`,
    };
  return {
    ...base,
    kind: 'ceiling',
    days,
    ceiling: days,
    perTerm,
    basis: `up to ${plural(days, 'day')}${split}: a ceiling, counted at its upper bound${assumption}`,
  };
}

/** A tier's budget items: its `budget.tiers` entry, else one item from the tier's own days. */
export function tierItems(policy: Policy, tier: Tier): BudgetItem[] {
  const items = policy.budget?.tiers?.[tier.id];
  if (items) return items;
  return [{ name: `${tier.label} support`, days: tier.days, days_per_term: tier.days_per_term, per: 'school' }];
}

/**
 * The items of a school's tier its data chooses (`when:`, core/choose.ts): each one chosen by a
 * condition says why in its basis, with the values this school has.
 */
function chosenItems(items: { item: BudgetItem; cost: ItemCost }[], placement: Placement, choose: Chooser): ItemCost[] {
  const out: ItemCost[] = [];
  if (items.length === 0) return out;
  const school = choosable(placement);
  for (const { item, cost } of items) {
    const { chosen, why } = choose(item.when, school);
    if (chosen) out.push(why === null ? cost : { ...cost, basis: `${cost.basis}; chosen by its data: ${why}` });
  }
  return out;
}

/** A placed school as `when:` reads it. */
const choosable = (p: Placement) => ({
  urn: p.school.urn,
  name: p.school.name,
  fields: p.school.fields,
  extra: p.school.extra,
  outputs: p.fields,
});

/** A school's figures: its budget but for which school it is. */
type SchoolFigures = Omit<SchoolBudget, 'placement' | 'urn' | 'name' | 'trust' | 'tier'>;

const trustOf = (p: Placement): string | null => (p.school.fields.trust as string | null) ?? null;

/**
 * A school's budget: which school it is, then its figures, written out as one object. (A spread
 * of a header with more fields after it takes microseconds an object in this V8, and a budget
 * makes one for each of 22,000 schools in England.)
 */
function schoolBudget(p: Placement, f: SchoolFigures): SchoolBudget {
  return {
    placement: p,
    urn: p.school.urn,
    name: p.school.name,
    trust: trustOf(p),
    tier: p.tier,
    paidBy: f.paidBy,
    days: f.days,
    ceiling: f.ceiling,
    perTerm: f.perTerm,
    unknown: f.unknown,
    isCeiling: f.isCeiling,
    items: f.items,
    trustItems: f.trustItems,
    conditional: f.conditional,
    basis: f.basis,
    scheduled: f.scheduled,
    unscheduledDays: f.unscheduledDays,
    stated: f.stated,
  };
}

/** Who pays: the school's own paid_by, else the first of its items that says. */
const paidByOf = (p: Placement, items: ItemCost[]): string | null =>
  (p.fields.paid_by as string | null | undefined) ?? items.find((c) => c.paidBy)?.paidBy ?? null;

/** An item offered subject to approval, in the basis: listed, not counted. */
const notCounted = (c: ItemCost): string => `plus ${c.name}: ${c.basis}, subject to ${c.subjectTo} (not counted)`;

/** Demand against capacity for a term (0: the year); over when demand exceeds it. */
const capacityLine = (term: number, demand: number, capacity: number): CapacityTerm => {
  const balance = capacity - demand;
  return { term, demand, capacity, balance, over: balance < -1e-9 };
};

/** The schools' days added up by tier (least support first, as a board reads it), by trust and in total. */
function addUp(schools: SchoolBudget[], policy: Policy) {
  const byTier: TierTotals[] = [...policy.tiers]
    .sort((a, b) => a.level - b.level)
    .map((t) => ({ ...emptyTotals(), tier: t.id, label: t.label, level: t.level }));
  const tierTotals = new Map(byTier.map((t) => [t.tier, t]));
  const byTrustMap = new Map<string | null, TrustTotals>();
  const total = emptyTotals();
  for (const s of schools) {
    addSchool(total, s);
    if (s.tier !== null) addSchool(tierTotals.get(s.tier)!, s);
    let trust = byTrustMap.get(s.trust);
    if (trust === undefined) byTrustMap.set(s.trust, (trust = emptyTrustTotals(s.trust)));
    addSchool(trust, s);
  }
  return { byTier, tierTotals, byTrustMap, total };
}

/** Trusts by name, schools outside a trust last. */
function trustsInOrder(byTrustMap: Map<string | null, TrustTotals>): TrustTotals[] {
  return [...byTrustMap.values()].sort((a, b) =>
    a.trust === null ? 1 : b.trust === null ? -1 : a.trust.localeCompare(b.trust, 'en-GB'),
  );
}

/** A trust's totals, none added yet: its fields set on the totals made, not spread (see schoolBudget). */
function emptyTrustTotals(trust: string | null): TrustTotals {
  const totals = emptyTotals() as TrustTotals;
  totals.trust = trust;
  totals.trustItems = [];
  return totals;
}

function emptyTotals(): Totals {
  return {
    schools: 0,
    days: 0,
    ceiling: 0,
    unknown: 0,
    needsData: 0,
    perTerm: zeros(),
    conditional: 0,
    unscheduled: 0,
  };
}

function addSchool(t: Totals, s: SchoolBudget): void {
  t.schools += 1;
  if (s.tier === null) t.needsData += 1;
  if (s.unknown) t.unknown += 1;
  t.days += s.days ?? 0;
  t.ceiling += s.ceiling ?? 0;
  addInto(t.perTerm, s.perTerm);
  for (const c of s.conditional) t.conditional += c.ceiling ?? 0;
  t.unscheduled += s.unscheduledDays;
}

function addTrustItem(t: Totals, item: ItemCost): void {
  if (item.subjectTo) {
    t.conditional += item.ceiling ?? 0;
    return;
  }
  t.days += item.days ?? 0;
  t.ceiling += item.ceiling ?? 0;
  addInto(t.perTerm, item.perTerm);
}

export function capacityReport(
  people: Capacity[] | undefined,
  demandPerTerm: number[],
  demandYear: number,
): CapacityReport | null {
  if (!people || people.length === 0) return null;
  const rows = people.map((p) => {
    const perTerm = p.days_per_term ?? (p.days_per_year ?? 0) / TERMS;
    const year = p.days_per_year ?? perTerm * TERMS;
    const basis =
      p.days_per_term !== undefined
        ? `${showNumber(perTerm)} days a term`
        : `${showNumber(year)} days a year, ${showNumber(perTerm)} a term`;
    return { role: p.role, name: p.name ?? null, perTerm, year, basis };
  });
  const terms = demandPerTerm.map((d, i) => capacityLine(i + 1, d, sum(rows.map((r) => r.perTerm))));
  const year = capacityLine(0, demandYear, sum(rows.map((r) => r.year)));
  return {
    people: rows,
    terms,
    year,
    overAllocated: year.over || terms.some((t) => t.over),
    byPerson: [],
    unassigned: [],
  };
}

/** Each person's scheduled days against their own days, and the days nobody has the role for. */
export function personDemand(
  capacity: Capacity[] | undefined,
  events: EventStore,
): { byPerson: PersonDemand[]; unassigned: CapacityReport['unassigned'] } {
  const people = peopleOf(capacity);
  const booked = new Map(people.map((p) => [p.name, { perTerm: zeros(), events: 0 }]));
  const unassigned = new Map<string, { role: string; perTerm: number[]; year: number; events: number }>();
  readyToSum(events);
  for (let i = 0; i < events.length; i++) {
    const kind = events.kinds[events.kind[i]];
    if (kind.type === 'school') continue;
    const person = events.leads[events.lead[i]].person;
    const term = events.term[i];
    if (person !== null) {
      const b = booked.get(person)!;
      b.perTerm[term - 1] += kind.days;
      b.events += 1;
    } else {
      const u = unassigned.get(kind.role) ?? { role: kind.role, perTerm: zeros(), year: 0, events: 0 };
      u.perTerm[term - 1] += kind.days;
      u.year += kind.days;
      u.events += 1;
      unassigned.set(kind.role, u);
    }
  }
  const byPerson = people.map((p) => {
    const b = booked.get(p.name)!;
    return {
      name: p.name,
      role: p.role,
      terms: b.perTerm.map((d, i) => capacityLine(i + 1, d, p.perTerm)),
      year: capacityLine(0, sum(b.perTerm), p.year),
      events: b.events,
    };
  });
  return { byPerson, unassigned: [...unassigned.values()].sort((a, b) => a.role.localeCompare(b.role, 'en-GB')) };
}

export function budget(
  placements: Placement[],
  policy: Policy,
  capacity: Capacity[] | undefined,
  schedule: Schedule | null,
  asOf: string,
  options: BudgetOptions = {},
): BudgetResult {
  const choose = chooser(policy, placements.map(choosable), asOf);
  if (schedule && policy.calendar?.activities.length)
    return scheduleBudget(placements, policy, capacity, schedule, choose, options);
  const termWeeks = policy.budget?.term_weeks ?? DEFAULT_TERM_WEEKS;
  const tiers = new Map(policy.tiers.map((t) => [t.id, t]));
  const compiled = new Map(
    policy.tiers.map((t) => [
      t.id,
      tierItems(policy, t).map((item, i) => ({ item, cost: costItem(item, t.id, i, termWeeks) })),
    ]),
  );

  const schools: SchoolBudget[] = placements.map((p) => {
    const trust = trustOf(p);
    if (p.tier === null) {
      return schoolBudget(p, {
        paidBy: (p.fields.paid_by as string | null | undefined) ?? null,
        days: null,
        ceiling: null,
        perTerm: zeros(),
        unknown: false,
        isCeiling: false,
        items: [],
        trustItems: [],
        conditional: [],
        basis: `needs data (${p.missing.join(', ')}): no days until it is placed`,
        scheduled: null,
        unscheduledDays: 0,
        stated: null,
      });
    }
    const applicable = chosenItems(compiled.get(p.tier)!, p, choose);
    // Without a trust name there is no trust to count once for: count per school.
    const isTrustItem = (c: ItemCost) => c.per === 'trust' && trust !== null;
    const own = applicable.filter((c) => !isTrustItem(c) && !c.subjectTo);
    const trustItems = applicable.filter(isTrustItem);
    const conditional = applicable.filter((c) => c.subjectTo && !isTrustItem(c));
    const known = own.filter((c) => c.days !== null);
    const unknown = own.some((c) => c.days === null) || trustItems.some((c) => c.days === null);
    const days = known.length === 0 && own.length > 0 ? null : sum(known.map((c) => c.days!));
    const ceiling = days === null ? null : sum(known.map((c) => c.ceiling!));
    const perTerm = zeros();
    for (const c of known) addInto(perTerm, c.perTerm);
    const parts = own.map((c) => (own.length > 1 ? `${c.name}: ${c.basis}` : c.basis));
    for (const c of trustItems)
      parts.push(
        `${c.name}: ${c.basis}, counted once for ${trust}${c.subjectTo ? ` (subject to ${c.subjectTo})` : ''}`,
      );
    for (const c of conditional) parts.push(notCounted(c));
    const paidBy = paidByOf(p, applicable);
    return schoolBudget(p, {
      paidBy,
      days,
      ceiling,
      perTerm,
      unknown,
      isCeiling: known.some((c) => c.kind === 'ceiling' || c.ceiling! > c.days!),
      items: own,
      trustItems,
      conditional,
      basis: parts.join('; ') || 'no support days',
      scheduled: null,
      unscheduledDays: 0,
      stated: null,
    });
  });

  // Items counted once per trust: each (trust, item) once, however many of its schools qualify.
  const trustOnce = new Map<string, Map<string, ItemCost>>();
  for (const s of schools) {
    for (const c of s.trustItems) {
      const items = trustOnce.get(s.trust!) ?? new Map<string, ItemCost>();
      items.set(c.key, c);
      trustOnce.set(s.trust!, items);
    }
  }

  const { byTier, tierTotals, byTrustMap, total } = addUp(schools, policy);
  for (const [trust, items] of trustOnce) {
    for (const item of items.values()) {
      addTrustItem(total, item);
      addTrustItem(tierTotals.get(item.tier)!, item);
      const t = byTrustMap.get(trust)!;
      addTrustItem(t, item);
      t.trustItems.push(item);
    }
  }
  const byTrust = trustsInOrder(byTrustMap);

  const assumptions: string[] = [];
  for (const [id, items] of compiled) {
    if (!tiers.has(id)) continue;
    for (const { cost } of items) {
      if (cost.kind === 'cadence' || cost.per === 'trust' || cost.subjectTo || cost.paidBy) {
        const extras = [
          cost.per === 'trust' ? 'counted once per trust' : '',
          cost.subjectTo ? `subject to ${cost.subjectTo}, not counted` : '',
          cost.paidBy ? `paid by ${cost.paidBy}` : '',
        ].filter(Boolean);
        assumptions.push(
          `${tiers.get(id)!.label}, ${cost.name}: ${cost.basis}${extras.length ? ` (${extras.join('; ')})` : ''}`,
        );
      }
    }
  }
  assumptions.push(
    `Per term: "up to" and exact days are spread evenly over the 6 terms unless the policy gives days per term; cadences follow the school weeks of each term (${termWeeks.join(', ')}).`,
  );
  assumptions.push(...(policy.budget?.notes ?? []));

  return {
    schools,
    byTier,
    byTrust,
    total,
    termWeeks,
    capacity: capacityReport(capacity, total.perTerm, total.days),
    assumptions,
    unscheduled: [],
    dropped: new DroppedList(),
    trustEvents: [],
  };
}

/** A school's costed events in calendar order, counted: by term, and by activity (see costedEvents' patterns). */
interface Costed {
  /** Their days, added in calendar order. */
  days: number;
  perTerm: number[];
  /** Its activities' counts and days, by the number of the pattern it shares with schools alike. */
  pattern: number;
}

/** A trust's (or the organisation's) own events of one activity: their count, and days by term (its row's). */
interface SharedCount {
  n: number;
  perTerm: number[];
}

/**
 * Whether days added up in any order give the same sum, to the last digit, as in calendar order:
 * each a whole number of 1/1024ths (a quarter, a half, a day: exact in a double) and no sum of `n`
 * of them past 2^42. Days of a third or a tenth are not, and their events are summed in order.
 */
function exactInAnyOrder(days: readonly number[], n: number): boolean {
  return days.every((d) => Number.isInteger(d * 1024) && Math.abs(d) * n < 2 ** 42);
}

/**
 * Readies the events to be summed: as placed where every sum comes out the same in any order
 * (exactInAnyOrder), else put in calendar order first (EventStore.putInOrder). A schedule is
 * sorted only when first read in order, so a budget usually sorts no million events (issue 13).
 */
function readyToSum(events: EventStore): void {
  if (
    !events.inOrder &&
    !exactInAnyOrder(
      events.kinds.map((k) => k.days),
      events.length,
    )
  )
    events.putInOrder();
}

/**
 * The events with days, counted for each school (by URN) and each trust's or the organisation's
 * own (by name), in one pass over the store: no event object, no list of each owner's events. A
 * school's counts are numbers in flat arrays (by school and activity), and its Costed is made
 * when it is asked for: a map and an object for each of 22,000 schools' activities, live to
 * the end of the budget, were 17-38 MB of the heap. Read in the order placed or in calendar
 * order alike (readyToSum): each sum is the one calendar order gives, and each school's and each
 * trust's activities are in the order calendar order first meets them.
 */
function costedEvents(events: EventStore): {
  school: (urn: number) => Costed | undefined;
  /** A pattern's activities in the order first met, each counted: "3 x Health check = 3 days". */
  lines: (pattern: number) => string[];
  /** By trust name, then activity in the order first met. */
  shared: Map<string, Map<string, SharedCount>>;
} {
  readyToSum(events);
  // Each kind's days and activity (a number for each name), read once, not from its object for each event.
  const activities = new Interned<string>();
  const kindDays = events.kinds.map((k) => k.days);
  const kindActivity = events.kinds.map((k) => activities.ofItem(k.activity));
  const kindRank = events.kindRanks();
  const kinds = kindRank.length;
  const names = activities.items;
  const width = names.length;
  // Each school (by URN) a number: -1 for a trust's or the organisation's own.
  const schoolOf = new Map<number, number>();
  const slot = events.owners.map((owner) => {
    if (owner.urn === null) return -1;
    let s = schoolOf.get(owner.urn);
    if (s === undefined) schoolOf.set(owner.urn, (s = schoolOf.size));
    return s;
  });
  const days = new Float64Array(schoolOf.size);
  const perTerm = new Float64Array(schoolOf.size * TERMS);
  const count = new Int32Array(schoolOf.size * width);
  const activityDays = new Float64Array(schoolOf.size * width);
  // Where calendar order first meets each school's activity: the least day and kind of its events
  // (as day * kinds + the kind's rank). A school's events are in calendar order by day, then kind
  // (then as placed), and its activities' kinds never share a rank.
  const firstMet = new Float64Array(schoolOf.size * width);
  // Each school's activities met (as school * width + activity).
  let met = new Int32Array(1024);
  let metLength = 0;
  // The events of a trust's or the organisation's own, counted after the schools', in calendar order.
  const sharedEvents: number[] = [];
  const { kind: kindColumn, owner: ownerColumn, term: termColumn, start: startColumn } = events;
  for (let i = 0; i < events.length; i++) {
    const kind = kindColumn[i];
    const d = kindDays[kind];
    if (d === 0) continue;
    const o = ownerColumn[i];
    const term = termColumn[i];
    const s = slot[o];
    if (s < 0) {
      sharedEvents.push(i);
      continue;
    }
    days[s] += d;
    perTerm[s * TERMS + term - 1] += d;
    const at = s * width + kindActivity[kind];
    const key = startColumn[i] * kinds + kindRank[kind];
    if (count[at]++ === 0) {
      if (metLength === met.length) {
        const longer = new Int32Array(met.length * 2);
        longer.set(met);
        met = longer;
      }
      met[metLength++] = at;
      firstMet[at] = key;
    } else if (key < firstMet[at]) firstMet[at] = key;
    activityDays[at] += d;
  }
  // Each school's activities together (a counting sort by school), each school's by where
  // calendar order first meets them (a few each: sorted by insertion).
  const starts = new Int32Array(schoolOf.size + 1);
  for (let k = 0; k < metLength; k++) starts[Math.floor(met[k] / width) + 1] += 1;
  for (let s = 0; s < schoolOf.size; s++) starts[s + 1] += starts[s];
  const bySchool = new Int32Array(metLength);
  const next = starts.slice(0, schoolOf.size);
  for (let k = 0; k < metLength; k++) bySchool[next[Math.floor(met[k] / width)]++] = met[k];
  for (let s = 0; s < schoolOf.size; s++)
    for (let k = starts[s] + 1; k < starts[s + 1]; k++) {
      const at = bySchool[k];
      let j = k;
      for (; j > starts[s] && firstMet[bySchool[j - 1]] > firstMet[at]; j--) bySchool[j] = bySchool[j - 1];
      bySchool[j] = at;
    }
  // Schools alike in their activities (the same ones, in the same order, each with the same count
  // and days, and the same days in all) share a pattern, whose lines are made once: England's 22,000 schools share a few
  // hundred (issue 13: a list, an object and a text for each school's activity were a sixth of a
  // budget's garbage).
  const patternOf = new Int32Array(schoolOf.size).fill(-1);
  const patternSchool: number[] = [];
  const byHash = new Map<number, number[]>();
  const alike = (s: number, t: number): boolean => {
    if (starts[s + 1] - starts[s] !== starts[t + 1] - starts[t] || days[s] !== days[t]) return false;
    for (let k = starts[s], j = starts[t]; k < starts[s + 1]; k++, j++) {
      const a = bySchool[k];
      const b = bySchool[j];
      if (a - s * width !== b - t * width || count[a] !== count[b] || activityDays[a] !== activityDays[b]) return false;
    }
    return true;
  };
  for (let s = 0; s < schoolOf.size; s++) {
    if (starts[s] === starts[s + 1]) continue;
    let hash = 0;
    for (let k = starts[s]; k < starts[s + 1]; k++) {
      const at = bySchool[k];
      hash = (Math.imul(hash, 31) + at - s * width) | 0;
      hash = (Math.imul(hash, 31) + count[at]) | 0;
      hash = (Math.imul(hash, 31) + Math.round(activityDays[at] * 1024)) | 0;
    }
    let sameHash = byHash.get(hash);
    if (!sameHash) byHash.set(hash, (sameHash = []));
    let pattern = sameHash.find((q) => alike(s, patternSchool[q]));
    if (pattern === undefined) {
      pattern = patternSchool.push(s) - 1;
      sameHash.push(pattern);
    }
    patternOf[s] = pattern;
  }
  const patternLines: string[][] = [];
  const lines = (pattern: number): string[] => {
    let made = patternLines[pattern];
    if (made === undefined) {
      const s = patternSchool[pattern];
      made = [];
      for (let k = starts[s]; k < starts[s + 1]; k++) {
        const at = bySchool[k];
        made.push(`${count[at]} x ${names[at - s * width]} = ${plural(activityDays[at], 'day')}`);
      }
      patternLines[pattern] = made;
    }
    return made;
  };
  const school = (urn: number): Costed | undefined => {
    const s = schoolOf.get(urn);
    if (s === undefined || starts[s] === starts[s + 1]) return undefined;
    // A literal, not Array.from of a subarray (a typed array made and iterated for each school).
    const t = s * TERMS;
    const terms = [perTerm[t], perTerm[t + 1], perTerm[t + 2], perTerm[t + 3], perTerm[t + 4], perTerm[t + 5]];
    return { days: days[s], perTerm: terms, pattern: patternOf[s] };
  };
  // Calendar order of a trust's events: by day, owner, kind, then as placed (already so in order).
  if (!events.inOrder)
    sharedEvents.sort(
      (a, b) =>
        startColumn[a] - startColumn[b] ||
        compareOwners(events.owners[ownerColumn[a]], events.owners[ownerColumn[b]]) ||
        kindRank[kindColumn[a]] - kindRank[kindColumn[b]] ||
        a - b,
    );
  const shared = new Map<string, Map<string, SharedCount>>();
  for (const i of sharedEvents) {
    const kind = kindColumn[i];
    addShared(shared, events.owners[ownerColumn[i]].name, names[kindActivity[kind]], termColumn[i], kindDays[kind]);
  }
  return { school, lines, shared };
}

/** One event of a trust's (or the organisation's) own, counted for it by name: by term, and by activity. */
function addShared(
  shared: Map<string, Map<string, SharedCount>>,
  name: string,
  activity: string,
  term: number,
  d: number,
): void {
  let byActivity = shared.get(name);
  if (!byActivity) shared.set(name, (byActivity = new Map()));
  let entry = byActivity.get(activity);
  if (!entry) byActivity.set(activity, (entry = { n: 0, perTerm: zeros() }));
  entry.n += 1;
  entry.perTerm[term - 1] += d;
}

/** For a re-tiered school, the re-tierings the schedule follows, before its events: "re-tiered B -> D from 2027-02-01; ". */
function retieredText(p: Placement): string {
  if (!p.retiering) return '';
  const moves = p.retiering.changes.map((c) => `${c.tier} from ${c.from}`);
  return `re-tiered (${[p.retiering.classified.tier ?? 'needs data', ...moves].join(' -> ')}), costed as scheduled; `;
}

/** The tier's days as stated: a number, a ceiling, or not stated. */
function statedDays(tier: Tier): { text: string | null; ceiling: number | null; exact: number | null } {
  const d = tier.days;
  if (typeof d === 'number') return { text: showNumber(d), ceiling: d, exact: d };
  if ('up_to' in d) return { text: `up to ${showNumber(d.up_to)}`, ceiling: d.up_to, exact: null };
  return { text: null, ceiling: null, exact: null };
}

export interface BudgetOptions {
  /**
   * The schedule is not read after the budget: its events are let go (EventStore.release) once
   * costed, before the budget's own figures are made (issue 13: memory). Its events as objects,
   * made before (Schedule.events), are the caller's to keep.
   */
  letGo?: boolean;
}

/** The schedule costed (see the file comment). */
function scheduleBudget(
  placements: Placement[],
  policy: Policy,
  capacity: Capacity[] | undefined,
  schedule: Schedule,
  choose: Chooser,
  options: BudgetOptions,
): BudgetResult {
  const termWeeks = policy.budget?.term_weeks ?? DEFAULT_TERM_WEEKS;
  const statedOf = new Map(policy.tiers.map((t) => [t.id, statedDays(t)]));
  // A basis is a thousand characters, and schools of a tier with the same events have the same:
  // each kept once (274 for 22,000 schools, not 20 MB of them until the budget is written), and
  // each of its parts numbered once, in `texts`.
  const texts = new Interned<string>();
  // A basis joins parts most schools share (their events costed, their tier's stated days, their
  // items): it is joined once for each list of parts, found by the parts' numbers in `texts`.
  const bases = new Map<string, string>();
  const basisOf = (parts: string[]): string => {
    const key = parts.map((part) => texts.ofItem(part)).join(',');
    let basis = bases.get(key);
    if (basis === undefined) bases.set(key, (basis = parts.join('; ')));
    return basis;
  };
  const costed = costedEvents(schedule.store);
  // "scheduled: 3 x Health check = 3 days, ... (13 days)" once for each pattern of events.
  const scheduledTexts: string[] = [];
  const scheduledText = (mine: Costed | undefined): string => {
    if (!mine) return `scheduled: no events (${plural(0, 'day')})`;
    return (scheduledTexts[mine.pattern] ??=
      `scheduled: ${costed.lines(mine.pattern).join(', ')} (${plural(mine.days, 'day')})`);
  };
  // Each person's booked days, from the same events (a report when there is a team: capacityReport).
  const demand = capacity?.length ? personDemand(capacity, schedule.store) : null;
  if (options.letGo) schedule.store.release();
  // One pass over what could not be scheduled (a million events for England): per school, for the
  // trusts' own events, and in all.
  const unscheduledOf = new Map<number, number>();
  const unscheduledShared: number[] = [];
  let unscheduledAll = 0;
  for (const u of schedule.unscheduled) {
    unscheduledAll += u.days;
    if (u.urn === null) unscheduledShared.push(u.days);
    else unscheduledOf.set(u.urn, (unscheduledOf.get(u.urn) ?? 0) + u.days);
  }
  // Budget items beyond the calendar: a stated number is added; a cadence is the calendar's to cost.
  const extras = new Map(
    policy.tiers.map((t) => [
      t.id,
      (policy.budget?.tiers?.[t.id] ?? [])
        .map((item, i) => ({ item, cost: costItem(item, t.id, i, termWeeks) }))
        .filter(({ cost }) => cost.kind !== 'cadence'),
    ]),
  );

  const schools: SchoolBudget[] = placements.map((p) => {
    const mine = costed.school(p.school.urn);
    const scheduled = mine ? mine.days : 0;
    const perTerm = mine ? mine.perTerm : zeros();
    const unscheduledDays = unscheduledOf.get(p.school.urn) ?? 0;
    const schedText = `${retieredText(p)}${scheduledText(mine)}`;
    // The basis's last part, when some of the school's days could not be scheduled.
    const missed = unscheduledDays
      ? [`${plural(unscheduledDays, 'day')} could not be scheduled (see unscheduled)`]
      : [];
    if (p.tier === null) {
      return schoolBudget(p, {
        scheduled,
        unscheduledDays,
        trustItems: [],
        paidBy: null,
        days: scheduled,
        ceiling: scheduled,
        perTerm,
        unknown: false,
        isCeiling: false,
        items: [],
        conditional: [],
        stated: null,
        basis: basisOf([
          `needs data (${p.missing.join(', ')}): only the activities for every school`,
          schedText,
          ...missed,
        ]),
      });
    }
    const stated = statedOf.get(p.tier)!;
    const applicable = chosenItems(extras.get(p.tier)!, p, choose);
    const own = applicable.filter((c) => !c.subjectTo);
    const conditional = applicable.filter((c) => c.subjectTo);
    const exact = own.filter((c) => c.kind === 'exact');
    const extraDays = sum(exact.map((c) => c.days ?? 0));
    for (const c of exact) addInto(perTerm, c.perTerm);
    const upTo = sum(own.filter((c) => c.kind === 'ceiling').map((c) => c.ceiling ?? 0));
    const days = scheduled + extraDays;
    const ceiling = Math.max(stated.ceiling ?? 0, scheduled) + extraDays + upTo;
    const parts = [schedText];
    if (stated.exact !== null && Math.abs(stated.exact - scheduled) > 1e-9)
      parts.push(
        `the source states ${plural(stated.exact, 'day')}: the schedule has ${showNumber(Math.abs(scheduled - stated.exact))} ${scheduled > stated.exact ? 'more' : 'fewer'}`,
      );
    else if (stated.exact !== null) parts.push(`as the source states (${plural(stated.exact, 'day')})`);
    else if (stated.ceiling !== null)
      parts.push(
        `${scheduled > stated.ceiling + 1e-9 ? 'OVER the' : 'within the'} source's ceiling of ${plural(stated.ceiling, 'day')}`,
      );
    else parts.push('the source states no number of days');
    for (const c of own)
      parts.push(
        `plus ${c.name}: ${c.basis}${c.kind === 'exact' ? ' (stated, not on the calendar)' : c.kind === 'ceiling' ? ' (a ceiling, not scheduled: in the ceiling only)' : ''}`,
      );
    for (const c of conditional) parts.push(notCounted(c));
    parts.push(...missed);
    const paidBy = paidByOf(p, applicable);
    return schoolBudget(p, {
      scheduled,
      unscheduledDays,
      trustItems: [],
      paidBy,
      days,
      ceiling,
      perTerm,
      unknown: own.some((c) => c.kind === 'unknown'),
      isCeiling: ceiling > days + 1e-9,
      items: own,
      conditional,
      stated: stated.text,
      basis: basisOf(parts),
    });
  });

  const { byTier, byTrustMap, total } = addUp(schools, policy);
  // A trust's own events (a board meeting, a heads' meeting) once for the trust, in its row and the total.
  const trustEvents: BudgetResult['trustEvents'] = [];
  for (const [trust, byActivity] of [...costed.shared].sort((a, b) => a[0].localeCompare(b[0], 'en-GB'))) {
    for (const [activity, { n, perTerm }] of byActivity) {
      const days = sum(perTerm);
      trustEvents.push({ trust, activity, count: n, days, perTerm });
      for (const t of [total, byTrustMap.get(trust) ?? byTrustMap.set(trust, emptyTrustTotals(trust)).get(trust)!]) {
        t.days += days;
        t.ceiling += days;
        addInto(t.perTerm, perTerm);
      }
    }
  }
  // Added one by one after the schools', in the order listed: the same sum, to the last digit, as before.
  for (const days of unscheduledShared) total.unscheduled += days;
  const byTrust = trustsInOrder(byTrustMap);

  const assumptions = [
    ...(placements.some((p) => p.retiering)
      ? [
          "A re-tiered school's days are its schedule as built, not prorated: the old tier's events up to the day before the change and the new tier's from its date, so the budget and the calendar agree to the day; the school is counted in the tier totals under its tier in force at the as-of date.",
        ]
      : []),
    "Days are the scheduled events costed: a visit is a day of the lead's time for each of its days, a meeting the time the activity states (half a day unless set), the school's own work none.",
    'A tier\'s stated days are shown beside the schedule: "up to" is the ceiling; a number the source gives is compared, not added; budget items beyond the calendar with a stated number are added.',
    ...(schedule.unscheduled.length
      ? [
          `${schedule.unscheduled.length} events could not be scheduled (${showNumber(unscheduledAll)} days): not in the days, listed with the reason.`,
        ]
      : []),
    ...(policy.budget?.notes ?? []),
  ];
  const report = capacityReport(capacity, total.perTerm, total.days);
  if (report && demand) {
    Object.assign(report, demand);
    report.overAllocated ||= report.byPerson.some((p) => p.year.over || p.terms.some((t) => t.over));
  }
  return {
    schools,
    byTier,
    byTrust,
    total,
    termWeeks,
    capacity: report,
    assumptions,
    unscheduled: schedule.unscheduled,
    dropped: schedule.dropped,
    trustEvents,
  };
}
