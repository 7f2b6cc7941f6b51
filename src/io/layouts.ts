// The files officers download as they come: Ofsted's management information (each era), the GIAS
// establishment file and the DfE's performance and attendance files. Each layout is recognised
// from its headers and maps them to the canonical fields of SPEC section 3; every other column is
// carried through. A layout can also compute a field from a column (attendance = 100 - absence).
import { fold } from '../core/values.js';
import { FIELD_BY_NAME } from '../core/fields.js';
import { usageError } from '../errors.js';
import type { RawTable } from './read-table.js';

/**
 * A column of the published file, or a value computed per row: the first of `firstOf` that holds
 * anything but blank or NULL (a no-value word such as "Not judged" counts as holding, and stops
 * the search), converted; or a value worked out from the whole row (`row`), used when any of the
 * columns it reads (`from`) is in the file.
 */
export type Source =
  | string
  | { firstOf: string[]; convert?: 'complement100' | 'ungraded-outcome' }
  | { from: string[]; row: (get: (header: string) => string) => string; how: string };

export interface Layout {
  id: string;
  label: string;
  /** Headers (as published) that must all be present for the layout to be recognised. */
  requires: string[];
  /** Headers whose presence rules the layout out (tells the Ofsted eras apart). */
  excludes?: string[];
  /** Canonical field -> the published column(s) that fill it; the first column present wins. */
  fields: Record<string, Source | Source[]>;
  /** Where a file has no inspection data: said when a policy needs it. */
  hint?: string;
  /** A preset that can place every school from this file's public data alone (used with no config). */
  publicPreset?: string;
  /** Fields a school may still need from this file, and the published file that supplies them (--with). */
  supplies?: Record<string, string>;
}

const OFSTED_COMMON: Record<string, Source | Source[]> = {
  urn: 'URN',
  name: 'School name',
  phase: 'Ofsted phase',
  trust: 'Multi-academy trust name',
};

const held = (raw: string | undefined) => raw !== undefined && raw.trim() !== '' && raw.trim().toUpperCase() !== 'NULL';
/** A judgement 1-4 (as Ofsted or pandas writes it) or its word; "Not judged" and 9 are not. */
const isGrade = (raw: string) =>
  /^\s*([1-4](\.0+)?|outstanding|good|requires improvement|inadequate|ri)\s*$/i.test(raw);
const isYes = (raw: string) => /^\s*(yes|y|true)\s*$/i.test(raw);

/**
 * The latest graded inspection from the latest and the "Previous ..." columns of a file whose row
 * is a school's latest event (the 2024/25 in-year file): when that event gave no judgement and
 * did not convert (a section 8 that did not convert, a monitoring visit, a no-formal-designation
 * visit), the graded inspection is the previous one. A converted event is graded itself.
 */
const EVENT_GRADES = [
  'Overall effectiveness',
  'Quality of education',
  'Behaviour and attitudes',
  'Personal development',
  'Effectiveness of leadership and management',
];
const CONVERTED = 'Did the latest ungraded inspection convert to a graded inspection?';
export function eventIsUngraded(get: (header: string) => string): boolean {
  if (isYes(get(CONVERTED))) return false;
  return !EVENT_GRADES.some((h) => isGrade(get(h)));
}
const latestGraded = (event: string, previous: string): Source => ({
  from: [event, previous],
  how: `${event}, or ${previous} when the latest event is ungraded`,
  row: (get) => (eventIsUngraded(get) ? get(previous) : get(event)),
});
const onlyIfGraded = (event: string): Source => ({
  from: [event],
  how: `${event} when the latest event is graded`,
  row: (get) => (eventIsUngraded(get) ? '' : get(event)),
});
const onlyIfUngraded = (event: string): Source => ({
  from: [event],
  how: `${event} when the latest event is ungraded`,
  row: (get) => (eventIsUngraded(get) ? get(event) : ''),
});

/** The 2024/25 in-year management information: one row per school, its latest event first. */
const IN_YEAR: Record<string, Source | Source[]> = {
  ...OFSTED_COMMON,
  ofsted_overall: latestGraded('Overall effectiveness', 'Previous overall effectiveness'),
  ofsted_date: latestGraded('Inspection start date', 'Previous inspection start date'),
  ofsted_quality_of_education: latestGraded('Quality of education', 'Previous quality of education'),
  ofsted_behaviour_attitudes: latestGraded('Behaviour and attitudes', 'Previous behaviour and attitudes'),
  ofsted_personal_development: latestGraded('Personal development', 'Previous personal development'),
  ofsted_leadership_management: latestGraded(
    'Effectiveness of leadership and management',
    'Previous effectiveness of leadership and management',
  ),
  safeguarding_effective: [
    latestGraded('Safeguarding is effective', 'Previous safeguarding is effective?'),
    latestGraded('Safeguarding is effective?', 'Previous safeguarding is effective?'),
  ],
  // A school in a category stays in it through its monitoring visits: the event's, else the graded one's.
  ofsted_category: {
    from: ['Category of concern', 'Previous category of concern'],
    how: 'Category of concern, or Previous category of concern when the latest event is ungraded',
    row: (get) =>
      held(get('Category of concern')) || !eventIsUngraded(get)
        ? get('Category of concern')
        : get('Previous category of concern'),
  },
  ofsted_inspection_type: onlyIfGraded('Inspection type'),
  previous_ofsted_overall: onlyIfGraded('Previous overall effectiveness'),
  previous_ofsted_date: onlyIfGraded('Previous inspection start date'),
  // After an ungraded event the graded inspection is the "previous" one: the one before it is not in the file.
  previous_ofsted_given: {
    from: ['Previous overall effectiveness'],
    how: 'no when the latest event is ungraded',
    row: (get) => (eventIsUngraded(get) ? 'no' : 'yes'),
  },
  inspection_current_form: {
    from: ['Does the previous inspection relate to the school in its current form?'],
    how: 'Does the previous inspection relate to the school in its current form? when the latest event is ungraded',
    row: (get) =>
      eventIsUngraded(get) ? get('Does the previous inspection relate to the school in its current form?') : '',
  },
  ofsted_ungraded_type: {
    from: ['Inspection type', 'Inspection type grouping'],
    how: 'Inspection type (and grouping) when the latest event is ungraded',
    row: (get) => {
      if (!eventIsUngraded(get)) return '';
      const [type, grouping] = [get('Inspection type').trim(), get('Inspection type grouping').trim()];
      return held(grouping) && grouping !== type ? `${type} (${grouping})` : type;
    },
  },
  ofsted_ungraded_outcome: onlyIfUngraded('Outcomes for ungraded and monitoring inspections'),
  ofsted_ungraded_date: onlyIfUngraded('Inspection start date'),
  not_yet_inspected: {
    from: ['Inspection start date'],
    how: 'yes when the row has no inspection at all',
    row: (get) => (held(get('Inspection start date')) || held(get('Previous inspection start date')) ? '' : 'yes'),
  },
};

/**
 * The legacy "latest inspections" files (official statistics "as at", and the monthly
 * management information to August 2024): the graded columns already hold the latest graded
 * inspection, and the latest ungraded inspection since it has columns of its own.
 */
const LEGACY: Record<string, Source | Source[]> = {
  ...OFSTED_COMMON,
  ofsted_overall: 'Overall effectiveness',
  ofsted_date: 'Inspection start date',
  ofsted_quality_of_education: 'Quality of education',
  ofsted_behaviour_attitudes: 'Behaviour and attitudes',
  ofsted_personal_development: 'Personal development',
  ofsted_leadership_management: 'Effectiveness of leadership and management',
  safeguarding_effective: 'Safeguarding is effective?',
  ofsted_category: 'Category of concern',
  ofsted_inspection_type: 'Inspection type',
  previous_ofsted_overall: 'Previous graded inspection overall effectiveness',
  previous_ofsted_date: 'Previous inspection start date',
  inspection_current_form: 'Does the latest graded inspection relate to the URN of the current school?',
  ofsted_ungraded_outcome: 'Ungraded inspection overall outcome',
  ofsted_ungraded_date: 'Date of latest ungraded inspection',
  not_yet_inspected: {
    from: ['Inspection start date'],
    how: 'yes when the row has no graded and no ungraded inspection',
    row: (get) => (held(get('Inspection start date')) || held(get('Date of latest ungraded inspection')) ? '' : 'yes'),
  },
};

/** The grade before a 2024/25 inspection or a report card is in an older Ofsted file. */
const OLDER_OFSTED =
  'the previous Ofsted grade is in an older Ofsted file: join one, e.g. --with the official statistics "as at 31 August 2024" (ofsted-legacy) or the 2024/25 in-year file (ofsted-2024-25)';

export const LAYOUTS: Layout[] = [
  {
    id: 'ofsted-report-card',
    label: 'Ofsted management information, report-card era (from November 2025)',
    requires: ['URN', 'Leadership and governance', 'Safeguarding standards'],
    publicPreset: 'rise-2025',
    fields: {
      ...OFSTED_COMMON,
      rc_date: [
        'Leadership and governance - date of judgement',
        'Safeguarding standards - date of judgement',
        'Inclusion - date of judgement',
      ],
      rc_inclusion: 'Inclusion',
      rc_curriculum_teaching: 'Curriculum and teaching',
      rc_achievement: 'Achievement',
      rc_attendance_behaviour: 'Attendance and behaviour',
      rc_personal_development: ['Personal development and wellbeing', 'Personal development and well-being'],
      rc_leadership_governance: 'Leadership and governance',
      rc_early_years: ['Early years (where applicable)', 'Early years'],
      rc_post16: ['Post-16 provision (where applicable)', 'Post-16 provision'],
      rc_safeguarding: 'Safeguarding standards',
      // The last inspection under the previous framework (OEIF): graded, or sub-judgements only.
      // Schools whose last graded inspection predates the OEIF (2019) have only an ungraded
      // inspection here: "School remains Good" confirms Ofsted's grade, so it stands in.
      ofsted_overall: {
        firstOf: ['Latest OEIF overall effectiveness', 'Ungraded inspection overall outcome'],
        convert: 'ungraded-outcome',
      },
      ofsted_date: 'Inspection start date of latest OEIF graded inspection',
      ofsted_quality_of_education: 'Latest OEIF quality of education',
      ofsted_behaviour_attitudes: 'Latest OEIF behaviour and attitudes',
      ofsted_personal_development: 'Latest OEIF personal development',
      ofsted_leadership_management: 'Latest OEIF effectiveness of leadership and management',
      safeguarding_effective: 'Latest OEIF safeguarding is effective?',
      ofsted_category: ['Most recent category of concern', 'Category of concern', 'Latest OEIF category of concern'],
      ofsted_inspection_type: 'Inspection type of latest OEIF graded inspection',
      // This file gives no grade before the latest OEIF inspection.
      previous_ofsted_given: {
        from: ['Latest OEIF overall effectiveness'],
        how: 'no: the file has no earlier grade',
        row: () => 'no',
      },
      inspection_current_form: {
        from: [
          'Does the latest full inspection relate to the URN of the current school?',
          'Does the latest OEIF graded inspection relate to the URN of the current school?',
        ],
        how: 'whether the report card, else the latest OEIF graded inspection, relates to the URN of the current school',
        row: (get) =>
          held(get('Leadership and governance')) || held(get('Safeguarding standards'))
            ? get('Does the latest full inspection relate to the URN of the current school?')
            : get('Does the latest OEIF graded inspection relate to the URN of the current school?'),
      },
      ofsted_ungraded_outcome: 'Ungraded inspection overall outcome',
      ofsted_ungraded_date: 'Date of latest ungraded inspection',
      not_yet_inspected: {
        from: ['Latest OEIF overall effectiveness'],
        how: 'yes when the row has no report card, no OEIF inspection and no ungraded inspection',
        row: (get) =>
          [
            'Leadership and governance',
            'Safeguarding standards',
            'Inspection start date of latest OEIF graded inspection',
            'Latest OEIF overall effectiveness',
            'Latest OEIF quality of education',
            'Date of latest ungraded inspection',
            'Ungraded inspection overall outcome',
          ].some((h) => held(get(h)))
            ? ''
            : 'yes',
      },
    },
    supplies: { previous_ofsted_overall: OLDER_OFSTED },
  },
  {
    id: 'ofsted-2024-25',
    label:
      "Ofsted management information, 2024/25 in-year (each school's latest event; sub-judgements, no overall grade)",
    requires: ['URN', 'Quality of education', 'Previous overall effectiveness'],
    excludes: ['Previous graded inspection overall effectiveness', 'Leadership and governance'],
    publicPreset: 'rise-2025',
    fields: IN_YEAR,
    supplies: { previous_ofsted_overall: OLDER_OFSTED, ofsted_overall: OLDER_OFSTED },
  },
  {
    id: 'ofsted-legacy',
    label: 'Ofsted management information / official statistics with overall effectiveness (to August 2024)',
    requires: ['URN', 'Overall effectiveness', 'Previous graded inspection overall effectiveness'],
    publicPreset: 'rise-2025',
    fields: LEGACY,
  },
  {
    id: 'gias',
    label: 'DfE Get Information About Schools (GIAS) establishment file',
    requires: ['URN', 'EstablishmentName'],
    publicPreset: 'rise-2025',
    fields: {
      urn: 'URN',
      name: 'EstablishmentName',
      phase: 'PhaseOfEducation (name)',
      trust: 'Trusts (name)',
      ofsted_overall: 'OfstedRating (name)',
      ofsted_date: 'OfstedLastInsp',
    },
  },
  {
    id: 'dfe-ks4',
    label: 'DfE key stage 4 school-level performance (explore education statistics)',
    requires: ['school_urn', 'avg_att8'],
    hint: 'a key stage 4 performance file has no inspection data: join it to an Ofsted file, e.g. sit classify ofsted.csv --with ks4.csv',
    fields: {
      urn: 'school_urn',
      name: 'school_name',
      attainment_pct: 'pt_l2basics_95',
      progress_score: 'avg_p8score',
    },
  },
  {
    id: 'dfe-ks2',
    label: 'DfE key stage 2 school-level performance',
    requires: ['school_urn', 'pt_rwm_met_expected_standard'],
    hint: 'a key stage 2 performance file has no inspection data: join it to an Ofsted file with --with',
    fields: {
      urn: 'school_urn',
      name: 'school_name',
      attainment_pct: 'pt_rwm_met_expected_standard',
    },
  },
  {
    id: 'dfe-ks2-performance-tables',
    label: 'DfE key stage 2 performance tables (england_ks2final)',
    requires: ['URN', 'PTRWM_EXP'],
    hint: 'a key stage 2 performance file has no inspection data: join it to an Ofsted file with --with',
    fields: { urn: 'URN', name: 'SCHNAME', attainment_pct: 'PTRWM_EXP' },
  },
  {
    id: 'dfe-ks4-performance-tables',
    label: 'DfE key stage 4 performance tables (england_ks4final)',
    requires: ['URN', 'ATT8SCR'],
    hint: 'a key stage 4 performance file has no inspection data: join it to an Ofsted file with --with',
    fields: { urn: 'URN', name: 'SCHNAME', attainment_pct: 'PTL2BASICS_95', progress_score: 'P8MEA' },
  },
  {
    id: 'dfe-attendance',
    label: 'DfE pupil absence, school level (explore education statistics)',
    requires: ['school_urn', 'sess_overall_percent'],
    hint: 'an absence file has no inspection data: join it to an Ofsted file with --with',
    fields: {
      urn: 'school_urn',
      name: 'school_name',
      attendance_pct: { firstOf: ['sess_overall_percent'], convert: 'complement100' },
      persistent_absence_pct: ['enrolments_pa_10_exact_percent', 'enrolments_pa10_exact_percent'],
    },
  },
];

export const LAYOUT_IDS = LAYOUTS.map((l) => l.id);

export function layoutById(id: string): Layout {
  const layout = LAYOUTS.find((l) => l.id === id);
  if (!layout) throw usageError(`--layout ${id}: no such layout; choose one of: ${LAYOUT_IDS.join(', ')}`);
  return layout;
}

/** The first layout whose required headers are all present (and none it excludes). */
export function detectLayout(headers: string[]): Layout | null {
  const present = new Set(headers.map(fold));
  return (
    LAYOUTS.find(
      (l) => l.requires.every((h) => present.has(fold(h))) && !(l.excludes ?? []).some((h) => present.has(fold(h))),
    ) ?? null
  );
}

export interface AppliedLayout {
  table: RawTable;
  /** For each column of the new table, the canonical field it fills (or null: carried through). */
  fieldOf: (string | null)[];
  /** Canonical fields this layout filled from the file. */
  filled: string[];
}

const sourceNames = (s: Source) => (typeof s === 'string' ? [s] : 'firstOf' in s ? s.firstOf : s.from);

/** 100 - x, for attendance from absence; other text as it was (the field's parser judges it). */
function complement(raw: string): string {
  const text = raw.trim();
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return raw;
  return String(Math.round((100 - Number(text)) * 1e6) / 1e6);
}

/** An ungraded inspection's outcome as the grade it confirms ("School remains Good" -> Good); else blank. */
export function ungradedGrade(raw: string): string {
  const m = /^\s*school remains (outstanding|good)\b/i.exec(raw);
  if (m) return m[1][0].toUpperCase() + m[1].slice(1).toLowerCase();
  return /^\s*(school remains|standards|some aspects)/i.test(raw) ? '' : raw;
}

const CONVERT = { complement100: complement, 'ungraded-outcome': ungradedGrade } as const;
const holdsValue = (raw: string | undefined) =>
  raw !== undefined && raw.trim() !== '' && raw.trim().toUpperCase() !== 'NULL';

type CellOf = (cells: string[]) => string;

export interface LayoutColumns {
  /** The file's headers, then a header for each computed column. */
  headers: string[];
  /** For each column of the new table, the canonical field it fills (or null: carried through). */
  fieldOf: (string | null)[];
  /** Canonical fields this layout filled from the file. */
  filled: string[];
  /** A row of the file with the computed columns added; null when the layout computes none. */
  row: ((cells: string[]) => string[]) | null;
}

/**
 * Maps a file's columns by the layout. A column computed from others (attendance from absence,
 * the latest graded inspection from the latest or the previous columns) is added at the end
 * under a header saying how it was made; the originals stay.
 */
export function layoutColumns(fileHeaders: string[], layout: Layout): LayoutColumns {
  const index = new Map<string, number>();
  fileHeaders.forEach((h, i) => {
    if (!index.has(fold(h))) index.set(fold(h), i);
  });
  const fieldOf: (string | null)[] = fileHeaders.map(() => null);
  const headers = [...fileHeaders];
  const computed: CellOf[] = [];
  const filled: string[] = [];
  for (const [field, spec] of Object.entries(layout.fields)) {
    if (!FIELD_BY_NAME.has(field)) throw new Error(`layout ${layout.id}: unknown field ${field}`);
    const sources = Array.isArray(spec) ? spec : [spec];
    const source = sources.find((s) => sourceNames(s).some((n) => index.has(fold(n))));
    if (source === undefined) continue;
    if (typeof source === 'string') {
      const column = index.get(fold(source))!;
      if (fieldOf[column] !== null) continue;
      fieldOf[column] = field;
    } else if ('firstOf' in source) {
      const columns = source.firstOf.filter((n) => index.has(fold(n))).map((n) => index.get(fold(n))!);
      const convert = source.convert ? CONVERT[source.convert] : undefined;
      computed.push((cells) => {
        const column = columns.find((i) => holdsValue(cells[i]));
        if (column === undefined) return '';
        return convert ? convert(cells[column]) : cells[column];
      });
      const how = source.convert === 'complement100' ? '100 - ' : '';
      headers.push(`${field} (from ${how}${columns.map((c) => fileHeaders[c]).join(' or ')})`);
      fieldOf.push(field);
    } else {
      const row = source.row;
      computed.push((cells) =>
        row((h) => {
          const i = index.get(fold(h));
          return i === undefined ? '' : (cells[i] ?? '');
        }),
      );
      headers.push(`${field} (from ${source.how})`);
      fieldOf.push(field);
    }
    filled.push(field);
  }
  const width = fileHeaders.length;
  // A row with more values than the header stays as it is: it is reported, not mapped.
  const row =
    computed.length === 0
      ? null
      : (cells: string[]) =>
          cells.length > width ? cells : [...padTo(cells, width), ...computed.map((c) => c(cells))];
  return { headers, fieldOf, filled, row };
}

/** A whole table mapped by the layout (layoutColumns row by row). */
export function applyLayout(table: RawTable, layout: Layout): AppliedLayout {
  const { headers, fieldOf, filled, row } = layoutColumns(table.headers, layout);
  const rows = row === null ? table.rows : table.rows.map((r) => ({ line: r.line, cells: row(r.cells) }));
  return { table: { ...table, headers, rows }, fieldOf, filled };
}

function padTo(cells: string[], n: number): string[] {
  return cells.length >= n ? cells : [...cells, ...Array<string>(n - cells.length).fill('')];
}

/** Columns with no header: the row index pandas writes first is one, when its values are all whole numbers. */
export const unnamedColumns = (headers: string[]): number[] =>
  headers.map((h, i) => (h.trim() === '' ? i : -1)).filter((i) => i >= 0);

/** A value an index column may hold: blank or a whole number. */
export const isIndexValue = (cell: string | undefined): boolean => /^\s*(\d+(\.0+)?)?\s*$/.test(cell ?? '');

/** A row without the dropped columns. */
export const withoutColumns = (cells: string[], drop: number[]): string[] => cells.filter((_, i) => !drop.includes(i));

/**
 * Drops a column with no header whose values are all blank or whole numbers: the row index that
 * pandas writes first. Other unnamed columns are kept.
 */
export function dropIndexColumns(table: RawTable): RawTable {
  const drop = unnamedColumns(table.headers).filter((i) => table.rows.every((r) => isIndexValue(r.cells[i])));
  if (drop.length === 0) return table;
  return {
    ...table,
    headers: withoutColumns(table.headers, drop),
    rows: table.rows.map((r) => ({ line: r.line, cells: withoutColumns(r.cells, drop) })),
  };
}

/**
 * Which published file supplies a field a school needs, to join with --with: the file's own
 * layout says so where it knows (the grade before a 2024/25 inspection is in an older Ofsted file);
 * otherwise the layouts that fill the field. Null for a field no published file has.
 */
export function supplierOf(field: string, current: Layout | null): string | null {
  const own = current?.supplies?.[field];
  if (own) return own;
  const others = LAYOUTS.filter((l) => l !== current && l.id !== 'gias' && field in l.fields);
  if (others.length === 0) return null;
  const ids = others.map((l) => l.id);
  return `files in the ${ids.length > 1 ? `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]}` : ids[0]} layout have it: join one with --with`;
}

/** Schools needing data, counted by field, each with the published file that supplies it. */
export function needingDataLines(missing: string[][], current: Layout | null): string[] {
  const counts = new Map<string, number>();
  for (const fields of missing) for (const f of fields) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([field, n]) => {
      const where = supplierOf(field, current);
      return `${field}: ${n} ${n === 1 ? 'school needs' : 'schools need'} it${where ? `; ${where}` : ''}`;
    });
}
