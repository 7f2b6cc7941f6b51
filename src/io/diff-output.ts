// sit diff: reading what `sit classify` wrote (CSV or JSON), and the movements as a table or JSON.
import type { DiffRetierings } from './diff-retierings.js';
import type { DiffEntry, DiffResult, Movement, MovementList } from '../core/diff.js';
import { MOVEMENT_WORDS } from '../core/diff.js';
import type { DiffEntries } from '../core/diff-entries.js';
import { fold } from '../core/values.js';
import type { Policy } from '../core/policy.js';
import { maxLevel } from '../core/levels.js';
import { dataError } from '../errors.js';
import {
  eachMade,
  withRowArray,
  type Cell,
  type Column,
  type Mark,
  type RowsTable,
  type TableModel,
} from './formats/table-model.js';
import { JsonItems, jsonDocument, jsonMembers } from './formats/json.js';
import { csvCellOf, csvLineFrom } from './formats/csv.js';
import type { RowSink } from './read-records.js';
import type { TextSource } from './read-text.js';
import { r2, round2 } from '../core/display.js';
import type { Compared, DiffSide } from './diff-input.js';
import { renderTableOutput } from './render.js';
import type { Content } from './output.js';

/** A classification output has a tier and days_text column; a data file has neither. */
export function isClassificationTable(table: { headers: string[] }): boolean {
  const headers = new Set(table.headers.map(fold));
  return headers.has('tier') && headers.has('daystext');
}

/** A cell Excel-proofed by the CSV writer ("'=...") back to its text. */
const unneutralise = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/**
 * The rows of a `sit classify` CSV (or workbook) as they are read, each school into `into`; every
 * row that is not a school's is a problem, thrown together at the end.
 */
export function classificationRows(head: { file: string; headers: string[] }, into: DiffEntries): RowSink {
  const index = (name: string) => head.headers.findIndex((h) => fold(h) === fold(name));
  const [urn, name, tier, days, reasons] = ['urn', 'name', 'tier', 'days', 'reasons'].map(index);
  const problems: string[] = [];
  return {
    row: (cells, line) => {
      const cell = (i: number) => (i < 0 ? '' : unneutralise((cells[i] ?? '').trim()));
      if (cells.every((c) => c.trim() === '')) return;
      const u = Number(cell(urn));
      const d = cell(days);
      if (!Number.isInteger(u) || cell(urn) === '') {
        problems.push(`${head.file}:${line}: column "urn": expected a URN, got "${cell(urn)}"`);
        return;
      }
      if (d !== '' && !Number.isFinite(Number(d))) {
        problems.push(`${head.file}:${line}: column "days": expected a number or blank, got "${d}"`);
        return;
      }
      into.add({
        urn: u,
        name: cell(name),
        tier: cell(tier) || null,
        days: d === '' ? null : Number(d),
        reasons: cell(reasons) ? cell(reasons).split(' | ') : [],
      });
    },
    end: () => {
      if (problems.length) throw dataError(problems);
    },
  };
}

export function entriesFromJson(source: TextSource): DiffEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(source.text);
  } catch (error) {
    throw dataError(
      `${source.display}: not valid JSON (${(error as Error).message}); expected the output of sit classify --format json`,
    );
  }
  if (!Array.isArray(value))
    throw dataError(`${source.display}: expected a JSON array of schools, as sit classify --format json writes`);
  return value.map((item, i) => {
    const o = item as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || typeof o.urn !== 'number')
      throw dataError(`${source.display}: school ${i + 1}: expected an object with a numeric "urn"`);
    if (o.days !== null && o.days !== undefined && typeof o.days !== 'number')
      throw dataError(`${source.display}: school ${o.urn}: "days" must be a number or null`);
    return {
      urn: o.urn,
      name: String(o.name ?? ''),
      tier: o.tier === null || o.tier === undefined ? null : String(o.tier),
      days: (o.days as number | null | undefined) ?? null,
      reasons: Array.isArray(o.reasons) ? o.reasons.map(String) : [],
    };
  });
}

/** One movement as the JSON lists it. */
const movementJson = (m: Movement) => ({
  urn: m.urn,
  name: m.name,
  movement: m.kind,
  old_tier: m.oldTier,
  new_tier: m.newTier,
  old_days: r2(m.oldDays),
  new_days: r2(m.newDays),
  days_change: r2(m.daysChange),
  reason: m.reason,
});

/** The comparison's JSON with `movements` as given (an array, or the slot the streamed writer fills). */
const jsonWith = <T>(
  result: Omit<DiffResult, 'movements'>,
  policy: Policy,
  asOf: { old: string | null; now: string | null },
  movements: T,
) => ({
  policy: policy.id,
  old_as_of: asOf.old,
  new_as_of: asOf.now,
  summary: result.summary,
  counts: result.counts,
  movements,
});

export function diffJson(result: DiffResult, policy: Policy, asOf: { old: string | null; now: string | null }) {
  return jsonWith(result, policy, asOf, result.movements.map(movementJson));
}

/**
 * The comparison's JSON a part at a time, the movements as they are made (jsonParts): the same
 * bytes as toJson of diffJson (with the re-tierings after).
 */
function diffJsonParts(
  list: MovementList,
  policy: Policy,
  asOf: { old: string | null; now: string | null },
  retierings: DiffRetierings | null,
): Generator<string> {
  return jsonDocument(
    jsonMembers({
      ...jsonWith(list, policy, asOf, new JsonItems(eachMade(list.movements, movementJson))),
      ...(retierings ? { retierings: retierings.json } : {}),
    }),
  );
}

const signed = (n: number | null): Cell => (n === null ? null : n > 0 ? `+${round2(n)}` : String(round2(n)));

type Detail = 'terminal' | 'file';

/** Each column's cell of a movement, as the table shows it. */
const MOVEMENT_CELLS: Record<string, (detail: Detail) => (m: Movement) => Cell> = {
  urn: () => (m) => m.urn,
  name: () => (m) => m.name,
  movement: () => (m) => MOVEMENT_WORDS[m.kind],
  old_tier: () => (m) => m.oldTier ?? (m.kind === 'joined' ? null : 'needs data'),
  new_tier: () => (m) => m.newTier ?? (m.kind === 'left' ? null : 'needs data'),
  old_days: () => (m) => r2(m.oldDays),
  new_days: () => (m) => r2(m.newDays),
  // A text "+3" would be neutralised in CSV; files get the plain number.
  days_change: (detail) => (detail === 'terminal' ? (m) => signed(m.daysChange) : (m) => r2(m.daysChange)),
  reason: () => (m) => m.reason,
};

/** A movement's colour by what it means: up is more support (amber), down less (green). */
const markOf = (m: Movement): Mark | null =>
  m.kind === 'up' ? 'more-support' : m.kind === 'down' ? 'less-support' : m.kind === 'needs-data' ? 'needs-data' : null;

/**
 * The movements' table, its rows made as they are written; the colours (levels and marks, a
 * value per row) only when `coloured` (HTML, the terminal, Excel), read from the movements once.
 */
function movementsTable(
  list: MovementList,
  policy: Policy,
  subtitle: string[],
  detail: Detail,
  coloured: boolean,
): RowsTable {
  const level = new Map(policy.tiers.map((t) => [t.id, t.level]));
  const columns: Column[] = [
    { key: 'urn', header: detail === 'terminal' ? 'URN' : 'urn' },
    { key: 'name', header: detail === 'terminal' ? 'School' : 'name', wide: detail === 'terminal' },
    { key: 'movement', header: 'movement' },
    { key: 'old_tier', header: 'old tier' },
    { key: 'new_tier', header: 'new tier' },
    { key: 'old_days', header: 'old days' },
    { key: 'new_days', header: 'new days' },
    { key: 'days_change', header: 'change in days' },
    { key: 'reason', header: 'what changed', wide: true },
  ];
  const cells = columns.map((c) => [c.key, MOVEMENT_CELLS[c.key](detail)] as const);
  const levels: (number | null)[] = [];
  const marks: (Mark | null)[] = [];
  if (coloured)
    for (const m of list.movements) {
      levels.push(m.newTier === null ? null : (level.get(m.newTier) ?? null));
      marks.push(markOf(m));
    }
  return {
    title: `Tier movements: ${policy.name}`,
    subtitle: [...subtitle, '"up" is a move to a tier with more support, "down" to one with less.'],
    columns,
    rows: eachMade(list.movements, (m) => {
      const row: Record<string, Cell> = {};
      for (const [key, cell] of cells) row[key] = cell(m);
      return row;
    }),
    // Each column's distinct cells escaped once (tiers, movements, days and reasons repeat); a
    // line a part, gathered into pieces where it is written (output.ts pieces).
    csvRows: function* () {
      const csvCells = cells.map(([, cell]) => csvCellOf(cell));
      for (const m of list.movements) yield csvLineFrom(csvCells, m);
    },
    ...(coloured ? { levels, maxLevel: maxLevel(policy), levelColumn: 'new_tier', marks: { movement: marks } } : {}),
    footer: [list.summary],
  };
}

/** The movements' table with every row (a board report's). */
export function diffTable(result: DiffResult, policy: Policy, subtitle: string[], detail: Detail): TableModel {
  return withRowArray(movementsTable(result, policy, subtitle, detail, true));
}

/** "From OLD (...) to NEW (...).": where each side came from. */
export function sidesLine(c: Pick<Compared, 'old' | 'now'>): string {
  const side = (s: DiffSide) =>
    s.asOf ? `${s.file} (classified as of ${s.asOf})` : `${s.file} (a sit classify output)`;
  return `From ${side(c.old)} to ${side(c.now)}.`;
}

/** The comparison written as --format asks: JSON, or the movements table, each movement made as it is written. */
export async function diffContent(
  compared: Compared,
  format: string,
  display: { color: boolean; width?: number },
  retierings: DiffRetierings | null = null,
): Promise<Content> {
  const policy = compared.now.loaded.policy;
  const list = compared.result;
  if (format === 'json')
    return diffJsonParts(list, policy, { old: compared.old.asOf, now: compared.now.asOf }, retierings);
  const lines = [`Policy: ${policy.id}. ${sidesLine(compared)}`];
  const detail = format === 'table' ? 'terminal' : 'file';
  const table = movementsTable(list, policy, lines, detail, format !== 'csv' && format !== 'md');
  if (retierings) table.footer = [...(table.footer ?? []), ...retierings.lines];
  return renderTableOutput(table, format, display);
}
