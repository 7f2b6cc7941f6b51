// `sit classify` over a large CSV file without holding it in memory: the file is read in chunks,
// split by CsvSplitter, each row converted by the same schoolFromRow as the in-memory reader and
// placed by the same compiled policy, and the result written in batches. The output is byte for
// byte what the in-memory path writes. Only the DfE route's trust size needs the whole file: it
// is counted in a cheap first pass, and only when the policy uses it.
import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import {
  compilePolicy,
  inspectionDateProblems,
  placeSchool,
  schoolProblems,
  type Placement,
} from '../core/classify.js';
import type { FactContext } from '../core/facts.js';
import { PARSERS } from '../core/fields.js';
import type { Policy } from '../core/policy.js';
import { walkPolicy } from '../core/policy-walk.js';
import {
  clashProblems,
  duplicateUrn,
  formatProblem,
  isHeaderRow,
  mapColumns,
  schoolFromRow,
  type ColumnMap,
  type DataProblem,
} from '../core/school.js';
import { dataError } from '../errors.js';
import { toCsv } from './formats/csv.js';
import { placementJson, placementsTable, tierCountLine } from './placements.js';
import { detectDelimiter, readDecimalCommas } from './read-table.js';
import { detectLayout } from './layouts.js';
import { CsvSplitter } from './csv-splitter.js';
import { firstInvalidUtf8, hasUtf8Sequence, lineOf, notWindows1252, repairC1 } from './read-text.js';
import { checkWritable, CSV_FILE_BOM, openAtomic, type OutputTarget } from './output.js';

/** Files at least this big are streamed; smaller ones are read whole (the same output either way). */
export const STREAM_MIN_BYTES = 4 * 1024 * 1024;
const CHUNK = 1 << 16;
/** Output is held back until this much is ready, so a small run with a problem writes nothing. */
const HOLD_BYTES = 1024 * 1024;
const BATCH = 100;

/** Where output goes; written synchronously (files, and pipes on Linux, are written so by Node). */
export interface Sink {
  write(text: string): unknown;
}

/** Streams when the input is a CSV file big enough to matter and the output is CSV or JSON. */
export function shouldStream(path: string, format: string, minBytes = STREAM_MIN_BYTES): boolean {
  if (path === '-' || (format !== 'csv' && format !== 'json') || /\.ya?ml$/i.test(path)) return false;
  try {
    const info = statSync(path);
    return info.isFile() && info.size >= minBytes;
  } catch {
    return false; // the in-memory reader says what is wrong with it
  }
}

export function usesFact(policy: Policy, fact: string): boolean {
  let found = false;
  walkPolicy(policy, () => ({
    leaf: (leaf) => {
      found ||= leaf.fact === fact;
    },
    expr: (expr) => {
      found ||= typeof expr === 'object' && 'fact' in expr && expr.fact === fact;
    },
  }));
  return found;
}

/** The file is not UTF-8 after a start that is: where (the in-memory reader decides such files). */
class LateEncoding extends Error {
  constructor(readonly line: number) {
    super('not UTF-8');
  }
}

/**
 * Reads the file in chunks as UTF-8 text. A file that is not plain UTF-8 from its start (a BOM
 * for UTF-16, Windows-1252, a classic Mac file with CR line ends) is left to the in-memory reader,
 * which decides its encoding from the whole file: NotStreamable. Bytes that stop being UTF-8 later
 * throw LateEncoding with their line.
 */
function* textChunks(path: string, display: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let decoder = new TextDecoder('utf-8', { fatal: true });
    let line = 1;
    let first = true;
    // While every byte so far is ASCII, the file may still turn out to be Windows-1252.
    let ascii = true;
    let windows1252 = false;
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      const bytes = buffer.subarray(0, n);
      if (bytes.includes(0))
        throw dataError(
          `${display}: this is not a text file (it contains NUL bytes); save it from Excel as "CSV UTF-8"`,
        );
      let text: string;
      try {
        if (windows1252) {
          // The same evidence as the in-memory reader's: no UTF-8 mixed in, nothing Windows-1252 cannot mean.
          const bad = hasUtf8Sequence(bytes) ? Math.max(0, firstInvalidUtf8(bytes)) : notWindows1252(bytes);
          if (bad >= 0) throw new LateEncoding(line + lineOf(bytes, bad) - 1);
        }
        text = decoder.decode(bytes, { stream: true });
      } catch (error) {
        if (error instanceof LateEncoding) throw error;
        if (first) throw new NotStreamable();
        const bad = firstInvalidUtf8(bytes);
        if (!ascii || hasUtf8Sequence(bytes) || notWindows1252(bytes) >= 0)
          throw new LateEncoding(line + (bad < 0 ? 0 : lineOf(bytes, bad) - 1));
        decoder = new TextDecoder('windows-1252');
        windows1252 = true;
        text = decoder.decode(bytes, { stream: true });
      }
      if (ascii && !isAscii(bytes)) ascii = false;
      if (first && (text.charCodeAt(0) === 0xfffe || (text.includes('\r') && !text.includes('\n'))))
        throw new NotStreamable();
      first = false;
      for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) line++;
      yield repairC1(text);
    }
    try {
      yield repairC1(decoder.decode());
    } catch {
      throw new LateEncoding(line);
    }
  } finally {
    closeSync(fd);
  }
}

/** Calls onRow for each record after the header (the first record naming a URN column). */
function readRecords(
  path: string,
  display: string,
  onHeader: (headers: string[], line: number) => void,
  onRow: (cells: string[], line: number) => void,
): void {
  let splitter: CsvSplitter | null = null;
  let header: string[] | null = null;
  let seen = 0;
  let firstLine = 0;
  const onRecord = (cells: string[], line: number) => {
    if (header !== null) return onRow(cells, line);
    if (seen++ === 0) firstLine = line;
    if (isHeaderRow(cells)) {
      header = cells.map((h) => h.trim());
      onHeader(header, line);
    } else if (seen >= 20) {
      throw dataError(
        `${display}:${firstLine}: no URN column in the header; name one column "urn" (the school's 6-digit URN)`,
      );
    }
  };
  for (const text of textChunks(path, display)) {
    if (splitter === null) {
      const start = text.replace(/^\uFEFF/, '');
      if (start.trim() === '') continue;
      const delimiter = detectDelimiter(start, isHeaderRow);
      splitter = new CsvSplitter(delimiter, display);
      if (delimiter === ';') {
        const plain = onRow;
        onRow = (cells, line) => plain(readDecimalCommas(cells), line);
      }
      splitter.push(start, onRecord);
    } else splitter.push(text, onRecord);
  }
  if (splitter === null) throw dataError(`${display}: the file is empty; it needs a header row and one row per school`);
  splitter.end(onRecord);
  if (header === null)
    throw dataError(
      `${display}:${firstLine}: no URN column in the header; name one column "urn" (the school's 6-digit URN)`,
    );
}

/** The first pass for the DfE route: schools per trust, as trustSizes counts them. */
function countTrusts(path: string, display: string): Map<string, number> {
  const sizes = new Map<string, number>();
  let columns: ColumnMap | null = null;
  let trustColumn = -1;
  readRecords(
    path,
    display,
    (headers) => {
      columns = mapColumns(headers);
      trustColumn = columns.fieldOf.indexOf('trust');
    },
    (cells) => {
      if (trustColumn < 0 || cells.every((c) => c.trim() === '')) return;
      const parsed = PARSERS.text(cells[trustColumn] ?? '');
      if (parsed.ok && parsed.value !== null)
        sizes.set(String(parsed.value), (sizes.get(String(parsed.value)) ?? 0) + 1);
    },
  );
  return sizes;
}

/** The file needs the in-memory reader (thrown at its header, before anything is written). */
export class NotStreamable extends Error {}

export interface StreamResult {
  /** The summary line (schools per tier). */
  summary: string;
}

/**
 * Classifies a CSV file row by row and writes CSV or JSON to the sink. Every problem in the file
 * is collected and thrown at the end as one data error; output stops at the first problem.
 */
export function classifyStream(request: {
  path: string;
  display: string;
  policy: Policy;
  asOf: string;
  format: string;
  sink: Sink;
}): StreamResult {
  let written = false;
  try {
    return classifyRows({
      ...request,
      sink: {
        write: (text) => {
          written = true;
          return request.sink.write(text);
        },
      },
    });
  } catch (error) {
    if (!(error instanceof LateEncoding)) throw error;
    // Nothing written yet: the in-memory reader takes the file and decides its encoding.
    if (!written) throw new NotStreamable();
    throw dataError(
      `${request.display}:${error.line}: not valid UTF-8 although the lines before it are; save it from Excel as "CSV UTF-8"`,
    );
  }
}

function classifyRows(request: {
  path: string;
  display: string;
  policy: Policy;
  asOf: string;
  format: string;
  sink: Sink;
}): StreamResult {
  const { path, display, policy, asOf, format, sink } = request;
  const compiled = compilePolicy(policy);
  const ctx: FactContext = {
    asOf,
    trustSizes: usesFact(policy, 'trust_schools') ? countTrusts(path, display) : new Map(),
  };
  const firstLineOf = new Int32Array(900_000);
  const counts = new Map<string | null, number>();
  const problems: string[] = [];
  let columns: ColumnMap | null = null;
  let headerLine = 0;
  let total = 0;
  let batch: Placement[] = [];
  let out = '';
  let held = true;
  let firstItem = true;

  const flushBatch = () => {
    if (batch.length === 0) return;
    if (format === 'json') {
      for (const p of batch) {
        out += `${firstItem ? '[\n' : ',\n'}  ${JSON.stringify(placementJson(p), null, 2).replace(/\n/g, '\n  ')}`;
        firstItem = false;
      }
    } else {
      out += toCsv(placementsTable(batch, policy, asOf, 'file'), { header: false });
    }
    batch = [];
    if (!held || out.length >= HOLD_BYTES) {
      held = false;
      sink.write(out);
      out = '';
    }
  };
  const problem = (p: DataProblem) => {
    problems.push(formatProblem(display, p));
    batch = [];
    out = '';
  };

  readRecords(
    path,
    display,
    (headers, line) => {
      // A published layout (io/layouts.ts) or an unnamed column (a pandas index, dropped when its
      // values are all numbers) needs the whole table: the in-memory reader takes those files.
      if (detectLayout(headers) !== null || headers.some((h) => h === '')) throw new NotStreamable();
      columns = mapColumns(headers);
      headerLine = line;
      const clashes = clashProblems(columns, line);
      if (clashes.length) throw dataError(clashes.map((p) => formatProblem(display, p)));
      if (format === 'csv') out = toCsv(placementsTable([], policy, asOf, 'file'));
    },
    (cells, line) => {
      const outcome = schoolFromRow(columns!, { line, cells });
      if (outcome === null) return;
      if (outcome.problems) {
        for (const p of outcome.problems) problem(p);
        return;
      }
      const school = outcome.school;
      const first = firstLineOf[school.urn - 100000];
      if (first !== 0) return problem(duplicateUrn(columns!, line, school.urn, first));
      firstLineOf[school.urn - 100000] = line;
      const found = [...inspectionDateProblems(school, asOf), ...schoolProblems(school, policy)];
      if (found.length) return found.forEach(problem);
      total++;
      if (problems.length) return;
      const placement = placeSchool(compiled, school, ctx);
      counts.set(placement.tier, (counts.get(placement.tier) ?? 0) + 1);
      batch.push(placement);
      if (batch.length >= BATCH) flushBatch();
    },
  );
  // Output held back (up to HOLD_BYTES) keeps a run with a problem from writing anything.
  if (problems.length) throw dataError(problems);
  if (total === 0)
    throw dataError(`${display}: has a header but no schools; add one row per school below line ${headerLine}`);
  flushBatch();
  if (format === 'json') out += firstItem ? '[]\n' : '\n]\n';
  sink.write(out);
  return { summary: tierCountLine(counts, total, policy) };
}

/**
 * classifyStream to standard output, or to the -o file written atomically (refusing to overwrite
 * without --force); null when the file needs the in-memory reader after all.
 */
export async function classifyStreamTo(
  target: OutputTarget,
  request: Omit<Parameters<typeof classifyStream>[0], 'sink'>,
): Promise<StreamResult | null> {
  const file = checkWritable(target);
  const atomic = file === null ? null : openAtomic(file, target.output, { force: target.force });
  try {
    if (atomic && request.format === 'csv') atomic.write(CSV_FILE_BOM);
    const result = classifyStream({ ...request, sink: atomic ?? target.stdout });
    await atomic?.commit();
    return result;
  } catch (error) {
    atomic?.abort();
    if (error instanceof NotStreamable) return null;
    throw error;
  }
}
