// Facts a policy can test besides a row's own fields. Each returns the value it saw, a phrase
// saying how it got it, and the fields it needed that were blank.
import type { SchoolRecord } from './school.js';
import type { FieldValue } from './fields.js';
import { academicYearName, academicYearOf } from './dates.js';
import { keptValue } from './values.js';
import { categoryOfConcern, inspectionBefore, latestInspection, lowestAreaGrade } from './report-card.js';
import type { Policy } from './policy.js';
import { usesFact } from './policy-walk.js';

export interface FactContext {
  asOf: string;
  /** Schools per trust name in the same file, for the DfE offer's route. */
  trustSizes: ReadonlyMap<string, number>;
  /**
   * The school's output fields as placed (tier included), for an activity's or budget item's
   * `when:`: `value: route` then reads the route decided, not the field's cases again.
   */
  outputs?: Readonly<Record<string, string | null>>;
}

export interface FactValue {
  value: FieldValue;
  /** How the value was found, for explanations (e.g. "latest RI (2023-11-10), previous RI"). */
  seen: string;
  missing: string[];
}

type Fact = (school: SchoolRecord, ctx: FactContext) => FactValue;

/**
 * A fact of the school's own fields, worked out once per school: placing asks for the latest
 * inspection in every `latest_only` test and every rule that names it. The last school's answer is
 * kept (schools are placed one at a time, and a record's fields are not changed once read).
 */
function once(compute: (school: SchoolRecord) => FactValue): Fact {
  let fields: SchoolRecord['fields'] | null = null;
  let value: FactValue | null = null;
  return (school) => {
    if (school.fields !== fields) {
      value = compute(school);
      fields = school.fields;
    }
    return value!;
  };
}

const RI = 'requires-improvement';

export const FACTS: Record<string, { describe: string; compute: Fact; like?: string }> = {
  // Report cards beside graded inspections (SPEC section 2). `like` names the field whose values
  // (and words) the fact takes, so a rule can say `in: [RI, Inadequate]`.
  category_of_concern: {
    describe:
      'the category of concern (SM, SWK, RSI, or none): as the file gives it, else derived from the report card by the SPEC section 2 rules',
    like: 'ofsted_category',
    compute: once((school) => categoryOfConcern(school.fields)),
  },
  latest_inspection: {
    describe:
      "which inspection is the school's latest that gave judgements: report-card, graded (with an overall grade), sub-judgements (2024/25, no overall grade), ungraded (only an ungraded inspection in the file) or not-yet-inspected",
    compute: once((school) => latestInspection(school.fields)),
  },
  inspection_before: {
    describe:
      'the judgement of the inspection before the latest: the graded inspection before a report card, else the previous graded inspection',
    like: 'ofsted_overall',
    compute: once((school) => inspectionBefore(school.fields)),
  },
  report_card_lowest: {
    describe: "the lowest grade across the report card's evaluation areas",
    like: 'rc_leadership_governance',
    compute: once((school) => lowestAreaGrade(school.fields)),
  },
  consecutive_ri: {
    describe: 'number of consecutive Requires Improvement judgements, counting back from the latest graded inspection',
    compute: (school) => {
      const latest = school.fields.ofsted_overall;
      const previous = school.fields.previous_ofsted_overall;
      if (latest === null) return { value: null, seen: 'no latest overall grade', missing: ['ofsted_overall'] };
      if (latest !== RI) return { value: 0, seen: `latest graded ${latest}`, missing: [] };
      if (previous === null)
        return { value: null, seen: 'latest RI, previous grade blank', missing: ['previous_ofsted_overall'] };
      return previous === RI
        ? { value: 2, seen: 'latest RI, previous RI', missing: [] }
        : { value: 1, seen: `latest RI, previous ${previous}`, missing: [] };
    },
  },
  as_of_academic_year: {
    describe:
      'the academic year of the --as-of date, by the year it starts in (2026 for 2026/27, from 1 September 2026)',
    compute: (_school, ctx) => {
      const year = academicYearOf(ctx.asOf);
      return { value: year, seen: `${academicYearName(year)} (as of ${ctx.asOf})`, missing: [] };
    },
  },
  trust_schools: {
    describe: "number of schools in the data file in the school's trust (0 when standalone)",
    compute: (school, ctx) => {
      const trust = school.fields.trust;
      if (trust === null) return { value: 0, seen: 'no trust (standalone)', missing: [] };
      const count = ctx.trustSizes.get(String(trust)) ?? 1;
      return { value: count, seen: `${count} school${count === 1 ? '' : 's'} of ${trust} in the file`, missing: [] };
    },
  },
};

/**
 * A school counted among its trust's (the trust_schools fact). A trust's name first seen is kept as
 * its own copy: a cell cut from the file's text would keep the whole piece of text it was read in
 * alive, and a file of 900,000 schools may name 700,000 trusts.
 */
export function countTrust(sizes: Map<string, number>, school: Pick<SchoolRecord, 'fields'>): void {
  const trust = school.fields.trust;
  if (trust === null) return;
  const name = String(trust);
  const count = sizes.get(name);
  sizes.set(count === undefined ? keptValue(name) : name, (count ?? 0) + 1);
}

/** Each trust's schools in the file, counted (the trust_schools fact). */
export function trustSizes(schools: readonly Pick<SchoolRecord, 'fields'>[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const school of schools) countTrust(sizes, school);
  return sizes;
}

/**
 * Each trust's schools counted for a policy that reads them (trust_schools, as dfe-tsio-2023 does),
 * and none for one that does not: England's 22,000 schools name thousands of trusts, counted for
 * nothing otherwise.
 */
export function trustSizesFor(policy: Policy, schools: readonly Pick<SchoolRecord, 'fields'>[]): Map<string, number> {
  return usesFact(policy, 'trust_schools') ? trustSizes(schools) : new Map();
}
