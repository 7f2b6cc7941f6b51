// A published-file layout as data (layouts/*.yaml, embedded at build time): the zod schema every
// layout file is checked by, when sit is built (scripts/layout-files.mjs) and in the tests; layout.ts
// makes a checked file the Layout the reader applies. A value worked out per row is a small rule
// (`if` a condition, `value` one value, `otherwise` another), so a new published layout is a YAML
// file, with no code.
import * as z from 'zod';
import { FIELD_BY_NAME } from '../core/fields.js';
import { type Layout, layoutOf } from './layout.js';

const column = z.string().min(1);

/** A value: a column of the row, or a fixed text; `detail` adds another column in brackets when it says more. */
const ValueSchema = z.union([
  z.strictObject({ column, detail: column.optional() }),
  z.strictObject({ text: z.string() }),
]);
export type Value = z.infer<typeof ValueSchema>;

/** `event: ungraded` (the row's latest event gave no grade; see `ungraded_event`), `held`: any of these columns holds a value, `any`: one of these. */
export type Condition = { event: 'ungraded' | 'graded' } | { held: string[] } | { any: Condition[] };
const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ event: z.enum(['ungraded', 'graded']) }),
    z.strictObject({ held: z.array(column).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
  ]),
);

const RuleSchema = z.strictObject({
  /** The columns it reads: the rule applies when any of them is in the file. */
  from: z.array(column).min(1),
  /** How the value is made, in words (the header of the column it adds). */
  how: z.string().min(1),
  if: ConditionSchema.optional(),
  value: ValueSchema,
  otherwise: ValueSchema.optional(),
});

const FirstOfSchema = z.strictObject({
  first_of: z.array(column).min(1),
  convert: z.enum(['complement100', 'ungraded-outcome']).optional(),
});

const SourceSchema = z.union([column, FirstOfSchema, RuleSchema]);

export const LayoutFileSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
    /** Layouts are tried in this order; the first whose headers match is the file's. */
    order: z.number().int(),
    label: z.string().min(1),
    requires: z.array(column).min(1),
    excludes: z.array(column).optional(),
    public_preset: z.string().min(1).optional(),
    hint: z.string().min(1).optional(),
    ungraded_event: z.strictObject({ converted: column, grades: z.array(column).min(1) }).optional(),
    fields: z.record(z.string(), z.union([SourceSchema, z.array(SourceSchema).min(1)])),
    supplies: z.record(z.string(), z.string().min(1)).optional(),
  })
  .superRefine((layout, ctx) => {
    for (const field of [...Object.keys(layout.fields), ...Object.keys(layout.supplies ?? {})])
      if (!FIELD_BY_NAME.has(field))
        ctx.addIssue({ code: 'custom', path: ['fields', field], message: `${field} is not a field of SPEC section 3` });
    if (!layout.ungraded_event && JSON.stringify(layout.fields).includes('"event":'))
      ctx.addIssue({
        code: 'custom',
        path: ['ungraded_event'],
        message: 'a rule uses event: say how an ungraded event is known',
      });
  });

export type LayoutFile = z.infer<typeof LayoutFileSchema>;

/**
 * Each layout file checked, in their order; a file that breaks the schema is sit's own bug (each is
 * tested). The build embeds them so (scripts/layout-files.mjs): sit itself checks none.
 */
export function checkedLayoutFiles(files: { file: string; data: unknown }[]): { file: string; data: LayoutFile }[] {
  const checked = files.map(({ file, data }) => {
    const parsed = LayoutFileSchema.safeParse(data);
    if (!parsed.success)
      throw new Error(
        `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'layout'}: ${i.message}`).join('; ')}`,
      );
    return { file, data: parsed.data };
  });
  return checked.sort((a, b) => a.data.order - b.data.order);
}

/** Every layout file checked, in their order, each made a Layout. */
export const layoutsOf = (files: { file: string; data: unknown }[]): Layout[] =>
  checkedLayoutFiles(files).map(({ data }) => layoutOf(data));
