// The policy format: ordered tiers with rules over a school's fields and derived facts. A policy
// is data (a preset YAML file or a trust's trust.config.yaml); this zod schema is its definition.
import { z } from 'zod';
import { FACTS } from './facts.js';
import { CalendarSchema, checkCalendar } from './calendar.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]);
/** A number, or "$name" for a named threshold in the policy's `thresholds`. */
const numberOrThreshold = z.union([z.number(), z.string().regex(/^\$[a-z0-9_]+$/, 'a number or "$threshold_name"')]);

const subjectKeys = ['field', 'vs_national', 'years_since', 'fact'] as const;
const testKeys = ['is', 'in', 'not_in', 'lt', 'lte', 'gt', 'gte', 'present', 'in_academic_year'] as const;

export const LeafSchema = z
  .strictObject({
    field: z.string().optional(),
    vs_national: z.string().optional(),
    years_since: z.string().optional(),
    fact: z.string().optional(),
    is: scalar.optional(),
    in: z.array(scalar).optional(),
    not_in: z.array(scalar).optional(),
    lt: numberOrThreshold.optional(),
    lte: numberOrThreshold.optional(),
    gt: numberOrThreshold.optional(),
    gte: numberOrThreshold.optional(),
    present: z.boolean().optional(),
    /** "2023/24", or "current" for the academic year of --as-of. */
    in_academic_year: z.string().regex(/^(\d{4}\/\d{2}|current|previous)$/, 'an academic year such as 2023/24, or current/previous').optional(),
    /** What a blank value counts as; without it a blank value means the school needs data. */
    if_blank: z.boolean().optional(),
    /**
     * The test is about the latest inspection: when a later report card, or a 2024/25 inspection
     * without an overall grade, supersedes the graded judgement, the test is false (not blank).
     */
    latest_only: z.boolean().optional(),
    /** How to describe this test in reasons; generated from the test when absent. */
    label: z.string().optional(),
  })
  .superRefine((leaf, ctx) => {
    const subjects = subjectKeys.filter((k) => leaf[k] !== undefined);
    const tests = testKeys.filter((k) => leaf[k] !== undefined);
    if (subjects.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `a condition needs exactly one of ${subjectKeys.join(', ')} (or all/any/not)` });
    }
    if (tests.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `a condition needs exactly one test: ${testKeys.join(', ')}` });
    }
  });

export type Leaf = z.infer<typeof LeafSchema>;
export type Condition = Leaf | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
    LeafSchema,
  ]),
);

export const RuleSchema = z.strictObject({
  /** The rule in the trust's words: it becomes the reason for a placement. */
  name: z.string().min(1),
  /** The sentence of the source document this rule stands for. */
  source: z.string().optional(),
  when: ConditionSchema,
});
export type Rule = z.infer<typeof RuleSchema>;

export const DaysSchema = z.union([
  z.number().min(0),
  z.strictObject({ up_to: z.number().min(0) }),
  /** The source gives no number of days: say what it does say instead. */
  z.strictObject({ not_stated: z.string().min(1) }),
]);
export type Days = z.infer<typeof DaysSchema>;

export const TierSchema = z
  .strictObject({
    id: z.union([z.string(), z.number()]).transform(String),
    label: z.string().min(1),
    /** Higher means more support; orders tiers for movements and reports. */
    level: z.number().int(),
    description: z.string().optional(),
    days: DaysSchema,
    days_per_term: z.number().min(0).optional(),
    default: z.boolean().optional(),
    /** For the default tier: why a school lands here, in the source's words. */
    reason: z.string().optional(),
    rules: z.array(RuleSchema).optional(),
    notes: z.array(z.string()).optional(),
  })
  .superRefine((tier, ctx) => {
    if (tier.default && tier.rules?.length) ctx.addIssue({ code: 'custom', path: ['rules'], message: 'the default tier takes every school no other tier took, so it has no rules' });
    if (!tier.default && !tier.rules?.length) ctx.addIssue({ code: 'custom', path: ['rules'], message: 'a tier that is not the default needs at least one rule' });
  });
export type Tier = z.infer<typeof TierSchema>;

export const NationalSchema = z.record(
  z.string(),
  z.strictObject({
    primary: z.number().optional(),
    secondary: z.number().optional(),
    'all-through': z.number().optional(),
    special: z.number().optional(),
    nursery: z.number().optional(),
    '16-plus': z.number().optional(),
    'alternative-provision': z.number().optional(),
    default: z.number().optional(),
    source: z.string().optional(),
  }),
);
export type National = z.infer<typeof NationalSchema>;

export const ThresholdSchema = z.strictObject({
  value: z.number(),
  /** The qualitative phrase of the source this number stands for. */
  means: z.string(),
});

export const OutputFieldSchema = z.array(
  z.strictObject({
    value: z.string(),
    tiers: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
    when: ConditionSchema.optional(),
    label: z.string().optional(),
  }),
);

/**
 * How a tier's support turns into days for `sit budget` (issue 5). Without a `budget.tiers` entry a
 * tier is costed from its own `days` / `days_per_term`; with one, its items replace them. An item
 * states days (exact, `up_to`, or `not_stated`), or a cadence (`every_weeks` x `days_each` over the
 * school weeks of `term_weeks`, with an optional `ceiling_every_weeks` shown as the ceiling).
 */
export const BudgetItemSchema = z
  .strictObject({
    name: z.string().min(1),
    days: DaysSchema.optional(),
    days_per_term: z.number().min(0).optional(),
    every_weeks: z.number().positive().optional(),
    ceiling_every_weeks: z.number().positive().optional(),
    days_each: z.number().min(0).optional(),
    /** `trust`: counted once per trust (e.g. the DfE trust route), not once per school. */
    per: z.enum(['school', 'trust']).default('school'),
    /** Applies only when the school's policy output fields have these values, e.g. { route: trust }. */
    when: z.record(z.string(), z.string()).optional(),
    /** Not counted in the days: offered only subject to this approval. */
    subject_to: z.string().optional(),
    paid_by: z.string().optional(),
    /** The assumption behind a conversion, in words. */
    assumption: z.string().optional(),
    source: z.string().optional(),
  })
  .superRefine((item, ctx) => {
    if ((item.days === undefined) === (item.every_weeks === undefined)) ctx.addIssue({ code: 'custom', message: 'a budget item needs exactly one of days or every_weeks' });
    if (item.every_weeks !== undefined && item.days_each === undefined) ctx.addIssue({ code: 'custom', path: ['days_each'], message: 'a cadence (every_weeks) needs days_each: the time each occurrence takes, in days' });
  });
export type BudgetItem = z.output<typeof BudgetItemSchema>;

export const BudgetSchema = z.strictObject({
  /** School weeks in terms 1-6 (38 in all by default); cadences are counted per term from these. */
  term_weeks: z.array(z.number().positive()).length(6).default([7, 7, 6, 5, 7, 6]),
  tiers: z.record(z.string(), z.array(BudgetItemSchema)).default({}),
  notes: z.array(z.string()).default([]),
});
export type BudgetPolicy = z.output<typeof BudgetSchema>;

export const PolicyShape = {
  id: z.string().min(1),
  name: z.string().min(1),
  source: z.string().optional(),
  summary: z.string().optional(),
  thresholds: z.record(z.string().regex(/^[a-z0-9_]+$/), ThresholdSchema).default({}),
  national: NationalSchema.default({}),
  tiers: z.array(TierSchema).min(2),
  /** Extra output fields decided per school, e.g. the DfE offer's route. */
  fields: z.record(z.string().regex(/^[a-z0-9_]+$/), OutputFieldSchema).default({}),
  notes: z.array(z.string()).default([]),
  /** QA and SI activities for `sit calendar`: see core/calendar.ts. */
  calendar: CalendarSchema.optional(),
  /** Support days for `sit budget`: see BudgetSchema. */
  budget: BudgetSchema.optional(),
};

export const PolicySchema = z.strictObject(PolicyShape).superRefine((policy, ctx) => checkPolicy(policy as Policy, ctx));
export type Policy = z.output<z.ZodObject<typeof PolicyShape>>;

/** Checks the schema alone cannot: one default tier, unique ids, thresholds that exist. */
export function checkPolicy(policy: Policy, ctx: z.RefinementCtx): void {
  const defaults = policy.tiers.filter((t) => t.default);
  if (defaults.length !== 1) {
    ctx.addIssue({ code: 'custom', path: ['tiers'], message: `exactly one tier needs "default: true" (found ${defaults.length})` });
  } else if (policy.tiers[policy.tiers.length - 1] !== defaults[0]) {
    ctx.addIssue({ code: 'custom', path: ['tiers'], message: `the default tier "${defaults[0].id}" must be listed last: tiers after it could never be reached` });
  }
  const ids = new Set<string>();
  policy.tiers.forEach((tier, i) => {
    if (ids.has(tier.id)) ctx.addIssue({ code: 'custom', path: ['tiers', i, 'id'], message: `tier id "${tier.id}" is used twice` });
    ids.add(tier.id);
  });
  const visit = (condition: Condition, path: (string | number)[]) => {
    if ('all' in condition) condition.all.forEach((c, i) => visit(c, [...path, 'all', i]));
    else if ('any' in condition) condition.any.forEach((c, i) => visit(c, [...path, 'any', i]));
    else if ('not' in condition) visit(condition.not, [...path, 'not']);
    else {
      for (const key of ['lt', 'lte', 'gt', 'gte'] as const) {
        const value = condition[key];
        if (typeof value === 'string' && !(value.slice(1) in policy.thresholds)) {
          ctx.addIssue({ code: 'custom', path: [...path, key], message: `no threshold named "${value.slice(1)}" in thresholds` });
        }
      }
      if (condition.fact !== undefined && !(condition.fact in FACTS)) {
        ctx.addIssue({ code: 'custom', path: [...path, 'fact'], message: `no fact named "${condition.fact}"; known: ${Object.keys(FACTS).join(', ')}` });
      }
      if (condition.vs_national && !(condition.vs_national in policy.national)) {
        ctx.addIssue({ code: 'custom', path: [...path, 'vs_national'], message: `no national comparator for "${condition.vs_national}" under national` });
      }
    }
  };
  policy.tiers.forEach((tier, i) => tier.rules?.forEach((rule, j) => visit(rule.when, ['tiers', i, 'rules', j, 'when'])));
  checkCalendar(policy.calendar, ids, ctx);
  policy.calendar?.activities.forEach((a, i) => {
    if (a.when === undefined) return;
    const parsed = ConditionSchema.safeParse(a.when);
    if (parsed.success) visit(parsed.data, ['calendar', 'activities', i, 'when']);
    else for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['calendar', 'activities', i, 'when', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: issue.message });
  });
  for (const id of Object.keys(policy.budget?.tiers ?? {})) {
    if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['budget', 'tiers', id], message: `no tier "${id}"` });
  }
  for (const [name, values] of Object.entries(policy.fields)) {
    values.forEach((value, i) => {
      value.tiers?.forEach((id) => {
        if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['fields', name, i, 'tiers'], message: `no tier "${id}"` });
      });
      if (value.when) visit(value.when, ['fields', name, i, 'when']);
    });
  }
}
