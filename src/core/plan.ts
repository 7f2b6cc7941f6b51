// The year's schedule for a policy's schools: the one call calendar, budget and report make, so
// that they plan (and cost) the same events. Pure.
import type { Placement } from './classify.js';
import type { Capacity } from './config.js';
import { chooser } from './choose.js';
import type { Policy } from './policy.js';
import type { CalendarSchool, SchoolPeriod } from './calendar.js';
import { toDayNumber } from './dates.js';
import { describeChange, type TierPeriod } from './tier-changes.js';
import { buildSchedule, type Schedule, type ScheduleSettings } from './schedule.js';
import type { TermCalendar } from './terms.js';

/**
 * The schools as the calendar plans them. A re-tiered school (core/tier-changes.ts) carries its
 * tier periods: the calendar plans the old tier's events up to the day before each change and the
 * new tier's from its date, whatever --as-of is (the plan is the year's).
 */
export function calendarSchools(placements: Placement[]): CalendarSchool[] {
  return placements.map((p) => {
    const school: CalendarSchool = {
      urn: p.school.urn,
      name: p.school.name,
      tier: p.tier,
      level: p.level,
      fields: p.school.fields,
      extra: p.school.extra,
      outputs: p.fields,
    };
    // Set, not spread in: a spread after other fields takes microseconds an object in Node 20's V8.
    if (p.retiering) school.periods = schoolPeriods(p.retiering.periods);
    return school;
  });
}

/**
 * A school's periods as the plan switches between them: on each change's date, or on the day it
 * was agreed when that is later (a backdated change). The plan in force until the agreement stands
 * (what it had on those days keeps its day and its tier) and nothing is planned into days already
 * past when the change was agreed.
 */
function schoolPeriods(periods: TierPeriod[]): SchoolPeriod[] {
  const switches = periods.map((p) => {
    if (p.from === null) return null;
    const agreed = p.change?.agreedOn;
    return toDayNumber(agreed && agreed > p.from ? agreed : p.from);
  });
  // Never before the switch before it (a change agreed after a later one's date): a period may be empty.
  for (let i = 1; i < switches.length; i++) {
    const before = switches[i - 1];
    if (before !== null && switches[i] !== null) switches[i] = Math.max(before, switches[i] as number);
  }
  return periods.map((p, i) => ({
    tier: p.tier,
    level: p.level,
    from: switches[i],
    until: i + 1 < periods.length ? switches[i + 1] : null,
    text: p.change ? describeChange(p.change, p.label) : null,
    agreed: p.change?.agreedOn ? toDayNumber(p.change.agreedOn) : null,
  }));
}

/** The schedule of every school for the whole year (views filter it; they never re-plan). */
export function planYear(
  policy: Policy,
  schools: CalendarSchool[],
  cal: TermCalendar,
  options: { asOf: string; capacity?: Capacity[]; settings?: Partial<ScheduleSettings> },
): Schedule {
  const choose = chooser(policy, schools, options.asOf);
  return buildSchedule(schools, policy.calendar ?? { notes: [], activities: [], minimums: [] }, cal, {
    capacity: options.capacity,
    settings: options.settings,
    choose,
  });
}
