// The policy format: ordered tiers with rules over a school's fields and derived facts. A policy
// is data (a preset YAML file or a trust's trust.config.yaml); this zod schema is its definition.
import * as z from 'zod';
import { CalendarSchema, checkCalendar } from './calendar-schema.js';
import { DEFAULT_TERM_WEEKS } from './terms.js';
import { checkLanguage } from './policy-check.js';
import { ConditionSchema, ExprSchema, name } from './condition-schema.js';

export {
  ConditionSchema,
  ExprObjectSchema,
  ExprSchema,
  LeafSchema,
  type Condition,
  type Count,
  type Expr,
  type Leaf,
  type Use,
} from './condition-schema.js';

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
    /**
     * Chosen by school data as well as tier: a policy condition on the school as placed, e.g.
     * `{ value: route, is: trust }` or `{ field: pupils, lt: 210 }` (core/choose.ts).
     */
    when: ConditionSchema.optional(),
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
  term_weeks: z.array(z.number().positive()).length(6).default(DEFAULT_TERM_WEEKS),
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
