// sit diff: reading what `sit classify` wrote (CSV or JSON), and the movements as a table or JSON.
import type { DiffRetierings } from './diff-retierings.js';
import type { DiffEntry, DiffResult } from '../core/diff.js';
import { MOVEMENT_WORDS } from '../core/diff.js';
import { fold } from '../core/values.js';
import type { Policy } from '../core/policy.js';
import { maxLevel } from '../core/levels.js';
import { dataError } from '../errors.js';
import type { Cell, TableModel } from './formats/table-model.js';
import type { RawTable } from './read-table.js';
import type { TextSource } from './read-text.js';
import { r2, round2 } from '../core/display.js';
import type { Compared, DiffSide } from './diff-input.js';
import { renderTableOutput, toJson } from './render.js';
import type { Content } from './output.js';

/** A classification output has a tier and days_text column; a data file has neither. */
export function isClassificationTable(table: { headers: string[] }): boolean {
  const headers = new Set(table.headers.map(fold));
  return headers.has('tier') && headers.has('daystext');
}

/** A cell Excel-proofed by the CSV writer ("'=...") back to its text. */
const unneutralise = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

export function entriesFromCsv(table: RawTable): DiffEntry[] {
  const index = (name: string) => table.headers.findIndex((h) => fold(h) === fold(name));
  const [urn, name, tier, days, reasons] = ['urn', 'name', 'tier', 'days', 'reasons'].map(index);
  const problems: string[] = [];
  const entries: DiffEntry[] = [];
  for (const row of table.rows) {
    const cell = (i: number) => (i < 0 ? '' : unneutralise((row.cells[i] ?? '').trim()));
    if (row.cells.every((c) => c.trim() === '')) continue;
    const u = Number(cell(urn));
    const d = cell(days);
    if (!Number.isInteger(u) || cell(urn) === '') {
      problems.push(`${table.file}:${row.line}: column "urn": expected a URN, got "${cell(urn)}"`);
      continue;
    }
    if (d !== '' && !Number.isFinite(Number(d))) {
      problems.push(`${table.file}:${row.line}: column "days": expected a number or blank, got "${d}"`);
      continue;
    }
    entries.push({
      urn: u,
      name: cell(name),
      tier: cell(tier) || null,
      days: d === '' ? null : Number(d),
      reasons: cell(reasons) ? cell(reasons).split(' | ') : [],
    });
  }
  if (problems.length) throw dataError(problems);
  return entries;
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

export function diffJson(result: DiffResult, policy: Policy, asOf: { old: string | null; now: string | null }) {
  return {
    policy: policy.id,
    old_as_of: asOf.old,
    new_as_of: asOf.now,
    summary: result.summary,
    counts: result.counts,
    movements: result.movements.map((m) => ({
      urn: m.urn,
      name: m.name,
      movement: m.kind,
      old_tier: m.oldTier,
      new_tier: m.newTier,
      old_days: r2(m.oldDays),
      new_days: r2(m.newDays),
      days_change: r2(m.daysChange),
      reason: m.reason,
    })),
  };
}

const signed = (n: number | null): Cell => (n === null ? null : n > 0 ? `+${round2(n)}` : String(round2(n)));

export function diffTable(
  result: DiffResult,
  policy: Policy,
  subtitle: string[],
  detail: 'terminal' | 'file',
): TableModel {
  const level = new Map(policy.tiers.map((t) => [t.id, t.level]));
  return {
    title: `Tier movements: ${policy.name}`,
    subtitle: [...subtitle, '"up" is a move to a tier with more support, "down" to one with less.'],
    columns: [
      { key: 'urn', header: detail === 'terminal' ? 'URN' : 'urn' },
      { key: 'name', header: detail === 'terminal' ? 'School' : 'name', wide: detail === 'terminal' },
      { key: 'movement', header: 'movement' },
      { key: 'old_tier', header: 'old tier' },
      { key: 'new_tier', header: 'new tier' },
      { key: 'old_days', header: 'old days' },
      { key: 'new_days', header: 'new days' },
      { key: 'days_change', header: 'change in days' },
      { key: 'reason', header: 'what changed', wide: true },
    ],
    rows: result.movements.map((m) => ({
      urn: m.urn,
      name: m.name,
      movement: MOVEMENT_WORDS[m.kind],
      old_tier: m.oldTier ?? (m.kind === 'joined' ? null : 'needs data'),
      new_tier: m.newTier ?? (m.kind === 'left' ? null : 'needs data'),
      old_days: r2(m.oldDays),
      new_days: r2(m.newDays),
      // A text "+3" would be neutralised in CSV; files get the plain number.
      days_change: detail === 'terminal' ? signed(m.daysChange) : r2(m.daysChange),
      reason: m.reason,
    })),
    levels: result.movements.map((m) => (m.newTier === null ? null : (level.get(m.newTier) ?? null))),
    maxLevel: maxLevel(policy),
    levelColumn: 'new_tier',
    // A movement is coloured by what it means: up is more support (amber), down less (green).
    marks: {
      movement: result.movements.map((m) =>
        m.kind === 'up'
          ? 'more-support'
          : m.kind === 'down'
            ? 'less-support'
            : m.kind === 'needs-data'
              ? 'needs-data'
              : null,
      ),
    },
    footer: [result.summary],
  };
}

/** "From OLD (...) to NEW (...).": where each side came from. */
export function sidesLine(c: Compared): string {
  const side = (s: DiffSide) =>
    s.asOf ? `${s.file} (classified as of ${s.asOf})` : `${s.file} (a sit classify output)`;
  return `From ${side(c.old)} to ${side(c.now)}.`;
}

/** The comparison written as --format asks: JSON, or the movements table. */
export async function diffContent(
  compared: Compared,
  format: string,
  display: { color: boolean; width?: number },
  retierings: DiffRetierings | null = null,
): Promise<Content> {
  const policy = compared.now.loaded.policy;
  if (format === 'json')
    return toJson({
      ...diffJson(compared.result, policy, { old: compared.old.asOf, now: compared.now.asOf }),
      ...(retierings ? { retierings: retierings.json } : {}),
    });
  const lines = [`Policy: ${policy.id}. ${sidesLine(compared)}`];
  const table = diffTable(compared.result, policy, lines, format === 'table' ? 'terminal' : 'file');
  if (retierings) table.footer = [...(table.footer ?? []), ...retierings.lines];
  return renderTableOutput(table, format, display);
}
