// Classification results in the shapes people and scripts read: a table model (terminal, CSV,
// Markdown, HTML) and the JSON of SPEC section 5.
import type { Placement } from '../core/classify.js';
import type { Policy } from '../core/policy.js';
import type { Column, TableModel } from './formats/table-model.js';

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

export function placementJson(p: Placement): PlacementJson {
  return {
    urn: p.school.urn,
    name: p.school.name,
    tier: p.tier,
    label: p.label,
    days: p.days,
    days_text: p.daysText,
    reasons: p.reasons,
    missing: p.missing,
    override: p.override,
    ...p.fields,
  };
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

export function placementsTable(
  placements: Placement[],
  policy: Policy,
  asOf: string,
  detail: 'terminal' | 'file',
): TableModel {
  const fieldNames = Object.keys(policy.fields);
  const columns: Column[] =
    detail === 'terminal'
      ? [
          { key: 'urn', header: 'URN' },
          { key: 'name', header: 'School', wide: true },
          { key: 'tier', header: 'Tier' },
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
          ...fieldNames.map((f) => ({ key: f, header: f })),
          { key: 'reason', header: 'reasons', wide: true },
          { key: 'missing', header: 'missing' },
          { key: 'override', header: 'override' },
          { key: 'phase', header: 'phase' },
          { key: 'trust', header: 'trust' },
        ];
  const rows = placements.map((p) => ({
    urn: p.school.urn,
    name: p.school.name,
    tier: detail === 'terminal' ? (p.tier === null ? 'needs data' : p.label) : p.tier,
    label: p.label,
    days: detail === 'terminal' ? p.daysText : p.days,
    days_text: p.daysText,
    ...p.fields,
    reason: p.reasons.join(' | '),
    missing: p.missing.join('; '),
    override: p.override,
    phase: (p.school.fields.phase as string | null) ?? null,
    trust: (p.school.fields.trust as string | null) ?? null,
  }));
  return {
    title: `Support tiers: ${policy.name}`,
    subtitle: [`Policy: ${policy.id}. As of ${asOf}.`],
    columns,
    rows,
    levels: placements.map((p) => p.level),
    maxLevel: Math.max(...policy.tiers.map((t) => t.level)),
    footer: [countByTier(placements, policy)],
  };
}
