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
  reasons: string[];
  missing: string[];
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

/** One placement's row of placementsTable (classify's stream writes its CSV a row at a time from it). */
export function placementRow(p: Placement, detail: 'terminal' | 'file'): Record<string, Cell> {
  const c = p.retiering?.classified ?? p;
  const inForce = p.retiering?.inForce ?? null;
  return {
    urn: p.school.urn,
    name: p.school.name,
    tier: detail === 'terminal' ? (c.tier === null ? 'needs data' : c.label) : c.tier,
    label: c.label,
    days: detail === 'terminal' ? c.daysText : c.days,
    days_text: c.daysText,
    in_force: inForceText(p),
    tier_in_force: p.tier,
    label_in_force: p.label,
    days_in_force: p.days,
    retiered: inForce ? describeChange(inForce, p.label) : null,
    ...p.fields,
    reason: p.reasons.join(' | '),
    missing: p.missing.join('; '),
    override: p.override,
    phase: (p.school.fields.phase as string | null) ?? null,
    trust: (p.school.fields.trust as string | null) ?? null,
  };
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
  const rows = placements.map((p) => placementRow(p, detail));
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
