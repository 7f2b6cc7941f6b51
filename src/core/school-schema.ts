// The zod schema of record for a school row, built from the field table: the reference that
// school.ts's checkRow is held to (a property test). Apart from school.ts, so that reading and
// placing schools does not load zod.
import * as z from 'zod';
import { FIELDS, PARSERS, type FieldValue } from './fields.js';
import type { RowCheck } from './school.js';

const cell = (parse: (raw: string) => ReturnType<(typeof PARSERS)[keyof typeof PARSERS]>) =>
  z
    .string()
    .optional()
    .transform((raw, ctx): FieldValue => {
      if (raw === undefined) return null;
      const parsed = parse(raw);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.expected });
        return z.NEVER;
      }
      return parsed.value as FieldValue;
    });

/** The row schema: every canonical field optional in the file, urn and name required in the row. */
export const SchoolRowSchema = z
  .object(Object.fromEntries(FIELDS.map((def) => [def.name, cell(PARSERS[def.kind])])))
  .superRefine((row, ctx) => {
    if (row.urn === null) ctx.addIssue({ code: 'custom', path: ['urn'], message: 'a URN (required)' });
    if (row.name === null) ctx.addIssue({ code: 'custom', path: ['name'], message: 'a school name (required)' });
    if (row.override_tier !== null && row.override_reason === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['override_reason'],
        message: 'a reason for the override_tier (an override without a reason is not accepted)',
      });
    }
  });

/** The zod schema of record applied to one row's canonical cells (the reference for checkRow). */
export function checkRowWithSchema(input: Record<string, string>): RowCheck {
  const parsed = SchoolRowSchema.safeParse(input);
  if (parsed.success) return { ok: true, fields: parsed.data as Record<string, FieldValue> };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message })),
  };
}
