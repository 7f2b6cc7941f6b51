// Classification results in the shapes people and scripts read: a table model (terminal, CSV,
// Markdown, HTML) and the JSON of SPEC section 5.
import type { Placement } from '../core/classify.js';
import { describeChange, type TierChange } from '../core/tier-changes.js';
import type { Policy } from '../core/policy.js';
import { maxLevel } from '../core/levels.js';
import type { Cell, Column, TableModel } from './formats/table-model.js';

export interface PlacementJson {
  urn: number;
  name: string;
  tier: string | null;
  label: string | null;
  days: number | null;
  days_text: string;
  reasons: readonly string[];
  missing: readonly string[];
  override: string | null;
  [field: string]: unknown;
}

/** A re-tiering as JSON writes it (a placement's tier_history, sit diff's retierings). */
export const tierChangeJson = (c: TierChange) => ({
  from: c.from,
  tier: c.tier,
  reason: c.reason,
  agreed_by: c.agreedBy,
  agreed_on: c.agreedOn,
});

/**
 * A placement as JSON. With a tier-change file (`changes`), `tier`, `label`, `days` and `reasons`
 * stay the computed placement, and the tier in force at --as-of is added beside it with the
 * re-tiering in force and the school's history: a Board sees both.
 */
export function placementJson(p: Placement, changes = false): PlacementJson {
  const computed = p.retiering?.classified;
  const base: PlacementJson = {
    urn: p.school.urn,
    name: p.school.name,
    tier: computed ? computed.tier : p.tier,
    label: computed ? computed.label : p.label,
    days: computed ? computed.days : p.days,
    days_text: computed ? computed.daysText : p.daysText,
    reasons: computed ? computed.reasons : p.reasons,
    missing: p.missing,
    override: p.override,
    ...p.fields,
  };
  if (!changes) return base;
  const inForce = p.retiering?.inForce ?? null;
  return {
    ...base,
    tier_in_force: p.tier,
    label_in_force: p.label,
    days_in_force: p.days,
    retiered: inForce ? describeChange(inForce, p.label) : null,
    tier_history: (p.retiering?.changes ?? []).map(tierChangeJson),
  };
}

/** The tier in force, in words, where a tier-change file moved it: "Stabilise [stabilise] from 2027-02-01". */
function inForceText(p: Placement): string {
  const inForce = p.retiering?.inForce;
  if (!inForce)
    return p.retiering ? `as classified (a change is planned from ${p.retiering.changes[0].from})` : 'as classified';
  return `${p.label} [${p.tier}] from ${inForce.from}`;
}

export function countByTier(placements: Placement[], policy: Policy): string {
  const counts = new Map<string | null, number>();
  for (const p of placements) counts.set(p.tier, (counts.get(p.tier) ?? 0) + 1);
  return tierCountLine(counts, placements.length, policy);
}

/** The summary line from counts per tier id (null: needs data), as a streaming run keeps them. */
export function tierCountLine(counts: ReadonlyMap<string | null, number>, total: number, policy: Policy): string {
  // "8 D" reads as a count of D schools; "3 4" would not, so ids that are numbers read "4: 3".
  const numeric = policy.tiers.some((t) => /^\d/.test(t.id));
  const perTier = policy.tiers.map((t) =>
    numeric ? `${t.id}: ${counts.get(t.id) ?? 0}` : `${counts.get(t.id) ?? 0} ${t.id}`,
  );
  const needing = counts.get(null) ?? 0;
  return `${total} schools: ${perTier.join(', ')}${needing ? `, ${needing} need data` : ''}`;
}

type Detail = 'terminal' | 'file';
type CellOf = (p: Placement) => Cell;

/** The computed placement (a re-tiering's, where a tier-change file moved the school). */
const classified = (p: Placement) => p.retiering?.classified ?? p;

/** A row's cells that the policy's output fields take the place of, when one has the same name. */
const OWN_CELLS: Record<string, (detail: Detail) => CellOf> = {
  urn: () => (p) => p.school.urn,
  name: () => (p) => p.school.name,
  tier: (detail) =>
    detail === 'terminal'
      ? (p) => {
          const c = classified(p);
          return c.tier === null ? 'needs data' : c.label;
        }
      : (p) => classified(p).tier,
  label: () => (p) => classified(p).label,
  days: (detail) => (detail === 'terminal' ? (p) => classified(p).daysText : (p) => classified(p).days),
  days_text: () => (p) => classified(p).daysText,
  in_force: () => inForceText,
  tier_in_force: () => (p) => p.tier,
  label_in_force: () => (p) => p.label,
  days_in_force: () => (p) => p.days,
  retiered: () => (p) => {
    const inForce = p.retiering?.inForce ?? null;
    return inForce ? describeChange(inForce, p.label) : null;
  },
};

/** A row's cells that stand whatever the policy's output fields are named. */
const LAST_CELLS: Record<string, CellOf> = {
  // One reason is itself, not a copy: classify's stream writes each distinct text once (csvCellOf).
  reason: (p) => (p.reasons.length === 1 ? p.reasons[0] : p.reasons.join(' | ')),
  missing: (p) => (p.missing.length === 1 ? p.missing[0] : p.missing.join('; ')),
  override: (p) => p.override,
  phase: (p) => (p.school.fields.phase as string | null) ?? null,
  trust: (p) => (p.school.fields.trust as string | null) ?? null,
};

/**
 * How one cell of a placement's row is read, worked out once per column (classify's stream writes
 * its CSV a row at a time by these): the row's own cells, then the policy's output fields over
 * them, then the last five over those. Undefined for a key the row does not have.
 */
export function placementCell(key: string, detail: Detail): (p: Placement) => Cell | undefined {
  const last = Object.hasOwn(LAST_CELLS, key) ? LAST_CELLS[key] : undefined;
  if (last) return last;
  const own = Object.hasOwn(OWN_CELLS, key) ? OWN_CELLS[key](detail) : undefined;
  if (!own) return (p) => (Object.hasOwn(p.fields, key) ? p.fields[key] : undefined);
  return (p) => (Object.hasOwn(p.fields, key) ? p.fields[key] : own(p));
}

export function placementsTable(
  placements: Placement[],
  policy: Policy,
  asOf: string,
  detail: 'terminal' | 'file',
  changes = false,
): TableModel {
  const fieldNames = Object.keys(policy.fields);
  // With a tier-change file, the tier in force stands beside the computed tier (never instead of it).
  const inForceColumns: Column[] = !changes
    ? []
    : detail === 'terminal'
      ? [{ key: 'in_force', header: 'In force' }]
      : [
          { key: 'tier_in_force', header: 'tier_in_force' },
          { key: 'label_in_force', header: 'label_in_force' },
          { key: 'days_in_force', header: 'days_in_force' },
          { key: 'retiered', header: 'retiered', wide: true },
        ];
  const columns: Column[] =
    detail === 'terminal'
      ? [
          { key: 'urn', header: 'URN' },
          { key: 'name', header: 'School', wide: true },
          { key: 'tier', header: 'Tier' },
          ...inForceColumns,
          { key: 'days', header: 'Days' },
          ...fieldNames.map((f) => ({ key: f, header: f.replace(/_/g, ' ') })),
          { key: 'reason', header: 'Reason', wide: true },
        ]
      : [
          { key: 'urn', header: 'urn' },
          { key: 'name', header: 'name' },
          { key: 'tier', header: 'tier' },
          { key: 'label', header: 'label' },
          { key: 'days', header: 'days' },
          { key: 'days_text', header: 'days_text' },
          ...inForceColumns,
          ...fieldNames.map((f) => ({ key: f, header: f })),
          { key: 'reason', header: 'reasons', wide: true },
          { key: 'missing', header: 'missing' },
          { key: 'override', header: 'override' },
          { key: 'phase', header: 'phase' },
          { key: 'trust', header: 'trust' },
        ];
  // Each row has its columns' cells and no others (the writers read a table's columns), each read
  // by a reader worked out once per column.
  const readers = columns.map((c) => [c.key, placementCell(c.key, detail)] as const);
  const rows = placements.map((p) => {
    const row: Record<string, Cell> = {};
    for (const [key, read] of readers) row[key] = read(p) ?? null;
    return row;
  });
  return {
    title: `Support tiers: ${policy.name}`,
    subtitle: [`Policy: ${policy.id}. As of ${asOf}.`],
    columns,
    rows,
    levels: placements.map((p) => p.retiering?.classified.level ?? p.level),
    maxLevel: maxLevel(policy),
    footer: [countByTier(placements, policy)],
  };
}
