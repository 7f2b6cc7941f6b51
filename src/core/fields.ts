// The canonical school fields of SPEC section 3: one table that drives header matching, the row
// schema, output columns and the names policies may use.
import * as v from './values.js';

export type FieldKind =
  | 'urn'
  | 'name'
  | 'text'
  | 'phase'
  | 'grade'
  | 'date'
  | 'dateOrYear'
  | 'category'
  | 'rcGrade'
  | 'met'
  | 'percent'
  | 'number'
  | 'count'
  | 'capacity'
  | 'yesNo';

export interface FieldDef {
  name: string;
  kind: FieldKind;
  /** What a person would call it, for messages and explanations. */
  label: string;
  /** Other headers that mean the same (matched after folding case, spaces, hyphens, underscores). */
  aliases?: string[];
}

export const PARSERS: Record<FieldKind, (raw: string) => v.Parsed<unknown>> = {
  urn: v.parseUrn,
  name: v.parseFreeText,
  text: v.parseText,
  phase: v.parsePhase,
  grade: v.parseOfstedGrade,
  date: v.parseDate,
  dateOrYear: v.parseDateOrYear,
  category: v.parseCategory,
  rcGrade: v.parseReportCardGrade,
  met: v.parseMet,
  percent: v.parsePercent,
  number: v.parseNumber,
  count: v.parseCount,
  capacity: v.parseCapacity,
  yesNo: v.parseYesNo,
};

/**
 * For the kinds most cells of a large file are: their common text read at once to the value the
 * kind's parser gives (undefined: the parser reads it).
 */
export const QUICK_PARSERS: Partial<Record<FieldKind, (raw: string) => FieldValue | undefined>> = {
  urn: v.quickUrn,
  name: v.quickFreeText,
  text: v.quickText,
  percent: v.quickPercent,
  number: v.quickNumber,
  count: v.quickCount,
  date: v.quickDateText,
  dateOrYear: v.quickDateText,
};

const f = (name: string, kind: FieldKind, label: string, aliases?: string[]): FieldDef => ({
  name,
  kind,
  label,
  aliases,
});

export const FIELDS: FieldDef[] = [
  f('urn', 'urn', 'URN', ['school urn', 'unique reference number']),
  f('name', 'name', 'school name', ['school name', 'school', 'establishment name']),
  f('phase', 'phase', 'phase', ['school phase', 'phase of education', 'ofsted phase']),
  f('trust', 'text', 'trust', ['trust name', 'mat', 'multi academy trust', 'multi-academy trust name']),
  f('ofsted_overall', 'grade', 'Ofsted overall effectiveness', ['overall effectiveness', 'ofsted grade', 'ofsted']),
  f('ofsted_date', 'date', 'Ofsted inspection date', ['inspection date', 'inspection start date']),
  f('previous_ofsted_overall', 'grade', 'previous Ofsted overall effectiveness'),
  f('previous_ofsted_date', 'date', 'previous Ofsted inspection date'),
  f('ofsted_quality_of_education', 'grade', 'Ofsted quality of education'),
  f('ofsted_behaviour_attitudes', 'grade', 'Ofsted behaviour and attitudes'),
  f('ofsted_personal_development', 'grade', 'Ofsted personal development'),
  f('ofsted_leadership_management', 'grade', 'Ofsted leadership and management'),
  f('ofsted_category', 'category', 'category of concern', ['category of concern']),
  // How a published Ofsted file describes the latest graded inspection (io/layouts.ts fills these).
  f('ofsted_inspection_type', 'text', 'type of the latest graded inspection'),
  f('inspection_current_form', 'yesNo', 'the deciding inspection relates to the school in its current form'),
  f('previous_ofsted_given', 'yesNo', 'the file gives the grade before the latest graded inspection'),
  f('ofsted_ungraded_type', 'text', 'latest ungraded inspection: type'),
  f('ofsted_ungraded_outcome', 'text', 'latest ungraded inspection: outcome'),
  f('ofsted_ungraded_date', 'date', 'latest ungraded inspection: date'),
  f('not_yet_inspected', 'yesNo', 'not yet inspected (no inspection of the school in the file)'),
  f('rc_date', 'date', 'report-card inspection date'),
  f('rc_inclusion', 'rcGrade', 'report card: inclusion'),
  f('rc_curriculum_teaching', 'rcGrade', 'report card: curriculum and teaching'),
  f('rc_achievement', 'rcGrade', 'report card: achievement'),
  f('rc_attendance_behaviour', 'rcGrade', 'report card: attendance and behaviour'),
  f('rc_personal_development', 'rcGrade', 'report card: personal development and well-being'),
  f('rc_leadership_governance', 'rcGrade', 'report card: leadership and governance'),
  f('rc_early_years', 'rcGrade', 'report card: early years'),
  f('rc_post16', 'rcGrade', 'report card: post-16'),
  f('rc_safeguarding', 'met', 'report card: safeguarding standards'),
  f('attendance_pct', 'percent', 'attendance %', ['attendance', 'attendance %']),
  f('persistent_absence_pct', 'percent', 'persistent absence %', ['persistent absence', 'persistent absence %']),
  f('attainment_pct', 'percent', 'attainment %', ['attainment', 'attainment %']),
  f('progress_score', 'number', 'progress score', ['progress']),
  f('disadvantaged_gap_pp', 'number', 'disadvantaged gap (percentage points)', ['disadvantaged gap']),
  f('suspension_rate_pct', 'percent', 'suspension rate %', ['suspension rate']),
  f('permanent_exclusions', 'count', 'permanent exclusions'),
  f('staff_turnover_pct', 'percent', 'staff turnover %', ['staff turnover']),
  f('headteacher_start', 'date', 'headteacher start date', ['head start date', 'headteacher start date']),
  f('leadership_capacity', 'capacity', 'leadership capacity'),
  f('safeguarding_effective', 'yesNo', 'safeguarding effective', ['safeguarding']),
  f('governance_effective', 'yesNo', 'governance effective', ['governance']),
  f('last_peer_review', 'dateOrYear', 'last peer review'),
  f('last_external_review', 'dateOrYear', 'last external review'),
  f('override_tier', 'name', 'override tier'),
  f('override_reason', 'name', 'override reason'),
];

export const FIELD_BY_NAME: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((d) => [d.name, d]));

/** Folded header -> canonical field name, from names and aliases. */
export const HEADER_INDEX: ReadonlyMap<string, string> = (() => {
  const index = new Map<string, string>();
  for (const def of FIELDS) {
    index.set(v.fold(def.name), def.name);
    for (const alias of def.aliases ?? []) index.set(v.fold(alias), def.name);
  }
  return index;
})();

export type FieldValue = string | number | boolean | null;
