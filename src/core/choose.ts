// Which placed schools an activity or a budget item is for beyond its tier: its `when:`, a policy
// condition (the rule language, its names checked as a tier rule's are), read on the school as
// placed, so `value: route` is the route decided. One chooser for the calendar and the budget, so
// both choose the same schools and say why in the same words. Pure.
import { compileCondition, type Evaluator } from './conditions.js';
import type { Condition, Policy } from './policy.js';
import type { FieldValue } from './fields.js';
import { trustSizesFor } from './facts.js';

export interface ChoosableSchool {
  urn: number;
  name: string;
  fields: Record<string, FieldValue>;
  extra: Record<string, string>;
  /** The policy's output fields as placed (the tier decided). */
  outputs?: Record<string, string | null>;
}

/** Chosen, with the test in words and the values seen; a blank the test needs does not choose. */
export interface Choice {
  chosen: boolean;
  /** Why, for a chosen school: "pupils is 180, below 210". Null when there is no `when:`. */
  why: string | null;
}

export type Chooser = (when: Condition | undefined, school: ChoosableSchool) => Choice;

export function chooser(policy: Policy, schools: readonly ChoosableSchool[], asOf: string): Chooser {
  const trustSizes = trustSizesFor(policy, schools);
  const compiled = new Map<Condition, Evaluator>();
  return (when, school) => {
    if (when === undefined) return { chosen: true, why: null };
    let test = compiled.get(when);
    if (!test) compiled.set(when, (test = compileCondition(when, policy)));
    const record = { line: 0, urn: school.urn, name: school.name, fields: school.fields, extra: school.extra };
    const ctx = { asOf, trustSizes, outputs: school.outputs };
    // The text-free test for every school; the words only for those it chooses.
    if (test.test(record, ctx) !== true) return { chosen: false, why: null };
    return { chosen: true, why: test(record, ctx).text };
  };
}
