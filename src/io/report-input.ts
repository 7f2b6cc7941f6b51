// What the board report is made from (sit report): this year's placements and budget, the
// movements since --previous, the trust's name, the data files by name and date, and what the
// visit log shows delivered; and the report written in the format asked for.
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { todayIso } from '../core/dates.js';
import { diff, entryOf, yearBefore } from '../core/diff.js';
import { DiffEntries } from '../core/diff-entries.js';
import { reportHtml, reportJson, reportMarkdown, type ReportInput } from './report.js';
import { jsonDocument } from './formats/json.js';
import type { Content } from './output.js';
import { sidesLine } from './diff-output.js';
import { readSide } from './diff-input.js';
import type { DataOptions, Io } from './command-io.js';
import { dataFile, withFiles, type Classified } from './load-data.js';
import { budgetWithDelivery } from './delivery-input.js';

/** A file's name without its folder ("standard input" for -). */
function fileName(path: string): string {
  return path === '-' ? 'standard input' : basename(path);
}

/** The date a data file was last saved, or null (standard input). */
function savedOn(path: string): string | null {
  if (path === '-') return null;
  try {
    return todayIso(statSync(path).mtime);
  } catch {
    return null;
  }
}

/** Movements since last year: --previous read as diff reads OLD, against this year's placements. */
async function movementsSince(
  previous: string,
  file: string | undefined,
  { loaded, asOf, placements }: Classified,
  options: DataOptions,
  io: Io,
): Promise<ReportInput['movements']> {
  // A board paper names files, never a folder on someone's computer.
  const reading = { with: withFiles(loaded, undefined, io), options };
  const old = { ...(await readSide(previous, yearBefore(asOf), loaded, io, reading)), file: fileName(previous) };
  const now = {
    entries: DiffEntries.of(placements.map(entryOf)),
    asOf,
    file: fileName(dataFile(file, loaded, io)),
    loaded,
    notes: [],
  };
  const compared = { result: diff(old.entries, now.entries, loaded.policy), old, now };
  return { result: compared.result, line: sidesLine(compared), oldAsOf: old.asOf };
}

/** Everything the report shows, from the placed schools and the command's options. */
export async function reportInput(
  file: string | undefined,
  classified: Classified,
  options: DataOptions & { previous?: string; log?: string },
  io: Io,
): Promise<ReportInput> {
  const { loaded, asOf, placements } = classified;
  // Delivered against plan, with a visit log (--log or log:).
  const { result, delivered: delivery } = await budgetWithDelivery(classified, options.log, io);
  const movements = options.previous ? await movementsSince(options.previous, file, classified, options, io) : null;
  const trusts = new Set(
    placements.map((p) => p.school.fields.trust).filter((t): t is string => typeof t === 'string' && t !== ''),
  );
  const trust = loaded.config.trust_name ?? (trusts.size === 1 ? [...trusts][0] : null);
  const files = [
    { role: 'schools', path: dataFile(file, loaded, io) },
    ...(options.with ?? []).map((w) => ({ role: 'joined with', path: w === '-' ? '-' : resolve(io.cwd, w) })),
    ...(options.previous
      ? [{ role: 'last year', path: options.previous === '-' ? '-' : resolve(io.cwd, options.previous) }]
      : []),
  ].map((f) => ({ role: f.role, name: fileName(f.path), modified: savedOn(f.path) }));
  return { policy: loaded.policy, asOf, placements, budget: result, movements, trust, files, delivery };
}

/** The report as --format asks: Word, JSON, Markdown or HTML. */
export async function reportContent(input: ReportInput, format: string): Promise<Content> {
  if (format === 'docx') return (await import('./report-docx.js')).reportDocx(input);
  if (format === 'json') return jsonDocument(reportJson(input));
  return format === 'md' ? reportMarkdown(input) : reportHtml(input);
}
