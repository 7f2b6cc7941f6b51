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

function schoolPeriods(periods: TierPeriod[]): SchoolPeriod[] {
  return periods.map((p) => ({
    tier: p.tier,
    level: p.level,
    from: p.from === null ? null : toDayNumber(p.from),
    until: p.until === null ? null : toDayNumber(p.until),
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
