// A school record: the canonical fields of SPEC section 3, checked by one zod schema built from
// the field table, plus every column the file had that we do not know (carried through).
import { z } from 'zod';
import { FIELDS, HEADER_INDEX, PARSERS, type FieldValue } from './fields.js';
import { fold } from './values.js';

export interface SchoolRecord {
  /** Line in the source file, for messages. */
  line: number;
  urn: number;
  name: string;
  fields: Record<string, FieldValue>;
  /** Columns that are not canonical fields, by their header as written. */
  extra: Record<string, string>;
}

export interface DataProblem {
  line: number;
  /** The header as the file wrote it, when the problem is in one cell. */
  column?: string;
  message: string;
}

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
      ctx.addIssue({ code: 'custom', path: ['override_reason'], message: 'a reason for the override_tier (an override without a reason is not accepted)' });
    }
  });

export type SchoolRow = z.output<typeof SchoolRowSchema>;

export interface ColumnMap {
  /** For each column of the file: the canonical field it fills, or null (carried as extra). */
  fieldOf: (string | null)[];
  headers: string[];
}

/** Headers match case-insensitively, ignoring spaces, hyphens and underscores; the first wins. */
export function mapColumns(headers: string[]): ColumnMap {
  const taken = new Set<string>();
  const exact = new Set(FIELDS.filter((d) => headers.some((h) => fold(h) === fold(d.name))).map((d) => d.name));
  const fieldOf = headers.map((header) => {
    const field = HEADER_INDEX.get(fold(header));
    if (!field || taken.has(field)) return null;
    // An alias does not take a field that another column names exactly.
    const isExact = fold(field) === fold(header);
    if (!isExact && exact.has(field)) return null;
    taken.add(field);
    return field;
  });
  return { fieldOf, headers };
}

export function isHeaderRow(cells: string[]): boolean {
  return cells.some((c) => HEADER_INDEX.get(fold(c)) === 'urn');
}

export interface SchoolsResult {
  schools: SchoolRecord[];
  problems: DataProblem[];
  columns: ColumnMap;
}

/** Turns text rows into school records, collecting every problem rather than stopping at one. */
export function toSchools(headers: string[], rows: { line: number; cells: string[] }[]): SchoolsResult {
  const columns = mapColumns(headers);
  const schools: SchoolRecord[] = [];
  const problems: DataProblem[] = [];
  const seen = new Map<number, number>();
  const headerOf = (field: string) => headers[columns.fieldOf.indexOf(field)] ?? field;

  for (const row of rows) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    if (row.cells.length > headers.length && row.cells.slice(headers.length).some((c) => c.trim() !== '')) {
      problems.push({ line: row.line, message: `has ${row.cells.length} values but the header has ${headers.length} columns (a stray separator or an unquoted comma?)` });
      continue;
    }
    const input: Record<string, string> = {};
    const extra: Record<string, string> = {};
    columns.fieldOf.forEach((field, i) => {
      const value = row.cells[i] ?? '';
      if (field) input[field] = value;
      else if (headers[i] !== '' || value !== '') extra[headers[i]] = value;
    });
    const parsed = SchoolRowSchema.safeParse(input);
    if (!parsed.success) {
      // In the order the columns stand in the file, as a person reads the row.
      const issues = [...parsed.error.issues].sort((a, b) => columns.fieldOf.indexOf(String(a.path[0])) - columns.fieldOf.indexOf(String(b.path[0])));
      for (const issue of issues) {
        const field = String(issue.path[0] ?? '');
        const raw = input[field];
        const got = raw === undefined || raw.trim() === '' ? 'it is blank' : `got "${raw}"`;
        problems.push({ line: row.line, column: headerOf(field), message: `expected ${issue.message}, ${got}` });
      }
      continue;
    }
    const fields = parsed.data as Record<string, FieldValue>;
    const urn = fields.urn as number;
    const firstLine = seen.get(urn);
    if (firstLine !== undefined) {
      problems.push({ line: row.line, column: headerOf('urn'), message: `URN ${urn} appears twice (first on line ${firstLine}); each school needs one row` });
      continue;
    }
    seen.set(urn, row.line);
    schools.push({ line: row.line, urn, name: fields.name as string, fields, extra });
  }
  return { schools, problems, columns };
}

export function formatProblem(file: string, problem: DataProblem): string {
  const column = problem.column ? ` column "${problem.column}":` : '';
  return `${file}:${problem.line}:${column} ${problem.message}`;
}
