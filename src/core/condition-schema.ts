// The rule language's conditions and expressions: the one schema every condition of a policy
// is written in (tier rules, output fields, definitions, activities' and budget items' `when:`).
// Its own file so that core/calendar.ts and core/policy.ts both use it without importing each other.
import * as z from 'zod';

export const NAME = /^[a-z0-9_]+$/;
export const name = z.string().regex(NAME, 'a name of lower-case letters, digits and underscores');

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
