// The schema of a policy's `calendar:` section (its activities and minimums), apart from
// calendar.ts's occurrences so that a run on a shipped preset, checked when sit was built, loads no
// zod (start-up, SPEC section 8).
import * as z from 'zod';
import { FIELD_BY_NAME } from './fields.js';
import { WEEKDAYS } from './terms.js';
import { ConditionSchema } from './condition-schema.js';
import { ACTIVITY_TYPES } from './calendar.js';

const tierId = z.union([z.string(), z.number()]).transform(String);
const termNumber = z.number().int().min(1).max(6);

export const ActivitySchema = z
  .strictObject({
    /** Stable id: part of each event's ICS UID, so keep it when renaming the activity. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an id of lower-case letters, digits and hyphens'),
    name: z.string().min(1),
    kind: z.enum(['QA', 'SI']),
    /** The lead's role: each event is given a person of `capacity:` with this role. */
    lead: z.string().min(1),
    /**
     * visit: takes the lead to the school for the day (review days, executive visits, health checks);
     * meeting: takes the lead's time, not the day; school: the school's own work (no central time).
     */
    type: z.enum(ACTIVITY_TYPES).default('visit'),
    /** Days of the lead's time each occurrence takes, per day of it (default: visit 1, meeting 0.5, school 0). */
    time: z.number().min(0).max(1).optional(),
    /** school: one per school; trust: once per trust whatever its schools' tiers; organisation: once in all. */
    per: z.enum(['school', 'trust', 'organisation']).default('school'),
    /** The tiers it applies to; absent or "all" means every school, including those needing data. */
    tiers: z.union([z.literal('all'), z.array(tierId).min(1)]).default('all'),
    /** Chosen by school data as well as tier: a policy condition, its names checked as a tier rule's are. */
    when: ConditionSchema.optional(),
    /** Offered on request: listed, not scheduled or costed. */
    optional: z.boolean().default(false),
    /** A date column of the school (e.g. joined_trust): nothing is planned before that date. */
    due_from: z.string().min(1).optional(),
    /** The words of the source document this activity stands for (verbatim; "..." joins fragments). */
    source: z.string().optional(),
    /** What the tool chose where the source is silent (a term, a week, a lead, a time), in its own words. */
    choice: z.string().optional(),
    /** Shown with every event of this activity. */
    note: z.string().optional(),
    terms: z.array(termNumber).min(1).optional(),
    times_a_year: z.number().int().min(1).max(6).optional(),
    every_weeks: z.number().int().min(1).max(52).optional(),
    every_years: z.number().int().min(1).max(10).optional(),
    /** For every_years: the school's date field the cycle runs from. */
    from: z.string().optional(),
    /** For every_years: the term it is placed in. */
    term: termNumber.optional(),
    /** Week of the term (1 = the week the term starts in; -1 = the week it ends in). */
    week: z
      .number()
      .int()
      .min(-14)
      .max(14)
      .refine((w) => w !== 0, 'a week from 1 (first) or from -1 (last), not 0')
      .optional(),
    weekday: z.enum(WEEKDAYS).optional(),
    /** Consecutive school days the activity takes (Trust Review over 2 days). */
    days: z.number().int().min(1).max(10).default(1),
    /** For cycles that alternate (peer review: internal, external): the two kinds in turn. */
    alternate: z.array(z.string().min(1)).length(2).optional(),
    /** A column saying which kind the last one was (e.g. last_peer_review_type). */
    alternate_field: z.string().optional(),
  })
  .superRefine((a, ctx) => {
    const timing = [
      a.every_weeks !== undefined,
      a.every_years !== undefined,
      a.times_a_year !== undefined,
      a.terms !== undefined && a.times_a_year === undefined,
    ];
    if (timing.filter(Boolean).length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          'an activity needs exactly one timing: terms: [N], times_a_year: N, every_weeks: N (with weekday) or every_years: N (with from)',
      });
      return;
    }
    if (a.every_weeks !== undefined && a.terms !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['terms'],
        message: 'every_weeks runs through the whole year; remove terms',
      });
    if (a.every_years !== undefined && !a.from)
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message:
          'every_years needs from: the date field the cycle runs from (last_peer_review or last_external_review)',
      });
    if (a.every_years === undefined && (a.from !== undefined || a.term !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: [a.from !== undefined ? 'from' : 'term'],
        message: 'from and term are for every_years cycles; use terms: [N] for a fixed term',
      });
    if (a.from !== undefined && !['date', 'dateOrYear'].includes(FIELD_BY_NAME.get(a.from)?.kind ?? '')) {
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: `"${a.from}" is not a date field; use last_peer_review or last_external_review`,
      });
    }
    if (a.times_a_year !== undefined && a.terms !== undefined && a.terms.length !== a.times_a_year) {
      ctx.addIssue({
        code: 'custom',
        path: ['terms'],
        message: `times_a_year: ${a.times_a_year} needs ${a.times_a_year} terms, found ${a.terms.length}`,
      });
    }
    if (a.alternate_field !== undefined && a.alternate === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['alternate_field'],
        message: 'alternate_field needs alternate: [first kind, second kind]',
      });
    if (a.per !== 'school' && (a.every_years !== undefined || a.due_from !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['per'],
        message: `per: ${a.per} is once for the ${a.per}: a cycle or due_from needs a school's own dates (per: school)`,
      });
    }
  });
export type Activity = z.output<typeof ActivitySchema>;

export const MinimumSchema = z.strictObject({
  tiers: z.array(tierId).min(1),
  kind: z.enum(['QA', 'SI']),
  per_term: z.number().int().min(1),
  /** The terms it is checked in (default all six): a source's "term" may be the three-term year. */
  terms: z.array(termNumber).min(1).optional(),
  /** The activity added to a term that falls short, so the schedule meets the minimum. */
  top_up: z.string().optional(),
  source: z.string().optional(),
  choice: z.string().optional(),
});
export type Minimum = z.output<typeof MinimumSchema>;

export const CalendarSchema = z.strictObject({
  notes: z.array(z.string()).default([]),
  activities: z.array(ActivitySchema).default([]),
  /** Least activities of a kind per term a tier must get: topped up, else reported. */
  minimums: z.array(MinimumSchema).default([]),
});
export type PolicyCalendar = z.output<typeof CalendarSchema>;

/** Checks that need the whole policy: unique activity ids, tiers that exist. */
export function checkCalendar(calendar: PolicyCalendar | undefined, tierIds: Set<string>, ctx: z.RefinementCtx): void {
  if (!calendar) return;
  const ids = new Set<string>();
  calendar.activities.forEach((a, i) => {
    if (ids.has(a.id))
      ctx.addIssue({
        code: 'custom',
        path: ['calendar', 'activities', i, 'id'],
        message: `activity id "${a.id}" is used twice`,
      });
    ids.add(a.id);
    if (a.tiers !== 'all')
      for (const t of a.tiers)
        if (!tierIds.has(t))
          ctx.addIssue({ code: 'custom', path: ['calendar', 'activities', i, 'tiers'], message: `no tier "${t}"` });
  });
  calendar.minimums.forEach((m, i) => {
    for (const t of m.tiers)
      if (!tierIds.has(t))
        ctx.addIssue({ code: 'custom', path: ['calendar', 'minimums', i, 'tiers'], message: `no tier "${t}"` });
    const top = m.top_up === undefined ? undefined : calendar.activities.find((a) => a.id === m.top_up);
    if (m.top_up !== undefined && !top)
      ctx.addIssue({
        code: 'custom',
        path: ['calendar', 'minimums', i, 'top_up'],
        message: `no activity "${m.top_up}"`,
      });
    else if (top && top.kind !== m.kind)
      ctx.addIssue({
        code: 'custom',
        path: ['calendar', 'minimums', i, 'top_up'],
        message: `"${m.top_up}" is ${top.kind}, the minimum counts ${m.kind}`,
      });
  });
}
