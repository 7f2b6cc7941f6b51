// Reads a tier-change file (CSV, YAML list or .xlsx) through the one table reader, and checks it
// against the policy and the school data: every problem is one line with the file, line and column.
import { dataError } from '../errors.js';
import type { Placement } from '../core/classify.js';
import type { Policy } from '../core/policy.js';
import { formatProblem } from '../core/school.js';
import { applyTierChanges, tierChangeColumnOf, tierChangeProblems, type TierChange } from '../core/tier-changes.js';
import { readRecordTable } from './record-file.js';

export interface TierChangesFile {
  file: string;
  changes: TierChange[];
  /** The headers as the file wrote them, for messages. */
  headers: { urn: string; tier: string; from: string };
}

const isHeader = (cells: string[]) => cells.some((c) => tierChangeColumnOf(c) === 'urn');

export async function readTierChanges(
  path: string,
  stdin: NodeJS.ReadableStream,
  shown: string,
): Promise<TierChangesFile> {
  const table = await readRecordTable(path, stdin, shown, isHeader);
  // An empty file is a year with no re-tierings, not a mistake.
  if (table === null) return { file: shown, changes: [], headers: { urn: 'urn', tier: 'tier', from: 'from' } };
  // The file's row schema (zod) is loaded only for a file there is: a run without one loads no zod.
  const { tierChangesFromRows } = await import('../core/tier-change-rows.js');
  const { changes, problems } = tierChangesFromRows(table.headers, table.rows, table.headerLine);
  if (problems.length) throw dataError(problems.map((p) => formatProblem(shown, p)));
  const header = (column: string) => table.headers.find((h) => tierChangeColumnOf(h) === column) ?? column;
  return { file: shown, changes, headers: { urn: header('urn'), tier: header('tier'), from: header('from') } };
}

/** The placements with the tier in force on `asOf`; a change for an unknown tier or URN is a data error (65). */
export function placementsInForce(
  placements: Placement[],
  schools: { urn: number }[],
  read: TierChangesFile,
  policy: Policy,
  asOf: string,
): Placement[] {
  // Checked against every school of the data, placed or not (sit explain places one).
  const urns = new Set(schools.map((s) => s.urn));
  const problems = tierChangeProblems(read.changes, policy, urns, read.headers);
  if (problems.length) throw dataError(problems.map((p) => formatProblem(read.file, p)));
  return applyTierChanges(placements, read.changes, policy, asOf);
}
