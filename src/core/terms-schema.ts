// The schema of `terms:` in trust.config.yaml (and of the shipped default terms, checked by it when
// sit is built): apart from terms.ts's school-day arithmetic, so that a run on shipped data loads
// no zod (start-up, SPEC section 8).
import * as z from 'zod';
import { parseDate } from './values.js';
import { academicYearName, academicYearOf } from './dates.js';

/** An ISO or UK (day-first) date, kept as YYYY-MM-DD. */
const DateSchema = z.union([z.string(), z.number()]).transform((raw, ctx) => {
  const parsed = parseDate(String(raw));
  if (!parsed.ok || parsed.value === null) {
    ctx.addIssue({ code: 'custom', message: `expected a date as YYYY-MM-DD or DD/MM/YYYY, got "${raw}"` });
    return z.NEVER;
  }
  return parsed.value;
});

export const TermsSchema = z
  .strictObject({
    /** The academic year, e.g. 2026/27; taken from the first term's start when absent. */
    year: z
      .string()
      .regex(/^\d{4}\/\d{2}$/, 'an academic year such as 2026/27')
      .optional(),
    /** Where the dates come from (the local authority's published dates, say). */
    source: z.string().optional(),
    dates: z.array(z.strictObject({ name: z.string().min(1).optional(), start: DateSchema, end: DateSchema })),
    closures: z.array(z.strictObject({ date: DateSchema, name: z.string().min(1) })).default([]),
  })
  .superRefine((terms, ctx) => {
    if (terms.dates.length !== 6) {
      ctx.addIssue({
        code: 'custom',
        path: ['dates'],
        message: `expected six terms (Autumn 1 to Summer 2), found ${terms.dates.length}`,
      });
      return;
    }
    terms.dates.forEach((term, i) => {
      if (term.start > term.end)
        ctx.addIssue({
          code: 'custom',
          path: ['dates', i, 'end'],
          message: `term ${i + 1} ends (${term.end}) before it starts (${term.start})`,
        });
      const previous = terms.dates[i - 1];
      if (previous && term.start <= previous.end) {
        ctx.addIssue({
          code: 'custom',
          path: ['dates', i, 'start'],
          message: `term ${i + 1} starts (${term.start}) before term ${i} ends (${previous.end}): terms must be in order and not overlap`,
        });
      }
    });
    const first = terms.dates[0].start;
    const last = terms.dates[5].end;
    const year = academicYearOf(first);
    if (academicYearOf(last) !== year) {
      ctx.addIssue({
        code: 'custom',
        path: ['dates', 5, 'end'],
        message: `term 6 ends (${last}) in another academic year than term 1 starts (${first}, ${academicYearName(year)})`,
      });
    }
    if (terms.year !== undefined && terms.year !== academicYearName(year)) {
      ctx.addIssue({
        code: 'custom',
        path: ['year'],
        message: `the year is ${terms.year} but term 1 starts on ${first}, in ${academicYearName(year)}`,
      });
    }
    terms.closures.forEach((closure, i) => {
      if (closure.date < first || closure.date > last) {
        ctx.addIssue({
          code: 'custom',
          path: ['closures', i, 'date'],
          message: `${closure.date} (${closure.name}) is outside the year's terms (${first} to ${last})`,
        });
      }
    });
  });

export type TermsConfig = z.output<typeof TermsSchema>;
