// A published-file layout as data (layouts/*.yaml, embedded at build time): the zod schema every
// layout file is checked by, and the step from a checked file to the Layout the reader applies.
// A value worked out per row is a small rule (`if` a condition, `value` one value, `otherwise` another),
// so a new published layout is a YAML file, with no code.
import { z } from 'zod';
import { FIELD_BY_NAME } from '../core/fields.js';

const column = z.string().min(1);

/** A value: a column of the row, or a fixed text; `detail` adds another column in brackets when it says more. */
const ValueSchema = z.union([
  z.strictObject({ column, detail: column.optional() }),
  z.strictObject({ text: z.string() }),
]);
type Value = z.infer<typeof ValueSchema>;

/** `event: ungraded` (the row's latest event gave no grade; see `ungraded_event`), `held`: any of these columns holds a value, `any`: one of these. */
type Condition = { event: 'ungraded' | 'graded' } | { held: string[] } | { any: Condition[] };
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
 * A column of the published file, or a value computed per row: the first of `firstOf` that holds
 * anything but blank or NULL (a no-value word such as "Not judged" counts as holding, and stops
 * the search), converted; or a value worked out from the whole row (`row`), used when any of the
 * columns it reads (`from`) is in the file.
 */
export type Source =
  | string
  | { firstOf: string[]; convert?: 'complement100' | 'ungraded-outcome' }
  | { from: string[]; row: (get: (header: string) => string) => string; how: string };

export interface Layout {
  id: string;
  label: string;
  /** Headers (as published) that must all be present for the layout to be recognised. */
  requires: string[];
  /** Headers whose presence rules the layout out (tells the Ofsted eras apart). */
  excludes?: string[];
  /** Canonical field -> the published column(s) that fill it; the first column present wins. */
  fields: Record<string, Source | Source[]>;
  /** Where a file has no inspection data: said when a policy needs it. */
  hint?: string;
  /** A preset that can place every school from this file's public data alone (used with no config). */
  publicPreset?: string;
  /** Fields a school may still need from this file, and the published file that supplies them (--with). */
  supplies?: Record<string, string>;
}

export const held = (raw: string | undefined) =>
  raw !== undefined && raw.trim() !== '' && raw.trim().toUpperCase() !== 'NULL';
/** A judgement 1-4 (as Ofsted or pandas writes it) or its word; "Not judged" and 9 are not. */
const isGrade = (raw: string) =>
  /^\s*([1-4](\.0+)?|outstanding|good|requires improvement|inadequate|ri)\s*$/i.test(raw);
const isYes = (raw: string) => /^\s*(yes|y|true)\s*$/i.test(raw);

type Get = (header: string) => string;

/** The layout a checked file describes: each rule made a function of the row. */
export function layoutOf(file: LayoutFile): Layout {
  const event = file.ungraded_event;
  // Ungraded: the latest event did not convert to a graded inspection and gave no grade.
  const ungraded = (get: Get) => !!event && !isYes(get(event.converted)) && !event.grades.some((h) => isGrade(get(h)));
  const holds = (condition: Condition, get: Get): boolean =>
    'event' in condition
      ? ungraded(get) === (condition.event === 'ungraded')
      : 'held' in condition
        ? condition.held.some((h) => held(get(h)))
        : condition.any.some((c) => holds(c, get));
  const value = (v: Value, get: Get): string => {
    if ('text' in v) return v.text;
    if (v.detail === undefined) return get(v.column);
    const [main, detail] = [get(v.column).trim(), get(v.detail).trim()];
    return held(detail) && detail !== main ? `${main} (${detail})` : main;
  };
  const source = (s: z.infer<typeof SourceSchema>): Source => {
    if (typeof s === 'string') return s;
    if ('first_of' in s) return s.convert ? { firstOf: s.first_of, convert: s.convert } : { firstOf: s.first_of };
    const otherwise: Value = s.otherwise ?? { text: '' };
    const condition = s.if;
    return {
      from: s.from,
      how: s.how,
      row: (get) => (condition === undefined || holds(condition, get) ? value(s.value, get) : value(otherwise, get)),
    };
  };
  return {
    id: file.id,
    label: file.label,
    requires: file.requires,
    ...(file.excludes ? { excludes: file.excludes } : {}),
    fields: Object.fromEntries(
      Object.entries(file.fields).map(([field, spec]) => [
        field,
        Array.isArray(spec) ? spec.map(source) : source(spec),
      ]),
    ),
    ...(file.hint ? { hint: file.hint } : {}),
    ...(file.public_preset ? { publicPreset: file.public_preset } : {}),
    ...(file.supplies ? { supplies: file.supplies } : {}),
  };
}

/** Every layout file checked, in their order; a file that breaks the schema is sit's own bug (each is tested). */
export function layoutsOf(files: { file: string; data: unknown }[]): Layout[] {
  const checked = files.map(({ file, data }) => {
    const parsed = LayoutFileSchema.safeParse(data);
    if (!parsed.success)
      throw new Error(
        `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'layout'}: ${i.message}`).join('; ')}`,
      );
    return parsed.data;
  });
  return checked.sort((a, b) => a.order - b.order).map(layoutOf);
}
