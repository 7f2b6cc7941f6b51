// The policy format: ordered tiers with rules over a school's fields and derived facts. A policy
// is data (a preset YAML file or a trust's trust.config.yaml); this zod schema is its definition.
import { z } from 'zod';
import { CalendarSchema, checkCalendar } from './calendar.js';
import { checkLanguage } from './policy-check.js';

const NAME = /^[a-z0-9_]+$/;
const name = z.string().regex(NAME, 'a name of lower-case letters, digits and underscores');

/**
 * A number worked out from a school's values: a number, "$threshold", a name (a column, a
 * definition's value or an output field), or arithmetic over those. A blank anywhere makes the
 * whole value blank, naming what was blank.
 */
export type Expr =
  | number
  | string
  | { field: string }
  | { value: string }
  | { vs_national: string }
  | { years_since: string }
  | { fact: string }
  | { plus: Expr[] }
  | { minus: [Expr, Expr] }
  | { times: Expr[] }
  | { divide: [Expr, Expr] }
  | { mean: Expr[] };

export const ExprSchema: z.ZodType<Expr> = z.lazy(() => z.union([z.number(), z.string().min(1), ExprObjectSchema]));

/** The object forms of an expression: the right-hand side of a comparison with another value. */
export const ExprObjectSchema: z.ZodType<Exclude<Expr, number | string>> = z.lazy(() =>
  z.union([
    z.strictObject({ field: z.string() }),
    z.strictObject({ value: name }),
    z.strictObject({ vs_national: z.string() }),
    z.strictObject({ years_since: z.string() }),
    z.strictObject({ fact: z.string() }),
    z.strictObject({ plus: z.array(ExprSchema).min(2) }),
    z.strictObject({ minus: z.tuple([ExprSchema, ExprSchema]) }),
    z.strictObject({ times: z.array(ExprSchema).min(2) }),
    z.strictObject({ divide: z.tuple([ExprSchema, ExprSchema]) }),
    z.strictObject({ mean: z.array(ExprSchema).min(2) }),
  ]),
);

/** Another value to compare with: another column, a definition's value or an output field. */
const ValueRefSchema = z.union([z.strictObject({ field: z.string() }), z.strictObject({ value: name })]);

const scalar = z.union([z.string(), z.number(), z.boolean()]);
/** A number, "$name" for a named threshold in the policy's `thresholds`, or another value to compare with. */
const numberOrThreshold = z.union([
  z.number(),
  z.string().regex(/^\$[a-z0-9_]+$/, 'a number or "$threshold_name"'),
  ExprObjectSchema,
]);

const subjectKeys = ['field', 'vs_national', 'years_since', 'fact', 'value', 'calc'] as const;
const testKeys = ['is', 'in', 'not_in', 'lt', 'lte', 'gt', 'gte', 'present', 'in_academic_year'] as const;

export const LeafSchema = z
  .strictObject({
    field: z.string().optional(),
    vs_national: z.string().optional(),
    years_since: z.string().optional(),
    fact: z.string().optional(),
    /** A definition's value or one of the policy's own output fields, by name. */
    value: name.optional(),
    /** A number worked out from the school's values, e.g. { minus: [attendance_pct, attendance_pct_2024] }. */
    calc: ExprSchema.optional(),
    is: z.union([scalar, ValueRefSchema]).optional(),
    in: z.array(scalar).optional(),
    not_in: z.array(scalar).optional(),
    lt: numberOrThreshold.optional(),
    lte: numberOrThreshold.optional(),
    gt: numberOrThreshold.optional(),
    gte: numberOrThreshold.optional(),
    present: z.boolean().optional(),
    /** "2023/24", or "current" for the academic year of --as-of. */
    in_academic_year: z
      .string()
      .regex(/^(\d{4}\/\d{2}|current|previous)$/, 'an academic year such as 2023/24, or current/previous')
      .optional(),
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
      ctx.addIssue({
        code: 'custom',
        message: `a condition needs exactly one of ${subjectKeys.join(', ')} (or all, any, not, count, use)`,
      });
    }
    if (tests.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `a condition needs exactly one test: ${testKeys.join(', ')}` });
    }
  });

export type Leaf = z.infer<typeof LeafSchema>;

/** "Two or more of these five areas are red": how many of the conditions hold, against a number. */
export interface Count {
  count: Condition[];
  is?: number;
  gte?: number;
  lte?: number;
  gt?: number;
  lt?: number;
  label?: string;
}

/** A named condition from the policy's `definitions`. */
export interface Use {
  use: string;
  label?: string;
}

export type Condition = Leaf | { all: Condition[] } | { any: Condition[] } | { not: Condition } | Count | Use;

const countTests = ['is', 'gte', 'lte', 'gt', 'lt'] as const;

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
    z
      .strictObject({
        count: z.array(ConditionSchema).min(2),
        is: z.number().int().min(0).optional(),
        gte: z.number().int().min(0).optional(),
        lte: z.number().int().min(0).optional(),
        gt: z.number().int().min(0).optional(),
        lt: z.number().int().min(0).optional(),
        label: z.string().optional(),
      })
      .superRefine((c, ctx) => {
        if (countTests.filter((k) => c[k] !== undefined).length !== 1) {
          ctx.addIssue({
            code: 'custom',
            message: 'count: needs exactly one of is, gte, lte, gt, lt (how many of the conditions must hold)',
          });
        }
      }),
    z.strictObject({ use: name, label: z.string().optional() }),
    LeafSchema,
  ]),
);

/**
 * A named definition: a condition (`when`), a number (`calc`), or a value chosen by conditions
 * (`cases`, first that holds, else `else`). Rules refer to a condition by `use: NAME` and to a
 * value by `value: NAME`.
 */
export const DefinitionSchema = z
  .strictObject({
    /** How the definition reads in reasons and `sit explain`. */
    label: z.string().optional(),
    /** The sentence of the source document this definition stands for. */
    source: z.string().optional(),
    /** What the policy had to choose that the source does not say. */
    choice: z.string().optional(),
    when: ConditionSchema.optional(),
    calc: ExprSchema.optional(),
    cases: z
      .array(z.strictObject({ value: z.union([z.string(), z.number()]), when: ConditionSchema }))
      .min(1)
      .optional(),
    else: z.union([z.string(), z.number()]).optional(),
  })
  .superRefine((d, ctx) => {
    const kinds = (['when', 'calc', 'cases'] as const).filter((k) => d[k] !== undefined);
    if (kinds.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message:
          'a definition needs exactly one of when (a condition), calc (a number) or cases (a value chosen by conditions)',
      });
    if (d.cases !== undefined && d.else === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['else'],
        message: 'a definition with cases needs else: the value when no case holds',
      });
    if (d.cases === undefined && d.else !== undefined)
      ctx.addIssue({ code: 'custom', path: ['else'], message: 'else goes with cases' });
  });
export type Definition = z.infer<typeof DefinitionSchema>;

/** The values an extra column may take (a list, matched as headers are), or `number`. */
export const ColumnDeclarationSchema = z.union([
  z.array(z.union([z.string(), z.number()]).transform(String)).min(1),
  z.literal('number'),
]);

export const RuleSchema = z.strictObject({
  /** Names the rule for `extends:` (a config replaces or removes the preset's rule of the same id). */
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  /** The rule in the trust's words: it becomes the reason for a placement. */
  name: z.string().min(1),
  /** The sentence of the source document this rule stands for, word for word. */
  source: z.string().optional(),
  /** What the policy chose where the source leaves it open (a threshold, a reading): never the source's words. */
  choice: z.string().optional(),
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
    /** For the default tier: why a school lands here. */
    reason: z.string().optional(),
    /** The source's words for the tier (its heading or descriptor), word for word. */
    source: z.string().optional(),
    /** How the policy decides the tier where the source does not say: the policy's choice. */
    choice: z.string().optional(),
    /** The source's words for the tier's days, word for word; and the policy's choice where it gives none. */
    days_source: z.string().optional(),
    days_choice: z.string().optional(),
    /** On the default tier, rules only choose the reason given (the first that holds); every school left lands here. */
    rules: z.array(RuleSchema).optional(),
    notes: z.array(z.string()).optional(),
  })
  .superRefine((tier, ctx) => {
    if (!tier.default && !tier.rules?.length)
      ctx.addIssue({
        code: 'custom',
        path: ['rules'],
        message: 'a tier that is not the default needs at least one rule',
      });
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
    /** Where the figures come from (published statistics, not a quote of the policy's source). */
    statistics: z.string().optional(),
    source: z.string().optional(),
  }),
);
export type National = z.infer<typeof NationalSchema>;

export const ThresholdSchema = z.strictObject({
  value: z.number(),
  /** The qualitative phrase of the source this number stands for. */
  means: z.string(),
  /** That phrase in the source's words, word for word. */
  source: z.string().optional(),
  /** Why this number: the policy's choice, never the source's. */
  choice: z.string().optional(),
});

export const OutputFieldSchema = z.array(
  z.strictObject({
    value: z.string(),
    tiers: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
    when: ConditionSchema.optional(),
    label: z.string().optional(),
    /** The source's words for this value, word for word; and the policy's choice where it reads them. */
    source: z.string().optional(),
    choice: z.string().optional(),
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
    if ((item.days === undefined) === (item.every_weeks === undefined))
      ctx.addIssue({ code: 'custom', message: 'a budget item needs exactly one of days or every_weeks' });
    if (item.every_weeks !== undefined && item.days_each === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['days_each'],
        message: 'a cadence (every_weeks) needs days_each: the time each occurrence takes, in days',
      });
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
  /** Named conditions and values, used by rules as `use: NAME` and `value: NAME`. */
  definitions: z.record(name, DefinitionSchema).default({}),
  /** Values the trust's extra columns may take: an undeclared value is a data error. */
  columns: z.record(z.string(), ColumnDeclarationSchema).default({}),
  notes: z.array(z.string()).default([]),
  /** QA and SI activities for `sit calendar`: see core/calendar.ts. */
  calendar: CalendarSchema.optional(),
  /** Support days for `sit budget`: see BudgetSchema. */
  budget: BudgetSchema.optional(),
};

export const PolicySchema = z
  .strictObject(PolicyShape)
  .superRefine((policy, ctx) => checkPolicy(policy as Policy, ctx));
export type Policy = z.output<z.ZodObject<typeof PolicyShape>>;

/**
 * Names a policy output field cannot take: the placement's own fields in JSON, CSV and `sit
 * explain --format json` (a field named `tier` would replace the tier and double the column).
 */
export const RESERVED_FIELD_NAMES = [
  'urn',
  'name',
  'tier',
  'label',
  'days',
  'days_text',
  'reasons',
  'reason',
  'missing',
  'override',
  'phase',
  'trust',
  'policy',
  'as_of',
  'tiers',
] as const;

/** Checks the schema alone cannot: one default tier, unique ids, thresholds that exist. */
export function checkPolicy(policy: Policy, ctx: z.RefinementCtx): void {
  const defaults = policy.tiers.filter((t) => t.default);
  if (defaults.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['tiers'],
      message: `exactly one tier needs "default: true" (found ${defaults.length})`,
    });
  } else if (policy.tiers[policy.tiers.length - 1] !== defaults[0]) {
    ctx.addIssue({
      code: 'custom',
      path: ['tiers'],
      message: `the default tier "${defaults[0].id}" must be listed last: tiers after it could never be reached`,
    });
  }
  const ids = new Set<string>();
  policy.tiers.forEach((tier, i) => {
    if (ids.has(tier.id))
      ctx.addIssue({ code: 'custom', path: ['tiers', i, 'id'], message: `tier id "${tier.id}" is used twice` });
    ids.add(tier.id);
  });
  checkLanguage(policy, ctx);
  checkCalendar(policy.calendar, ids, ctx);
  policy.calendar?.activities.forEach((a, i) => {
    if (a.when === undefined) return;
    const parsed = ConditionSchema.safeParse(a.when);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        ctx.addIssue({
          code: 'custom',
          path: [
            'calendar',
            'activities',
            i,
            'when',
            ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          ],
          message: issue.message,
        });
  });
  for (const id of Object.keys(policy.budget?.tiers ?? {})) {
    if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['budget', 'tiers', id], message: `no tier "${id}"` });
  }
  for (const [name, values] of Object.entries(policy.fields)) {
    if ((RESERVED_FIELD_NAMES as readonly string[]).includes(name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields', name],
        message: `an output field cannot be named "${name}": every placement already has a ${name} of its own; choose another name, e.g. "support_${name}"`,
      });
    }
    values.forEach((value, i) => {
      value.tiers?.forEach((id) => {
        if (!ids.has(id))
          ctx.addIssue({ code: 'custom', path: ['fields', name, i, 'tiers'], message: `no tier "${id}"` });
      });
    });
  }
}
