// A school record: the canonical fields of SPEC section 3, checked as the zod schema built from the
// field table checks them (school-schema.ts), plus every column the file had that we do not know
// (carried through).
import { FIELDS, HEADER_INDEX, PARSERS, QUICK_PARSERS, type FieldKind, type FieldValue } from './fields.js';
import { fold, remembered, type Parsed } from './values.js';
import { quoted } from './visible.js';

export interface SchoolRecord {
  /** Line in the source file, for messages. */
  line: number;
  urn: number;
  name: string;
  fields: Record<string, FieldValue>;
  /** Columns that are not canonical fields, by their header as written. */
  extra: Record<string, string>;
}

/** A carried-through column's header as the file wrote it, found as headers are matched (case and spacing folded). */
export function extraKey(extra: Record<string, string>, name: string): string | undefined {
  const wanted = fold(name);
  return Object.keys(extra).find((k) => fold(k) === wanted);
}

/** A carried-through column's value, trimmed; null when the column is absent or blank. */
export function extraValue(extra: Record<string, string>, name: string): string | null {
  const key = extraKey(extra, name);
  const value = key === undefined ? '' : extra[key].trim();
  return value === '' ? null : value;
}

export interface DataProblem {
  line: number;
  /** The header as the file wrote it, when the problem is in one cell. */
  column?: string;
  message: string;
}

export interface ColumnMap {
  /** For each column of the file: the canonical field it fills, or null (carried as extra). */
  fieldOf: (string | null)[];
  headers: string[];
  /** Pairs of columns that would fill the same field (a data error: which one is meant?). */
  clashes?: { field: string; first: string; second: string }[];
}

/**
 * Headers match case-insensitively, ignoring spaces, hyphens and underscores. Two columns that
 * fill the same field ("Ofsted Overall" beside ofsted_overall, two urn) are recorded as a clash;
 * an alias beside a column that names the field exactly stays an extra column.
 */
export function mapColumns(headers: string[], forced?: (string | null)[]): ColumnMap {
  // A recognised layout (io/layouts.ts) may fix some columns; the rest match as usual.
  const taken = new Set<string>((forced ?? []).filter((f): f is string => !!f));
  const exact = new Set(FIELDS.filter((d) => headers.some((h) => fold(h) === fold(d.name))).map((d) => d.name));
  const takenBy = new Map<string, string>();
  const clashes: { field: string; first: string; second: string }[] = [];
  const fieldOf = headers.map((header, i) => {
    if (forced?.[i]) return forced[i];
    const field = HEADER_INDEX.get(fold(header));
    if (!field) return null;
    // An alias does not take a field that another column names exactly.
    const isExact = fold(field) === fold(header);
    if (!isExact && exact.has(field)) return null;
    if (taken.has(field)) {
      const first = takenBy.get(field);
      if (first !== undefined) clashes.push({ field, first, second: header });
      return null;
    }
    taken.add(field);
    takenBy.set(field, header);
    return field;
  });
  return clashes.length ? { fieldOf, headers, clashes } : { fieldOf, headers };
}

/** The clashes of a column map as problems on the header line. */
export function clashProblems(columns: ColumnMap, headerLine: number): DataProblem[] {
  return (columns.clashes ?? []).map((c) => ({
    line: headerLine,
    message: `columns "${c.first}" and "${c.second}" both fill ${c.field}; keep one of them (or rename the other)`,
  }));
}

export function isHeaderRow(cells: string[]): boolean {
  return cells.some((c) => HEADER_INDEX.get(fold(c)) === 'urn');
}

export interface SchoolsResult {
  schools: SchoolRecord[];
  problems: DataProblem[];
  columns: ColumnMap;
}

/** A problem in one row before it is located: the field and what was expected. */
export interface RowIssue {
  field: string;
  message: string;
}

export type RowCheck = { ok: true; fields: Record<string, FieldValue> } | { ok: false; issues: RowIssue[] };

// The kinds whose columns hold a few values in row after row: each kind's parser remembers the
// texts it has read (values.ts remembered), shared by the fields of that kind. Not names, URNs,
// free text or dates, which mostly differ from row to row.
const FEW_VALUES = new Set<FieldKind>([
  'phase',
  'grade',
  'category',
  'rcGrade',
  'met',
  'percent',
  'number',
  'count',
  'capacity',
  'yesNo',
]);
const REMEMBERED = new Map<FieldKind, (raw: string) => Parsed<unknown>>();
const parserOf = (kind: FieldKind) => {
  if (!FEW_VALUES.has(kind)) return PARSERS[kind];
  let parse = REMEMBERED.get(kind);
  if (!parse) REMEMBERED.set(kind, (parse = remembered(PARSERS[kind])));
  return parse;
};
const CELL_PARSERS = FIELDS.map((def) => [def.name, parserOf(def.kind)] as const);
/** The field table's names and their parsers, apart: cellsChecker reads them by index. */
const FIELD_NAMES = CELL_PARSERS.map(([name]) => name);
const FIELD_PARSERS = CELL_PARSERS.map(([, parse]) => parse);
/** Before the parser, for the kinds that have one: the common text read at once (fields.ts QUICK_PARSERS). */
const FIELD_QUICK = FIELDS.map((def) => QUICK_PARSERS[def.kind]);

/**
 * The same checks as SchoolRowSchema (school-schema.ts), derived from the same field table, without zod's per-row
 * cost (a property test holds the two to identical results): each cell's parser in field order,
 * then the row rules only when every cell parsed, as zod runs refinements.
 */
export function checkRow(get: (field: string) => string | undefined): RowCheck {
  const cells = CELL_PARSERS.map(([name]) => get(name));
  return cellsChecker(cells.map((cell, i) => (cell === undefined ? -1 : i)))(cells);
}

/**
 * A reader of one canonical field of a school's fields (null when blank), made from the table as
 * cellsChecker makes a row's fields: a rule reads a field for every school it places, and a reader made for its own
 * field finds it at once, where one reader of any field by its name looked the name up each time.
 */
export function fieldsReaderOf(name: string): (fields: Record<string, FieldValue>) => FieldValue {
  return readerOf(name, 'f');
}

/** fieldsReaderOf for the school record itself. */
export function fieldReaderOf(name: string): (school: SchoolRecord) => FieldValue {
  return readerOf(name, 's');
}

type Reader = (from: never) => FieldValue;
const READERS = { f: new Map<string, Reader>(), s: new Map<string, Reader>() };
function readerOf<T>(name: string, of: 'f' | 's'): (from: T) => FieldValue {
  let read = READERS[of].get(name);
  if (read === undefined) {
    const fields = of === 'f' ? 'o' : 'o.fields';
    read = new Function('o', `return ${fields}[${JSON.stringify(name)}] ?? null;`) as Reader;
    READERS[of].set(name, read);
  }
  return read as unknown as (from: T) => FieldValue;
}

/** The row rules, run only when every cell parsed, as zod runs refinements. */
function rowRules(fields: Record<string, FieldValue>): RowCheck {
  let issues: RowIssue[] | null = null;
  if (fields.urn === null) (issues ??= []).push({ field: 'urn', message: 'a URN (required)' });
  if (fields.name === null) (issues ??= []).push({ field: 'name', message: 'a school name (required)' });
  if (fields.override_tier !== null && fields.override_reason === null) {
    (issues ??= []).push({
      field: 'override_reason',
      message: 'a reason for the override_tier (an override without a reason is not accepted)',
    });
  }
  return issues ? { ok: false, issues } : { ok: true, fields };
}

type CellsCheck = (cells: readonly (string | undefined)[]) => RowCheck;
/** The checkers made so far, by where the cells stand (a file has one layout; checkRow's few). */
const CHECKERS = new Map<string, CellsCheck>();
const CHECKERS_KEPT = 100;

/**
 * checkRow on a row's cells, as a function made for where the row's cells stand: `cellAt[i]` is
 * the cell that fills the field table's i-th field (-1: no column, so null; past the row's end: a
 * blank cell). Written out field by field, each field's quick reader and parser called from a
 * place of its own (one loop calling every parser from one place was a fifth of reading a large
 * file), and the row's fields made as one object literal naming every field, so every row's
 * object has one shape and the same key order (the order JSON output shows them in).
 */
function cellsChecker(cellAt: ArrayLike<number>): CellsCheck {
  const key = Array.from(cellAt).join(',');
  let check = CHECKERS.get(key);
  if (check === undefined) {
    const steps: string[] = [];
    for (let i = 0; i < FIELD_PARSERS.length; i++) {
      const at = cellAt[i];
      if (at < 0) {
        steps.push(`const v${i} = null;`);
        continue;
      }
      steps.push(
        `const c${i} = cells[${at}] ?? '';`,
        `let v${i} = ${FIELD_QUICK[i] !== undefined ? `q${i}(c${i})` : 'undefined'};`,
        `if (v${i} === undefined) { const p = p${i}(c${i}); if (p.ok) v${i} = p.value; else (issues ??= []).push({ field: ${JSON.stringify(FIELD_NAMES[i])}, message: p.expected }); }`,
      );
    }
    // Each reader and parser a constant of its own: a call site that only ever calls one function.
    const bound = FIELD_PARSERS.map((_, i) => `const q${i} = Q[${i}], p${i} = P[${i}];`).join(' ');
    const fields = FIELD_NAMES.map((name, i) => `${JSON.stringify(name)}: v${i}`).join(', ');
    const made = new Function(
      'Q',
      'P',
      'rowRules',
      `${bound} return (cells) => { let issues = null; ${steps.join(' ')} if (issues) return { ok: false, issues }; return rowRules({${fields}}); };`,
    ) as (quick: typeof FIELD_QUICK, parsers: typeof FIELD_PARSERS, rules: typeof rowRules) => CellsCheck;
    check = made(FIELD_QUICK, FIELD_PARSERS, rowRules);
    if (CHECKERS.size < CHECKERS_KEPT) CHECKERS.set(key, check);
  }
  return check;
}

/** A row's outcome: a school, the problems in it, or null for a blank row. */
export type RowOutcome =
  | { school: SchoolRecord; problems?: undefined }
  | { school?: undefined; problems: DataProblem[] }
  | null;

/** For each field of the table, in its order, the file's column that fills it (-1 for none). */
const columnOfField = new WeakMap<
  ColumnMap,
  { at: Map<string, number>; check: CellsCheck; extrasOf: (cells: string[]) => Record<string, string> }
>();

/**
 * A row's carried-through columns as one object: by one object literal made for the file's
 * headers, when every such column has a header (an Ofsted file carries sixty, and storing each by
 * its name was a fifth of reading one); by a loop otherwise (a column with no header is carried
 * only where it holds a value). The same keys, values and order either way: a header written twice
 * keeps its first place and its last value, in a literal as in the loop. The headers are quoted by
 * JSON.stringify, so a header is only ever a string.
 */
function extrasReader(headers: string[], extras: number[]): (cells: string[]) => Record<string, string> {
  if (extras.every((i) => headers[i] !== ''))
    return new Function(
      'c',
      `return {${extras.map((i) => `${JSON.stringify(headers[i])}: c[${i}] ?? ''`).join(', ')}};`,
    ) as (cells: string[]) => Record<string, string>;
  return (cells) => {
    const extra: Record<string, string> = {};
    for (const i of extras) {
      const value = cells[i] ?? '';
      if (headers[i] !== '' || value !== '') extra[headers[i]] = value;
    }
    return extra;
  };
}

/**
 * One row of cells to a school record or its problems: the one conversion of a row. Duplicate
 * URNs need the rows before, so schoolRowChecker checks them.
 */
export function schoolFromRow(columns: ColumnMap, row: { line: number; cells: string[] }): RowOutcome {
  const { headers, fieldOf } = columns;
  const cells = row.cells;
  let blank = true;
  for (const c of cells)
    if (c !== '' && c.trim() !== '') {
      blank = false;
      break;
    }
  if (blank) return null;
  if (cells.length > headers.length && cells.slice(headers.length).some((c) => c.trim() !== '')) {
    return {
      problems: [
        {
          line: row.line,
          message: `has ${cells.length} values but the header has ${headers.length} columns (a stray separator or an unquoted comma?)`,
        },
      ],
    };
  }
  let index = columnOfField.get(columns);
  if (!index) {
    const at = new Map<string, number>();
    fieldOf.forEach((field, i) => {
      if (field) at.set(field, i);
    });
    const extras = [...fieldOf.keys()].filter((i) => !fieldOf[i]);
    index = {
      at,
      check: cellsChecker(Int32Array.from(CELL_PARSERS, ([name]) => at.get(name) ?? -1)),
      extrasOf: extrasReader(headers, extras),
    };
    columnOfField.set(columns, index);
  }
  const { at, check, extrasOf } = index;
  const checked = check(cells);
  if (!checked.ok) {
    // In the order the columns stand in the file, as a person reads the row.
    const issues = [...checked.issues].sort((a, b) => fieldOf.indexOf(a.field) - fieldOf.indexOf(b.field));
    return {
      problems: issues.map((issue) => {
        const i = at.get(issue.field);
        const raw = i === undefined ? undefined : (cells[i] ?? '');
        const got = raw === undefined || raw.trim() === '' ? 'it is blank' : `got ${quoted(raw)}`;
        return {
          line: row.line,
          column: headers[fieldOf.indexOf(issue.field)] ?? issue.field,
          message: `expected ${issue.message}, ${got}`,
        };
      }),
    };
  }
  const extra = extrasOf(cells);
  const fields = checked.fields;
  return { school: { line: row.line, urn: fields.urn as number, name: fields.name as string, fields, extra } };
}

export function duplicateUrn(columns: ColumnMap, line: number, urn: number, firstLine: number): DataProblem {
  return {
    line,
    column: columns.headers[columns.fieldOf.indexOf('urn')] ?? 'urn',
    message: `URN ${urn} appears twice (first on line ${firstLine}); each school needs one row`,
  };
}

/**
 * The line each URN was first seen on (0: not yet). URNs are 6 digits (100000-999999): in arrays
 * of lines, a block of 65,536 URNs each made when a URN in it first comes, so 900,000 schools take
 * 3.6 MB where a map took ten times that, and a small file one block.
 */
class FirstLines {
  private readonly blocks: (Int32Array | undefined)[] = [];

  /** The line `urn` was first seen on, or 0; `line` is recorded when it had none. */
  seen(urn: number, line: number): number {
    const at = urn - 100000;
    const block = (this.blocks[at >>> 16] ??= new Int32Array(1 << 16));
    const first = block[at & 0xffff];
    if (first === 0) block[at & 0xffff] = line;
    return first;
  }
}

/**
 * A row of a school data file checked as it comes: converted (schoolFromRow), its problems added
 * to `problems` in the file's order, a URN seen before a problem; each school it makes handed to
 * `onSchool`. What every reading of school rows does with a row (classify's stream,
 * readSchoolsInto, toSchools), so the checks cannot drift apart.
 */
export function schoolRowChecker(
  columns: ColumnMap,
  problems: DataProblem[],
  onSchool: (school: SchoolRecord) => void,
): (cells: string[], line: number) => void {
  const firstLines = new FirstLines();
  return (cells, line) => {
    const outcome = schoolFromRow(columns, { line, cells });
    if (outcome === null) return;
    if (outcome.problems) {
      problems.push(...outcome.problems);
      return;
    }
    const school = outcome.school;
    const first = firstLines.seen(school.urn, line);
    if (first !== 0) {
      problems.push(duplicateUrn(columns, line, school.urn, first));
      return;
    }
    onSchool(school);
  };
}

/** Turns text rows into school records, collecting every problem rather than stopping at one. */
export function toSchools(
  headers: string[],
  rows: { line: number; cells: string[] }[],
  forced?: (string | null)[],
): SchoolsResult {
  const columns = mapColumns(headers, forced);
  const schools: SchoolRecord[] = [];
  const problems: DataProblem[] = [];
  const check = schoolRowChecker(columns, problems, (school) => schools.push(school));
  for (const row of rows) check(row.cells, row.line);
  return { schools, problems, columns };
}

export function formatProblem(file: string, problem: DataProblem): string {
  const column = problem.column ? ` column "${problem.column}":` : '';
  return `${file}:${problem.line}:${column} ${problem.message}`;
}

/**
 * A file's row problems as a person should read them: no name column at all is one problem on the
 * header line, not one line for each row (a --with file of 2,000 schools).
 */
export function withNameColumnProblem(problems: DataProblem[], columns: ColumnMap, headerLine: number): DataProblem[] {
  const noName = (p: DataProblem) => p.message.startsWith('expected a school name');
  if (columns.fieldOf.includes('name') || !problems.some(noName)) return problems;
  return [
    { line: headerLine, message: 'no name column; name one column "name" (the school\'s name)' },
    ...problems.filter((p) => !noName(p)),
  ];
}
