// The rows of a small record file (the visit log, tier changes, targets) read against its zod row
// schema: every problem at once, each on its file line and under the header as the file wrote it.
// Pure. The school data has its own road (school.ts), built for files of any size.
import * as z from 'zod';
import type { DataProblem } from './school.js';
import type { Parsed } from './values.js';

/** A cell parsed by one of the school data's parsers; `required` says what a blank one should have held. */
export const parsedCell = <T>(parse: (raw: string) => Parsed<T>, required?: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx): T | null => {
      const parsed = parse(raw ?? '');
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.expected });
        return z.NEVER;
      }
      if (parsed.value === null && required) {
        ctx.addIssue({ code: 'custom', message: required });
        return z.NEVER;
      }
      return parsed.value;
    });

/**
 * Each row's cells, by the column the header map `at` gives them, through `schema`. A row with
 * every cell blank is skipped (Excel leaves them). `cellText` is how a cell was typed, before parsing.
 */
export function recordRows<C extends string, T>(
  headers: string[],
  rows: { line: number; cells: string[] }[],
  at: ReadonlyMap<C, number>,
  schema: z.ZodType<T, Partial<Record<C, string>>>,
  cellText: (cell: string) => string = (cell) => cell,
): { records: { line: number; row: T }[]; problems: DataProblem[] } {
  const records: { line: number; row: T }[] = [];
  const problems: DataProblem[] = [];
  for (const { line, cells } of rows) {
    if (cells.every((c) => c.trim() === '')) continue;
    const input: Partial<Record<C, string>> = {};
    for (const [column, i] of at) input[column] = cellText(cells[i] ?? ''); // a short row's missing cells are blank
    const parsed = schema.safeParse(input);
    if (parsed.success) {
      records.push({ line, row: parsed.data });
      continue;
    }
    for (const issue of parsed.error.issues) {
      const column = String(issue.path[0] ?? '');
      const i = at.get(column as C);
      problems.push({ line, column: i === undefined ? column : headers[i], message: `expected ${issue.message}` });
    }
  }
  return { records, problems };
}

/** A problem on the header line for each required column the file lacks; `needs` says what a file of its kind needs. */
export function missingColumns(
  at: ReadonlyMap<string, number>,
  required: readonly string[],
  headerLine: number,
  needs: string,
): DataProblem[] {
  return required
    .filter((c) => !at.has(c))
    .map((column) => ({ line: headerLine, message: `no ${column} column; ${needs}` }));
}
