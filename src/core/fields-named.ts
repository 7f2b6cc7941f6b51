// The school fields a policy's rules name, and which of them neither the canonical table nor a
// file's columns provide: a misspelt field would otherwise only show as "needs data" for every
// school (issue 10).
import { FIELD_BY_NAME } from './fields.js';
import type { Condition, Policy } from './policy.js';
import { fold } from './values.js';

/** Every field named by a rule or an output field's condition (field, vs_national, years_since). */
export function fieldsNamed(policy: Policy): string[] {
  const names = new Set<string>();
  const visit = (c: Condition | undefined): void => {
    if (!c || typeof c !== 'object') return;
    if ('all' in c) {
      c.all.forEach(visit);
      return;
    }
    if ('any' in c) {
      c.any.forEach(visit);
      return;
    }
    if ('not' in c) {
      visit(c.not);
      return;
    }
    for (const key of ['field', 'vs_national', 'years_since'] as const) {
      const name = (c as Record<string, unknown>)[key];
      if (typeof name === 'string') names.add(name);
    }
  };
  for (const tier of policy.tiers) for (const rule of tier.rules ?? []) visit(rule.when);
  for (const values of Object.values(policy.fields)) for (const v of values) visit(v.when);
  return [...names];
}

/** Fields the rules name that are not canonical fields and not columns of the file (headers folded). */
export function unknownFields(policy: Policy, headers: string[]): string[] {
  const columns = new Set(headers.map(fold));
  return fieldsNamed(policy).filter((name) => !FIELD_BY_NAME.has(name) && !columns.has(fold(name)));
}
