// The budget beside the visit log (SPEC section 9, "how many of Northgate's days have we used by
// February?"): per school, person, tier and term, the days allocated (the budget's days: the
// schedule costed, plus days a source states beyond it), scheduled (the events' days), delivered
// (the log's days on or before --as-of, within the academic year) and remaining (allocated less
// delivered; negative when more was delivered than allocated). Pure.
import type { BudgetResult } from './budget.js';
import { TERMS } from './budget.js';
import { toDayNumber } from './dates.js';
import { ALL_SCHOOLS, type DeliveryMarks } from './delivery.js';
import type { LogEntry } from './log.js';
import type { CalendarEvent } from './schedule.js';
import { termOfDay, type TermCalendar } from './terms.js';
import { fold } from './values.js';

export interface DeliveryLine {
  /** The days the budget gives, or null where the policy states none (or a person not in capacity:). */
  allocated: number | null;
  scheduled: number;
  delivered: number;
  /** allocated - delivered, or null when nothing is allocated. */
  remaining: number | null;
}

export interface DeliveryBudget {
  schools: (DeliveryLine & { urn: number; name: string; tier: string | null })[];
  /**
   * Events for a whole trust (or all schools: "All schools"), by the name the calendar gives
   * them, and the entries that met them: an entry logged against one of the trust's schools for
   * such an event counts here, not for that school, which received none of its time.
   */
  trustWide: (DeliveryLine & { name: string })[];
  /** The people of capacity:, then anyone else the log names (nothing allocated to them). */
  people: (DeliveryLine & { name: string; role: string | null })[];
  tiers: (DeliveryLine & { tier: string; label: string })[];
  terms: (DeliveryLine & { term: number })[];
  total: DeliveryLine;
  /** Entries counted (on or before --as-of, in the academic year). */
  counted: number;
  /** Entries not counted: after --as-of, or outside the academic year of the calendar. */
  notCounted: { entry: LogEntry; reason: string }[];
}

const line = (allocated: number | null, scheduled: number, delivered: number): DeliveryLine => ({
  allocated,
  scheduled,
  delivered,
  remaining: allocated === null ? null : allocated - delivered,
});

export function deliveredAgainstBudget(
  result: BudgetResult,
  events: CalendarEvent[],
  log: LogEntry[],
  /** The calendar's marks of the same log (core/delivery.ts): an entry counts where it met an event. */
  marks: DeliveryMarks,
  asOf: string,
  cal: TermCalendar,
  tierLabels: Map<string, string> = new Map(),
): DeliveryBudget {
  const first = cal.terms[0].start;
  const last = cal.terms[cal.terms.length - 1].end;
  const notCounted: DeliveryBudget['notCounted'] = [];
  const counted: LogEntry[] = [];
  for (const entry of log) {
    if (entry.date > asOf) notCounted.push({ entry, reason: `after --as-of ${asOf}` });
    else if (entry.date < first || entry.date > last)
      notCounted.push({ entry, reason: `outside the academic year ${cal.yearName} (${first} to ${last})` });
    else counted.push(entry);
  }

  // Whose days an entry's are: the owner of the event the calendar marked with it (a trust's name,
  // or "All schools", for an event of a whole trust; else its school), so the budget and the
  // calendar agree. An entry that met no event (a trust's meeting logged beyond the plan) goes by
  // its activity: the activities (by folded id and name, as sameActivity matches them) each school
  // has of its own, and the owners each trust-wide activity has, indexed once.
  const met = new Map<LogEntry, CalendarEvent>();
  for (const [event, mark] of marks.of) if (mark.entry) met.set(mark.entry, event);
  const trustOf = new Map(result.schools.map((s) => [s.urn, s.trust ?? null]));
  const ownActivities = new Map<number, Set<string>>();
  const trustOwners = new Map<string, Set<string>>();
  for (const e of events) {
    for (const key of [fold(e.activity_id), fold(e.activity)]) {
      if (e.urn === null) trustOwners.set(key, (trustOwners.get(key) ?? new Set()).add(e.name));
      else ownActivities.set(e.urn, (ownActivities.get(e.urn) ?? new Set()).add(key));
    }
  }
  const trustOwnerOf = (entry: LogEntry): string | null => {
    const event = met.get(entry);
    if (event) return event.urn === null ? event.name : null;
    const key = fold(entry.activity);
    if (ownActivities.get(entry.urn)?.has(key)) return null;
    const owners = trustOwners.get(key);
    const trust = trustOf.get(entry.urn);
    if (trust && owners?.has(trust)) return trust;
    return owners?.has(ALL_SCHOOLS) ? ALL_SCHOOLS : null;
  };

  const deliveredBySchool = new Map<number, number>();
  const deliveredByOwner = new Map<string, number>();
  const deliveredByPerson = new Map<string, { name: string; days: number }>();
  const deliveredByTerm = Array.from({ length: TERMS }, () => 0);
  for (const e of counted) {
    const owner = trustOwnerOf(e);
    if (owner === null) deliveredBySchool.set(e.urn, (deliveredBySchool.get(e.urn) ?? 0) + e.days);
    else deliveredByOwner.set(owner, (deliveredByOwner.get(owner) ?? 0) + e.days);
    const person = deliveredByPerson.get(fold(e.person)) ?? { name: e.person, days: 0 };
    person.days += e.days;
    deliveredByPerson.set(fold(e.person), person);
    const term = termOfDay(cal, toDayNumber(e.date));
    if (term !== null) deliveredByTerm[term - 1] += e.days;
  }

  const schools = result.schools.map((s) => ({
    urn: s.urn,
    name: s.name,
    tier: s.tier,
    ...line(s.days, s.scheduled ?? s.days ?? 0, deliveredBySchool.get(s.urn) ?? 0),
  }));

  // A trust's own events are costed as scheduled: its allocated days are its scheduled days.
  const trustWide = result.trustEvents
    .reduce((owners, t) => owners.set(t.trust, (owners.get(t.trust) ?? 0) + t.days), new Map<string, number>())
    .entries();
  const trustWideLines = [...trustWide].map(([name, days]) => ({
    name,
    ...line(days, days, deliveredByOwner.get(name) ?? 0),
  }));

  const scheduledByPerson = new Map<string, number>();
  const scheduledByTerm = Array.from({ length: TERMS }, () => 0);
  for (const e of events) {
    if (e.days === 0) continue;
    scheduledByTerm[e.term - 1] += e.days;
    if (e.person !== null) scheduledByPerson.set(e.person, (scheduledByPerson.get(e.person) ?? 0) + e.days);
  }
  const people: DeliveryBudget['people'] = (result.capacity?.byPerson ?? []).map((p) => ({
    name: p.name,
    role: p.role,
    ...line(p.year.capacity, scheduledByPerson.get(p.name) ?? 0, deliveredByPerson.get(fold(p.name))?.days ?? 0),
  }));
  const known = new Set(people.map((p) => fold(p.name)));
  for (const [key, p] of [...deliveredByPerson].sort((a, b) => a[1].name.localeCompare(b[1].name, 'en-GB')))
    if (!known.has(key)) people.push({ name: p.name, role: null, ...line(null, 0, p.days) });

  const tiers = result.byTier.map((t) => {
    const mine = schools.filter((s) => s.tier === t.tier);
    const sum = (pick: (s: (typeof mine)[number]) => number) => mine.reduce((a, s) => a + pick(s), 0);
    return {
      tier: t.tier,
      label: tierLabels.get(t.tier) ?? t.label,
      ...line(
        sum((s) => s.allocated ?? 0),
        sum((s) => s.scheduled),
        sum((s) => s.delivered),
      ),
    };
  });

  const terms = result.total.perTerm.map((allocated, i) => ({
    term: i + 1,
    ...line(allocated, scheduledByTerm[i], deliveredByTerm[i]),
  }));
  const delivered = counted.reduce((a, e) => a + e.days, 0);
  const total = line(
    result.total.days,
    scheduledByTerm.reduce((a, b) => a + b, 0),
    delivered,
  );
  return { schools, trustWide: trustWideLines, people, tiers, terms, total, counted: counted.length, notCounted };
}
