// The board report's sections for the year in motion: the re-tierings with their reasons, and the
// academy cards (each school's KPIs against its targets). Tables, so every report format has them.
import type { AcademyCard } from '../core/card.js';
import type { Placement } from '../core/classify.js';
import { formatKpiValue } from '../core/display.js';
import type { TableModel } from './formats/table-model.js';

/** Every re-tiering of the year, by school then date; null when there is none. */
export function retieringTable(placements: Placement[], asOf: string): TableModel | null {
  const rows = placements.flatMap((p) =>
    (p.retiering?.periods ?? []).slice(1).map((period, i) => ({
      urn: p.school.urn,
      name: p.school.name,
      from: period.from! <= asOf ? period.from : `${period.from} (planned)`,
      was: p.retiering!.periods[i].label ?? 'needs data',
      tier: period.label,
      reason: period.change!.reason,
      agreed: [period.change!.agreedBy, period.change!.agreedOn].filter(Boolean).join(', '),
    })),
  );
  if (rows.length === 0) return null;
  return {
    title: 'Re-tierings during the year',
    subtitle: [
      'In exceptional circumstances a school is re-tiered during the year; its support follows the tier in force from the date.',
    ],
    columns: [
      { key: 'urn', header: 'URN' },
      { key: 'name', header: 'School' },
      { key: 'from', header: 'From' },
      { key: 'was', header: 'Was' },
      { key: 'tier', header: 'Now' },
      { key: 'reason', header: 'Reason', wide: true },
      { key: 'agreed', header: 'Agreed' },
    ],
    rows,
  };
}

/** The academy cards: one row per school and KPI, with its status against target. */
export function cardsTable(cards: AcademyCard[]): TableModel | null {
  if (cards.length === 0) return null;
  const totals = { met: 0, close: 0, not_met: 0, no_data: 0 };
  for (const c of cards) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += c.summary[k];
  return {
    title: 'Academy cards: targets and the latest data',
    subtitle: [
      `${totals.met} met, ${totals.close} close, ${totals.not_met} not met, ${totals.no_data} no data. "Close" (sit's choice, card.close_within): not met but within ${cards[0].close_within} of the target in the KPI's units.`,
    ],
    columns: [
      { key: 'urn', header: 'URN' },
      { key: 'name', header: 'School' },
      { key: 'kpi', header: 'Indicator' },
      { key: 'value', header: 'Latest' },
      { key: 'target', header: 'Target' },
      { key: 'status', header: 'Status' },
    ],
    rows: cards.flatMap((c) =>
      c.kpis.map((k) => ({
        urn: c.school.urn,
        name: c.school.name,
        kpi: k.label,
        value: k.value === null ? 'no data' : formatKpiValue(k.value, k.unit),
        target: k.target === null ? 'no target' : formatKpiValue(k.target, k.unit),
        status: k.status,
      })),
    ),
  };
}
