// How canonical values are shown to people: grades in Ofsted's words, booleans as yes/no.
import { FIELD_BY_NAME, type FieldValue } from './fields.js';
import { OFSTED_GRADE_LABELS, RC_GRADE_LABELS, type OfstedGrade, type ReportCardGrade } from './values.js';

export function displayValue(field: string | undefined, value: FieldValue): string {
  if (value === null) return 'blank';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const kind = field ? FIELD_BY_NAME.get(field)?.kind : undefined;
  if (kind === 'grade') return OFSTED_GRADE_LABELS[value as OfstedGrade] ?? String(value);
  if (kind === 'rcGrade') return RC_GRADE_LABELS[value as ReportCardGrade] ?? String(value);
  if (kind === 'met') return value === 'met' ? 'Met' : 'Not met';
  return String(value);
}

/**
 * Days a policy gives no number for, in words a school or board reads: what the policy gives
 * instead, and what sit does about it, as sit's choice.
 */
export const notStatedText = (given: string) =>
  `no set number of days: ${given} (sit's choice: left blank, never counted as 0)`;

/** A number to two decimal places at most, as people read it: 2.5, 0.33, 12. */
export const round2 = (n: number): number => Math.round(n * 100) / 100;
export const showNumber = (n: number): string => String(round2(n));
/** round2, with a blank (null) left blank. */
export const r2 = (n: number | null): number | null => (n === null ? null : round2(n));

/** A name as part of a file name: "Dunmore Primary School" -> dunmore-primary-school. */
export const slugOf = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A KPI's value as shown: "96.1%", or "" for a blank value. */
export function formatKpiValue(value: number | null, unit: string): string {
  return value === null ? '' : `${value}${unit}`;
}
