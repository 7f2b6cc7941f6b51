// Report cards (Ofsted, from 10 November 2025) and how they sit beside the graded inspections
// before them: the category of concern a report card leads to (SPEC section 2), which inspection
// is a school's latest, and "the inspection before" it. Pure: fields in, values and words out.
import type { FieldValue } from './fields.js';
import { fieldsReaderOf } from './school.js';
import { OFSTED_GRADE_LABELS, RC_GRADE_LABELS, type OfstedGrade, type ReportCardGrade } from './values.js';

type Fields = Record<string, FieldValue>;

export const RC_AREAS = [
  'rc_inclusion',
  'rc_curriculum_teaching',
  'rc_achievement',
  'rc_attendance_behaviour',
  'rc_personal_development',
  'rc_leadership_governance',
  'rc_early_years',
  'rc_post16',
] as const;

const AREA_NAMES: Record<string, string> = {
  rc_inclusion: 'Inclusion',
  rc_curriculum_teaching: 'Curriculum and teaching',
  rc_achievement: 'Achievement',
  rc_attendance_behaviour: 'Attendance and behaviour',
  rc_personal_development: 'Personal development and well-being',
  rc_leadership_governance: 'Leadership and governance',
  rc_early_years: 'Early years',
  rc_post16: 'Post-16',
};

const URGENT: ReportCardGrade = 'urgent-improvement';

export function hasReportCard(fields: Fields): boolean {
  // Each area by its own reader: this runs for every school placed by a rule on the latest inspection.
  for (const read of AREA_READERS) if (read(fields) !== null) return true;
  return fields.rc_safeguarding != null;
}
const AREA_READERS = RC_AREAS.map(fieldsReaderOf);

export interface Derived<T> {
  value: T | null;
  /** How it was found, in Ofsted's words, for explanations. */
  seen: string;
  /** Fields that were blank and needed. */
  missing: string[];
}

/**
 * The category of concern a report card leads to (SPEC section 2): SM if Leadership and
 * governance is Urgent improvement and another area is too or safeguarding is Not met; RSI if any
 * other area is Urgent improvement, safeguarding is Not met, or Leadership and governance is the
 * only area graded Urgent improvement; otherwise none.
 */
export function reportCardCategory(fields: Fields): { category: 'SM' | 'RSI' | null; why: string } {
  const urgent = RC_AREAS.filter((a) => fields[a] === URGENT);
  const leadershipUrgent = urgent.includes('rc_leadership_governance');
  const others = urgent.filter((a) => a !== 'rc_leadership_governance').map((a) => AREA_NAMES[a]);
  const notMet = fields.rc_safeguarding === 'not-met';
  if (leadershipUrgent && (others.length > 0 || notMet)) {
    const with_ = [...others.map((o) => `${o} Urgent improvement`), ...(notMet ? ['safeguarding Not met'] : [])].join(
      ', ',
    );
    return { category: 'SM', why: `Leadership and governance Urgent improvement with ${with_}` };
  }
  if (leadershipUrgent)
    return { category: 'RSI', why: 'Leadership and governance the only area graded Urgent improvement' };
  if (others.length > 0 || notMet) {
    const parts = [
      ...others.map((o) => `${o} Urgent improvement`),
      ...(notMet ? ['safeguarding standards Not met'] : []),
    ];
    return { category: 'RSI', why: parts.join(', ') };
  }
  return { category: null, why: 'no area Urgent improvement and safeguarding standards Met' };
}

/** The category of concern: as the file gives it, else derived from the report card, else none. */
export function categoryOfConcern(fields: Fields): Derived<string> {
  const given = fields.ofsted_category;
  if (given !== null && given !== undefined) return { value: String(given), seen: 'given in the file', missing: [] };
  if (hasReportCard(fields)) {
    const { category, why } = reportCardCategory(fields);
    return { value: category ?? 'none', seen: `derived from the report card: ${why}`, missing: [] };
  }
  return { value: 'none', seen: 'none given', missing: [] };
}

export type LatestInspection = 'report-card' | 'graded' | 'sub-judgements' | 'ungraded' | 'not-yet-inspected';

const SUB_JUDGEMENTS = [
  'ofsted_quality_of_education',
  'ofsted_behaviour_attitudes',
  'ofsted_personal_development',
  'ofsted_leadership_management',
];

/** The latest ungraded inspection, in Ofsted's words, for explanations ("" when there is none). */
export function ungradedEvent(fields: Fields): string {
  const { ofsted_ungraded_type: type, ofsted_ungraded_outcome: outcome, ofsted_ungraded_date: date } = fields;
  if (type == null && outcome == null && date == null) return '';
  return `${type ?? 'ungraded inspection'}${date ? ` of ${date}` : ''}${outcome ? `: "${outcome}"` : ''}`;
}

/** An ungraded event after the graded inspection, as a clause for `seen` texts. */
function afterUngraded(fields: Fields): string {
  const event = ungradedEvent(fields);
  const date = fields.ofsted_ungraded_date as string | null;
  const graded = fields.ofsted_date as string | null;
  if (!event || (date !== null && graded !== null && date < graded)) return '';
  return `; the latest event since, an ${event}, gave no graded judgement`;
}

/**
 * Which inspection is the school's latest that gave judgements: a report card (when it has one
 * dated on or after the graded inspection, or undated), a graded inspection with an overall
 * effectiveness grade, or a graded inspection with sub-judgements only (September 2024 to
 * November 2025). "ungraded" when the file holds only an ungraded inspection (the graded one
 * before it is older than the file reaches), "not-yet-inspected" when the file says the school
 * has no inspection at all (SPEC section 3: a fact, not a blank).
 */
export function latestInspection(fields: Fields): Derived<LatestInspection> {
  const rcDate = fields.rc_date as string | null;
  const ofstedDate = fields.ofsted_date as string | null;
  if (hasReportCard(fields) && (rcDate === null || ofstedDate === null || rcDate >= ofstedDate)) {
    return { value: 'report-card', seen: `report card${rcDate ? ` of ${rcDate}` : ''}`, missing: [] };
  }
  if (fields.ofsted_overall != null) {
    return {
      value: 'graded',
      seen: `graded inspection${ofstedDate ? ` of ${ofstedDate}` : ''}${afterUngraded(fields)}`,
      missing: [],
    };
  }
  if (SUB_JUDGEMENTS.some((f) => fields[f] != null)) {
    return {
      value: 'sub-judgements',
      seen: `inspection${ofstedDate ? ` of ${ofstedDate}` : ''} with sub-judgements and no overall grade${afterUngraded(fields)}`,
      missing: [],
    };
  }
  const event = ungradedEvent(fields);
  if (event)
    return {
      value: 'ungraded',
      seen: `only an ${event}; the graded inspection before it is not in the data`,
      missing: [],
    };
  if (fields.not_yet_inspected === true)
    return {
      value: 'not-yet-inspected',
      seen: 'not yet inspected: the file has no inspection of this school',
      missing: [],
    };
  return { value: null, seen: 'no inspection in the data', missing: ['ofsted_overall', 'rc_leadership_governance'] };
}

const RANK: Record<OfstedGrade, number> = { outstanding: 1, good: 2, 'requires-improvement': 3, inadequate: 4 };

/**
 * What Ofsted's own name for the latest graded inspection says of the one before it: a
 * re-inspection of a school that Requires Improvement, or of one in special measures or with
 * serious weaknesses (its monitoring visits deemed graded). Null when the name says nothing.
 */
export function gradeBeforeFromType(type: string | null): OfstedGrade | null {
  if (type === null) return null;
  if (/special measures|serious weaknesses/i.test(type)) return 'inadequate';
  if (/requires improvement/i.test(type)) return 'requires-improvement';
  return null;
}

/** "School remains Good" from an ungraded inspection before the latest graded one: the grade it confirms. */
function confirmedBefore(fields: Fields): { grade: OfstedGrade; seen: string } | null {
  const outcome = fields.ofsted_ungraded_outcome as string | null;
  const date = fields.ofsted_ungraded_date as string | null;
  const graded = fields.ofsted_date as string | null;
  if (outcome === null || date === null || graded === null || date >= graded) return null;
  const m = /^\s*school remains (outstanding|good)\b/i.exec(outcome);
  if (!m) return null;
  const grade = m[1].toLowerCase() as OfstedGrade;
  return { grade, seen: `the ungraded inspection of ${date} before it found "${outcome}"` };
}

/**
 * The judgement of the inspection before the latest. With a report card after a graded
 * inspection, that graded inspection is the one before (SPEC section 2); otherwise it is the
 * previous graded inspection: as the file gives it, else as Ofsted's name for the latest
 * inspection or an ungraded inspection in between says. A graded inspection without an overall
 * grade (2024/25) is taken at its lower grade of quality of education and leadership and
 * management, and says so. "none" when the data shows no inspection before; unknown (null) when
 * the file does not reach back to it.
 */
export function inspectionBefore(fields: Fields): Derived<OfstedGrade | 'none'> {
  const latest = latestInspection(fields);
  if (latest.value === 'report-card') {
    const overall = fields.ofsted_overall as OfstedGrade | null;
    const date = fields.ofsted_date ? ` of ${fields.ofsted_date}` : '';
    if (overall !== null)
      return {
        value: overall,
        seen: `graded inspection${date} before the report card: ${OFSTED_GRADE_LABELS[overall]}`,
        missing: [],
      };
    const subs = (['ofsted_quality_of_education', 'ofsted_leadership_management'] as const)
      .map((f) => fields[f] as OfstedGrade | null)
      .filter((g): g is OfstedGrade => g !== null);
    if (subs.length > 0) {
      const lowest = subs.sort((a, b) => RANK[b] - RANK[a])[0];
      return {
        value: lowest,
        seen: `inspection${date} before the report card had no overall grade; its lower of quality of education and leadership and management: ${OFSTED_GRADE_LABELS[lowest]}`,
        missing: [],
      };
    }
    return { value: 'none', seen: 'no graded inspection before the report card in the data', missing: [] };
  }
  if (latest.value === 'not-yet-inspected') return { value: 'none', seen: latest.seen, missing: [] };
  if (latest.value === null || latest.value === 'ungraded')
    return { value: null, seen: latest.seen, missing: latest.missing.length ? latest.missing : ['ofsted_overall'] };
  const previous = fields.previous_ofsted_overall as OfstedGrade | null;
  if (previous !== null) {
    const date = fields.previous_ofsted_date ? ` of ${fields.previous_ofsted_date}` : '';
    return {
      value: previous,
      seen: `previous graded inspection${date}: ${OFSTED_GRADE_LABELS[previous]}`,
      missing: [],
    };
  }
  const type = fields.ofsted_inspection_type as string | null;
  const fromType = gradeBeforeFromType(type);
  if (fromType !== null)
    return {
      value: fromType,
      seen: `the latest inspection was a "${type}", so the one before was ${OFSTED_GRADE_LABELS[fromType]}`,
      missing: [],
    };
  const confirmed = confirmedBefore(fields);
  if (confirmed)
    return { value: confirmed.grade, seen: `${confirmed.seen}: ${OFSTED_GRADE_LABELS[confirmed.grade]}`, missing: [] };
  // A blank previous grade means there was none (a new school or URN), unless the file does not
  // give it: files of the report-card era, a 2024/25 row whose graded inspection is the "previous" one.
  if (
    fields.previous_ofsted_given === false ||
    (latest.value === 'sub-judgements' && fields.previous_ofsted_given !== true)
  ) {
    return {
      value: null,
      seen: 'the grade before the latest graded inspection is not in the data',
      missing: ['previous_ofsted_overall'],
    };
  }
  return { value: 'none', seen: 'no previous graded inspection in the data (a new school or a new URN)', missing: [] };
}

const RC_RANK: Record<ReportCardGrade, number> = {
  exceptional: 1,
  strong: 2,
  expected: 3,
  'needs-attention': 4,
  'urgent-improvement': 5,
};

/** The lowest grade on the report card across its areas (safeguarding is separate). */
export function lowestAreaGrade(fields: Fields): Derived<ReportCardGrade> {
  const graded = RC_AREAS.filter((a) => fields[a] != null).map((a) => [a, fields[a] as ReportCardGrade] as const);
  if (graded.length === 0) return { value: null, seen: 'no report card', missing: ['rc_leadership_governance'] };
  const worst = Math.max(...graded.map(([, g]) => RC_RANK[g]));
  const areas = graded.filter(([, g]) => RC_RANK[g] === worst).map(([a]) => AREA_NAMES[a]);
  const grade = graded.find(([, g]) => RC_RANK[g] === worst)![1];
  return { value: grade, seen: `${RC_GRADE_LABELS[grade]} for ${areas.join(', ')}`, missing: [] };
}

/**
 * What the data says of a school's inspections, for `sit explain`: the latest that gave
 * judgements, the latest ungraded inspection (carried, never a grade), and whether the deciding
 * inspection was of a predecessor school. Empty when the data has no inspection fields.
 */
export function inspectionSummary(fields: Fields): string[] {
  const latest = latestInspection(fields);
  if (latest.value === null) return [];
  const lines = [`Latest inspection: ${latest.seen}`];
  const event = ungradedEvent(fields);
  if (event) lines.push(`Latest ungraded inspection: ${event}`);
  if (fields.inspection_current_form === false)
    lines.push(
      'The deciding inspection was of a predecessor school (it does not relate to the school in its current form)',
    );
  return lines;
}

const INSPECTION_FIELD =
  /^(ofsted_|previous_ofsted_|rc_)|^(inspection_current_form|not_yet_inspected|safeguarding_effective)$/;

/**
 * An older Ofsted file joined to a newer one (--with, to supply the grade before a 2024/25
 * inspection): where its latest graded inspection is older than the main file's, it is the one
 * before, so it fills previous_ofsted_overall, never the latest grade; where it is the same
 * inspection, only its previous grade is new. Other fields (and schools the main file has no
 * graded inspection for) join as they are.
 */
export function asEarlierInspections<T extends SchoolRecordLike>(main: SchoolRecordLike[], older: T[]): T[] {
  const mainDates = new Map(main.map((s) => [s.urn, s.fields.ofsted_date as string | null]));
  return older.map((school) => asEarlierInspection(mainDates.get(school.urn) ?? null, school));
}

/** One school of an older file, given the date of the main file's graded inspection (asEarlierInspections). */
export function asEarlierInspection<T extends SchoolRecordLike>(mainDate: string | null, school: T): T {
  const date = school.fields.ofsted_date as string | null;
  if (mainDate === null || date === null || date > mainDate) return school;
  const kept = Object.fromEntries(Object.entries(school.fields).filter(([k]) => !INSPECTION_FIELD.test(k)));
  const fields =
    date < mainDate
      ? { ...kept, previous_ofsted_overall: school.fields.ofsted_overall ?? null, previous_ofsted_date: date }
      : {
          ...kept,
          previous_ofsted_overall: school.fields.previous_ofsted_overall ?? null,
          previous_ofsted_date: school.fields.previous_ofsted_date ?? null,
        };
  return { ...school, fields };
}

interface SchoolRecordLike {
  urn: number;
  fields: Fields;
}
