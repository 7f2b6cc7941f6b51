// The academy card (SPEC section 9): "The academy card ... will document each academy's targets
// and provide live data on how successfully these targets are being achieved over the year" (the
// four-tier model). Per school, its KPIs with targets and the latest values, each against target:
// met, close, not met or no data. Targets come from a targets file (URN, kpi, target, value), else
// the school's WFAP answers (kpi_targets), else the trust's KPI settings. Pure.
import * as z from 'zod';
import type { Placement } from './classify.js';
import { academicYearName, academicYearOf } from './dates.js';
import type { Policy } from './policy.js';
import type { DataProblem } from './school.js';
import { missingColumns, parsedCell, recordRows } from './record-rows.js';
import { describeChange } from './tier-changes.js';
import { fold, parseFreeText, parseNumber, parseUrn, parseYesNo } from './values.js';
import { kpiOf, schoolOf, type Kpi, type KpiSpec, type SchoolDocument } from './wfap.js';

export const DEFAULT_CLOSE_WITHIN = 2;

export type KpiStatus = 'met' | 'close' | 'not met' | 'no data';

/** Met at or beyond the target; close within `closeWithin` of it; no data without a value or a target. */
export function kpiStatus(
  value: number | null,
  target: number | null,
  lowerIsBetter: boolean,
  closeWithin: number,
): KpiStatus {
  if (value === null || target === null) return 'no data';
  const short = lowerIsBetter ? value - target : target - value;
  if (short <= 1e-9) return 'met';
  return short <= closeWithin + 1e-9 ? 'close' : 'not met';
}

export interface TargetRow {
  line: number;
  urn: number;
  kpi: string;
  target: number | null;
  value: number | null;
  label: string | null;
  unit: string | null;
  lowerIsBetter: boolean | null;
}

const cell = parsedCell;

const percentOrNumber = (raw: string) => parseNumber(raw.trim().replace(/%$/, ''));

/** One row of a targets file. */
export const TargetRowSchema = z.object({
  urn: cell(parseUrn, "the school's 6-digit URN (required)"),
  kpi: cell(
    parseFreeText,
    'the KPI: a name from kpis: in trust.config.yaml, or a column of the school data (required)',
  ),
  target: cell(percentOrNumber),
  value: cell(percentOrNumber),
  label: cell(parseFreeText),
  unit: cell(parseFreeText),
  lower_is_better: cell(parseYesNo),
});
const TARGET_COLUMNS = Object.keys(TargetRowSchema.shape) as (keyof typeof TargetRowSchema.shape)[];

export function targetRowsFrom(
  headers: string[],
  rows: { line: number; cells: string[] }[],
  headerLine: number,
): { targets: TargetRow[]; problems: DataProblem[] } {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const column = TARGET_COLUMNS.find((c) => fold(c) === fold(h));
    if (column && !index.has(column)) index.set(column, i);
  });
  const problems = missingColumns(
    index,
    ['urn', 'kpi'],
    headerLine,
    'a targets file needs urn, kpi, target (and value)',
  );
  if (problems.length) return { targets: [], problems };
  const { records, problems: rowProblems } = recordRows(headers, rows, index, TargetRowSchema);
  const targets: TargetRow[] = records.map(({ line, row: r }) => ({
    line,
    urn: r.urn as number,
    kpi: r.kpi as string,
    target: r.target,
    value: r.value,
    label: r.label,
    unit: r.unit,
    lowerIsBetter: r.lower_is_better,
  }));
  problems.push(...rowProblems);
  return { targets, problems };
}

export interface CardKpi extends Kpi {
  status: KpiStatus;
  /** How far the value is from the target, in the KPI's units (positive: better than target); null without both. */
  margin: number | null;
  /** Where the latest value came from. */
  value_source: string;
}

export interface AcademyCard extends SchoolDocument {
  kind: 'card';
  tier: {
    id: string | null;
    label: string | null;
    days_text: string;
    retiered: string | null;
    computed: string | null;
  };
  /** The "close" margin used (sit's choice, set by card.close_within or --close-within). */
  close_within: number;
  kpis: CardKpi[];
  summary: Record<'met' | 'close' | 'not_met' | 'no_data', number>;
}

export interface CardOptions {
  asOf: string;
  /** kpis: in trust.config.yaml, else the WFAP form's default KPIs. */
  kpis: KpiSpec[];
  /** The school's WFAP answers' kpi_targets, when given. */
  planTargets?: Record<string, number>;
  /** Rows of the targets file for this school. */
  targets?: TargetRow[];
  closeWithin?: number;
}

/** The card for one placed school (its tier in force, with the re-tiering if any). */
export function academyCard(placement: Placement, policy: Policy, options: CardOptions): AcademyCard {
  const school = placement.school;
  const closeWithin = options.closeWithin ?? DEFAULT_CLOSE_WITHIN;
  const specs = options.kpis;
  const rows = options.targets ?? [];
  const rowFor = (spec: { name: string; label: string }) =>
    rows.find((r) => fold(r.kpi) === fold(spec.name) || fold(r.kpi) === fold(spec.label));
  const fileTargets: Record<string, number> = {};
  for (const spec of specs) {
    const row = rowFor(spec);
    if (row?.target !== null && row?.target !== undefined) fileTargets[spec.name] = row.target;
  }
  const kpis: CardKpi[] = specs.map((spec) => {
    const kpi = kpiOf(spec, school, policy, { ...options.planTargets, ...fileTargets });
    const row = rowFor(spec);
    const fromFile = fileTargets[spec.name] !== undefined;
    const value = row?.value ?? kpi.value;
    return withStatus(
      {
        ...kpi,
        value,
        target_source: fromFile ? 'targets file' : kpi.target_source === 'plan target' ? 'WFAP' : kpi.target_source,
      },
      row?.value !== null && row?.value !== undefined ? 'targets file' : `school data (${spec.field})`,
      closeWithin,
    );
  });
  // KPIs only the targets file names: the value from the file, else a school-data column of that name.
  for (const row of rows) {
    if (specs.some((s) => rowFor(s) === row)) continue;
    const raw = school.fields[row.kpi] ?? school.extra[row.kpi] ?? null;
    const fromData = raw === null || raw === '' ? null : Number(String(raw).replace(/%$/, ''));
    const dataValue = fromData === null || Number.isNaN(fromData) ? null : fromData;
    kpis.push(
      withStatus(
        {
          name: row.kpi,
          label: row.label ?? row.kpi,
          unit: row.unit ?? '',
          field: row.kpi,
          value: row.value ?? dataValue,
          target: row.target,
          target_source: row.target === null ? 'no target set' : 'targets file',
          lower_is_better: row.lowerIsBetter ?? false,
        },
        row.value !== null ? 'targets file' : dataValue !== null ? `school data (${row.kpi})` : 'none',
        closeWithin,
      ),
    );
  }
  const count = (s: KpiStatus) => kpis.filter((k) => k.status === s).length;
  const inForce = placement.retiering?.inForce ?? null;
  const computed = placement.retiering?.classified;
  return {
    kind: 'card',
    school: schoolOf(school),
    academic_year: academicYearName(academicYearOf(options.asOf)),
    as_of: options.asOf,
    policy: { id: policy.id, name: policy.name },
    tier: {
      id: placement.tier,
      label: placement.label,
      days_text: placement.daysText,
      retiered: inForce ? describeChange(inForce, placement.label) : null,
      computed: inForce && computed ? `${computed.label ?? 'needs data'} [${computed.tier ?? '-'}]` : null,
    },
    close_within: closeWithin,
    kpis,
    summary: { met: count('met'), close: count('close'), not_met: count('not met'), no_data: count('no data') },
  };
}

function withStatus(kpi: Kpi, valueSource: string, closeWithin: number): CardKpi {
  const margin =
    kpi.value === null || kpi.target === null
      ? null
      : Math.round((kpi.lower_is_better ? kpi.target - kpi.value : kpi.value - kpi.target) * 1000) / 1000;
  return {
    ...kpi,
    status: kpiStatus(kpi.value, kpi.target, kpi.lower_is_better, closeWithin),
    margin,
    value_source: kpi.value === null ? 'none' : valueSource,
  };
}
