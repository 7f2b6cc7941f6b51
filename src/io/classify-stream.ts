// `sit classify` to CSV, JSON or Markdown as the file is read: each row from the one reader (read-records.ts)
// is converted by the same schoolFromRow as every other command, joined to the indexed --with
// files, placed by the compiled policy and written in batches, so memory stays bounded whatever
// the size of the file. The output and the problems are those of placing the whole file at once.
// Only the DfE route's trust size needs the whole file: a file is read once more to count it
// first (standard input, which cannot be read twice, is held and placed at the end). While the
// pandas index column is judged only by the first rows (read-schools.ts), the output is held: a
// later row that voids the judgement makes the file be read again, as if nothing had been written.
import { compilePolicy, policyProblems, placeSchool, type Placement } from '../core/classify.js';
import { countTrust, trustSizes, type FactContext } from '../core/facts.js';
import type { JoinConflict, JoinReport, SchoolJoin } from '../core/join.js';
import type { Policy } from '../core/policy.js';
import { usesFact } from '../core/policy-walk.js';
import {
  formatProblem,
  schoolRowChecker,
  withNameColumnProblem,
  type ColumnMap,
  type DataProblem,
  type SchoolRecord,
} from '../core/school.js';
import { dataError } from '../errors.js';
import { csvCellOf, csvLineFrom, toCsv } from './formats/csv.js';
import { markdownFoot, markdownHead, markdownRows } from './formats/markdown.js';
import { jsonArrayEnd, jsonArrayItem } from './formats/json.js';
import type { Layout } from './layouts.js';
import { placementCell, placementJson, placementsTable, tierCountLine } from './placements.js';
import { canReadAgain, StopReading, type DataInput } from './read-records.js';
import { IndexNotSettled, noSchools, readSchoolRows, type ReadOptions, type RowsOptions } from './read-schools.js';
import { contentText, openOutput, type OutputTarget } from './output.js';

/** Output is held back until this much is ready, so a small run with a problem writes nothing. */
const HOLD_BYTES = 1024 * 1024;
/**
 * The most output held while the pandas index may yet be voided (for 22,000 schools, 11 MB of CSV
 * or 15 MB of JSON); past it, the index is judged from the whole file first, so memory stays bounded.
 */
const PROVISIONAL_BYTES = 32 * 1024 * 1024;
/** After that, output is written in pieces of about this size (a write per batch of rows cost more than the rows). */
const WRITE_BYTES = 64 * 1024;
const BATCH = 100;

/** Where output goes; written synchronously (files, and pipes on Linux, are written so by Node). */
export interface Sink {
  /** Text, or UTF-8 bytes (output held while the pandas index was unsettled). */
  write(text: string | Uint8Array): unknown;
}

export interface StreamRequest {
  /** The main file (a path, "-" for standard input, or bytes already read). */
  input: DataInput;
  /** The policy to place by, chosen once the file's layout is known (data-files.ts policyForData). */
  policy: Policy | ((layout: Layout | null) => Policy);
  asOf: string;
  format: string;
  sink: Sink;
  read?: ReadOptions;
  /** The join to the --with files, read whole before the main file (data-files.ts withFilesFirst); none without them. */
  joinTo?: () => SchoolJoin;
  /** What reading the --with files threw: thrown after the main file's own problems. */
  extrasFailed?: { error: unknown } | null;
}

export interface StreamResult {
  /** The summary line (schools per tier). */
  summary: string;
  policy: Policy;
  layout: Layout | null;
  /** For each school that needs data, the fields it needs. */
  missing: (readonly string[])[];
  /** The --with join, for describeJoin. */
  join: { reports: JoinReport[]; conflicts: JoinConflict[] } | null;
}

/** Thrown at the header when the trust sizes must be counted first. */
class CountTrustsFirst extends StopReading {}

const policyOf = (request: StreamRequest, layout: Layout | null) =>
  typeof request.policy === 'function' ? request.policy(layout) : request.policy;

/** Each school of the file, joined, in order; a row's own problem stops the schools (only problems follow). */
async function eachSchool(
  request: StreamRequest,
  read: RowsOptions,
  onHead: (layout: Layout | null, columns: ColumnMap, headerLine: number, provisional: boolean) => void,
  onSchool: (school: SchoolRecord) => void,
): Promise<{
  rowProblems: DataProblem[];
  columns: ColumnMap;
  headerLine: number;
  schools: number;
  join: SchoolJoin | null;
}> {
  const rowProblems: DataProblem[] = [];
  const join = request.joinTo?.() ?? null;
  let columns: ColumnMap = { fieldOf: [], headers: [] };
  let headerLine = 0;
  let schools = 0;
  await readSchoolRows(request.input, { ...read, limit: limitFor(request.input) }, (head) => {
    columns = head.columns;
    headerLine = head.headerLine;
    onHead(head.layout, head.columns, head.headerLine, head.provisional);
    return {
      row: schoolRowChecker(columns, rowProblems, (school) => {
        schools++;
        if (rowProblems.length === 0) onSchool(join ? join.join(school) : school);
      }),
    };
  });
  return { rowProblems, columns, headerLine, schools, join };
}

/** Standard input is held to the usual limit; a file streams whatever its size. */
const limitFor = (input: DataInput) => (input.path === '-' ? undefined : Number.POSITIVE_INFINITY);

/** The first reading for the DfE route: schools per trust, as trustSizes counts them. */
async function countTrusts(request: StreamRequest, read: RowsOptions): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  await eachSchool(
    request,
    read,
    () => {},
    (school) => countTrust(sizes, school),
  );
  return sizes;
}

/**
 * Classifies a file row by row and writes CSV, JSON or Markdown to the sink. Every problem in the file is
 * collected and thrown at the end as one data error (the rows' own, else the placing's); output
 * stops at the first problem.
 */
export async function classifyStream(request: StreamRequest): Promise<StreamResult> {
  const again = await canReadAgain(request.input);
  let sizes: Map<string, number> | null = null;
  let countFirst = false;
  let read: RowsOptions = { ...request.read };
  for (;;) {
    try {
      if (countFirst && sizes === null) sizes = await countTrusts(request, read);
      return await classifyPass(request, read, sizes, again);
    } catch (error) {
      if (error instanceof IndexNotSettled) read = { ...read, indexFromWholeFile: true };
      else if (error instanceof CountTrustsFirst) countFirst = true;
      else throw error;
    }
  }
}

async function classifyPass(
  request: StreamRequest,
  read: RowsOptions,
  sizes: Map<string, number> | null,
  again: boolean,
): Promise<StreamResult> {
  const { asOf, format, sink } = request;
  const display = request.input.display;
  const extrasError = request.extrasFailed ? request.extrasFailed.error : undefined;
  const counts = new Map<string | null, number>();
  const problems: string[] = [];
  const missing: (readonly string[])[] = [];
  let policy!: Policy;
  let layout: Layout | null = null;
  let compiled!: ReturnType<typeof compilePolicy>;
  let ctx!: FactContext;
  /** Standard input under the DfE route: schools held until their trusts are counted. */
  let held: SchoolRecord[] | null = null;
  let total = 0;
  let batch: Placement[] = [];
  let csvCells: ((p: Placement) => string)[] = [];
  let out = '';
  let holding = true;
  /** While the pandas index may yet be voided (and the file read again), the output is held whole. */
  let provisional = false;
  const unsettled: Buffer[] = [];
  let unsettledBytes = 0;
  let firstItem = true;

  const flushBatch = () => {
    if (batch.length === 0) return;
    let text = '';
    if (format === 'json') {
      for (const p of batch) {
        text += jsonArrayItem(placementJson(p), firstItem);
        firstItem = false;
      }
    } else if (format === 'md') {
      text = contentText(markdownRows(placementsTable(batch, policy, asOf, 'file')));
    } else {
      // Row by row, as toCsv writes placementsTable's rows, without a table (and its tier count) per batch.
      for (const p of batch) text += csvLineFrom(csvCells, p);
    }
    batch = [];
    if (provisional) {
      // Held as bytes: a row's text is made of pieces, some cut from the input text, which the
      // pieces would keep alive to the end.
      const bytes = Buffer.from(out + text);
      out = '';
      unsettled.push(bytes);
      unsettledBytes += bytes.length;
      if (unsettledBytes >= PROVISIONAL_BYTES) throw new IndexNotSettled();
      return;
    }
    out += text;
    if (out.length >= (holding ? HOLD_BYTES : WRITE_BYTES)) {
      holding = false;
      sink.write(out);
      out = '';
    }
  };

  const place = (school: SchoolRecord) => {
    const placement = placeSchool(compiled, school, ctx);
    counts.set(placement.tier, (counts.get(placement.tier) ?? 0) + 1);
    if (placement.tier === null) missing.push(placement.missing);
    batch.push(placement);
    if (batch.length >= BATCH) flushBatch();
  };

  const result = await eachSchool(
    request,
    read,
    (found, _columns, _line, unsettledIndex) => {
      provisional = unsettledIndex;
      layout = found;
      policy = policyOf(request, found);
      const needsTrusts = usesFact(policy, 'trust_schools');
      if (needsTrusts && sizes === null && again) throw new CountTrustsFirst();
      if (needsTrusts && sizes === null) held = [];
      compiled = compilePolicy(policy);
      ctx = { asOf, trustSizes: sizes ?? new Map() };
      if (format === 'csv') {
        const head = placementsTable([], policy, asOf, 'file');
        csvCells = head.columns.map((c) => csvCellOf(placementCell(c.key, 'file')));
        out = toCsv(head);
      }
      if (format === 'md') out = contentText(markdownHead(placementsTable([], policy, asOf, 'file')));
    },
    (school) => {
      if (extrasError !== undefined) return;
      const found = policyProblems(school, policy, asOf);
      if (found.length) {
        for (const p of found) problems.push(formatProblem(display, p));
        batch = [];
        out = '';
        unsettled.length = 0;
        return;
      }
      total++;
      if (problems.length) return;
      if (held) held.push(school);
      else place(school);
    },
  );
  // The file's own problems first, as reading it whole finds them; then the --with files'; then the placing's.
  const rowProblems = withNameColumnProblem(result.rowProblems, result.columns, result.headerLine);
  if (rowProblems.length) throw dataError(rowProblems.map((p) => formatProblem(display, p)));
  if (result.schools === 0) throw noSchools(display, result.headerLine);
  if (extrasError !== undefined) throw extrasError;
  if (problems.length) throw dataError(problems);
  // The whole file is read: the index is settled, and what was held is written.
  provisional = false;
  for (const bytes of unsettled) sink.write(bytes);
  unsettled.length = 0;
  if (held) {
    const schools: SchoolRecord[] = held;
    ctx = { asOf, trustSizes: trustSizes(schools) };
    for (const school of schools) place(school);
  }
  flushBatch();
  if (format === 'json') out += jsonArrayEnd(firstItem);
  if (format === 'md') out += markdownFoot({ footer: [tierCountLine(counts, total, policy)] });
  sink.write(out);
  const join = result.join;
  return {
    summary: tierCountLine(counts, total, policy),
    policy,
    layout,
    missing,
    join: join ? { reports: join.reports(), conflicts: join.conflicts } : null,
  };
}

/** classifyStream to standard output, or to the -o file written atomically (refusing to overwrite without --force). */
export async function classifyStreamTo(
  target: OutputTarget,
  request: Omit<StreamRequest, 'sink'>,
): Promise<StreamResult> {
  const sink = openOutput({ ...target, format: request.format });
  try {
    const result = await classifyStream({ ...request, sink });
    await sink.commit();
    return result;
  } catch (error) {
    sink.abort();
    throw error;
  }
}
