// A tier-change file's rows read against their zod schema (record-rows.ts): apart from the rest of
// tier-changes.ts, so that what places and describes a school (sit classify) does not load zod.
import * as z from 'zod';
import { missingColumns, parsedCell, recordRows } from './record-rows.js';
import type { DataProblem } from './school.js';
import { tierChangeColumnOf, type TierChange, type TierChangeColumn } from './tier-changes.js';
import { parseDate, parseFreeText, parseUrn } from './values.js';

/** One row of a tier-change file: every column but agreed_by and agreed_on is required. */
const TierChangeRowSchema = z.object({
  urn: parsedCell(parseUrn, "the school's 6-digit URN (required)"),
  from: parsedCell(parseDate, 'the date the new tier runs from, as YYYY-MM-DD or DD/MM/YYYY (required)'),
  tier: parsedCell(parseFreeText, 'the tier the school moves to (required)'),
  reason: parsedCell(parseFreeText, 'the reason for the re-tiering (a change without a reason is not accepted)'),
  agreed_by: parsedCell(parseFreeText),
  agreed_on: parsedCell(parseDate),
});

/** The rows of a table (headers and cells, each with its line) as changes, with every problem found. */
export function tierChangesFromRows(
  headers: string[],
  rows: { line: number; cells: string[] }[],
  headerLine: number,
): { changes: TierChange[]; problems: DataProblem[] } {
  const problems: DataProblem[] = [];
  const index = new Map<TierChangeColumn, number>();
  headers.forEach((h, i) => {
    const column = tierChangeColumnOf(h);
    if (column === null) return;
    if (index.has(column))
      problems.push({
        line: headerLine,
        message: `columns "${headers[index.get(column)!]}" and "${h}" both fill ${column}; keep one of them`,
      });
    else index.set(column, i);
  });
  problems.push(
    ...missingColumns(
      index,
      ['urn', 'from', 'tier', 'reason'],
      headerLine,
      'a tier-change file needs urn, from, tier, reason (and agreed_by, agreed_on)',
    ),
  );
  if (problems.length) return { changes: [], problems };
  const { records, problems: rowProblems } = recordRows(headers, rows, index, TierChangeRowSchema);
  const changes: TierChange[] = records.map(({ line, row: r }) => ({
    line,
    urn: r.urn as number,
    from: r.from as string,
    tier: r.tier as string,
    reason: r.reason as string,
    agreedBy: r.agreed_by,
    agreedOn: r.agreed_on,
  }));
  problems.push(...rowProblems);
  return { changes, problems };
}
