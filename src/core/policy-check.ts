// Checks of the rule language that need the whole policy: every name a rule uses (threshold,
// fact, national comparator, definition, output field, declared column value) exists, and no
// definition is defined by itself.
import type * as z from 'zod';
import { FACTS } from './facts.js';
import { FIELD_BY_NAME } from './fields.js';
import { fold } from './values.js';
import type { Policy } from './policy.js';
import { walkPolicy, type Owner, type Path } from './policy-walk.js';

type Ctx = z.RefinementCtx;

/** What `value: NAME` may read: a definition with calc or cases, or an output field. */
export function valueSourceOf(policy: Policy, name: string): 'calc' | 'cases' | 'field' | 'condition' | null {
  const def = policy.definitions?.[name];
  if (def) return def.when ? 'condition' : def.calc !== undefined ? 'calc' : 'cases';
  return policy.fields[name] ? 'field' : null;
}

/** The values a name can take when they are known: a declared column, or a definition's cases. */
export function knownValues(policy: Policy, subject: { field?: string; value?: string }): string[] | null {
  if (subject.field !== undefined) {
    const key = Object.keys(policy.columns ?? {}).find((k) => fold(k) === fold(subject.field!));
    const declared = key === undefined ? undefined : policy.columns[key];
    return Array.isArray(declared) ? declared : null;
  }
  if (subject.value !== undefined) {
    const def = policy.definitions?.[subject.value];
    if (def?.cases) return [...def.cases.map((c) => String(c.value)), String(def.else)];
    const field = policy.fields[subject.value];
    if (field && !def) return field.map((v) => v.value);
  }
  return null;
}

export function checkLanguage(policy: Policy, ctx: Ctx): void {
  const definitions = policy.definitions ?? {};
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  for (const name of Object.keys(definitions)) {
    if (policy.fields[name])
      issue(
        ['definitions', name],
        `"${name}" is both a definition and an output field (fields:); give one another name`,
      );
  }
  for (const name of Object.keys(policy.columns ?? {})) {
    if (FIELD_BY_NAME.has(name))
      issue(
        ['columns', name],
        `${name} is a column sit knows (SPEC section 3) and checks itself; declare only the trust's own columns`,
      );
  }

  // Edges between definitions and output fields, to find one defined by itself.
  const refs = new Map<string, Set<string>>();
  const threshold = (value: unknown, path: Path) => {
    if (typeof value === 'string' && value.startsWith('$') && !(value.slice(1) in policy.thresholds))
      issue(path, `no threshold named "${value.slice(1)}" in thresholds`);
  };
  const fact = (name: string, path: Path) => {
    if (!(name in FACTS)) issue(path, `no fact named "${name}"; known: ${Object.keys(FACTS).join(', ')}`);
  };
  const national = (name: string, path: Path) => {
    if (!(name in policy.national)) issue(path, `no national comparator for "${name}" under national`);
  };
  const readValue = (owner: Owner, name: string, path: Path, asNumber: boolean) => {
    const kind = valueSourceOf(policy, name);
    if (kind === null)
      return issue(
        path,
        `no definition or output field named "${name}"; known: ${[...Object.keys(definitions), ...Object.keys(policy.fields)].join(', ') || 'none'}`,
      );
    if (kind === 'condition')
      return issue(path, `"${name}" is a condition: test it with "use: ${name}", not as a value`);
    // An activity's or budget item's when: chooses among placed schools: it reads the output
    // fields as placed (a blank one does not choose), and nothing refers to it.
    const placed = owner.kind === 'activity' || owner.kind === 'budget';
    if (!placed && kind === 'field' && policy.fields[name].some((v) => v.tiers)) {
      return issue(
        path,
        `the output field "${name}" depends on the tier (tiers:), which the rules decide; a rule cannot read it`,
      );
    }
    if (!placed && kind === 'field' && policy.fields[name][policy.fields[name].length - 1].when) {
      issue(
        path,
        `a rule reads the output field "${name}", which can be left without a value: give its last value no when, so every school has one`,
      );
    }
    if (asNumber && kind !== 'calc')
      issue(path, `"${name}" is not a number (it is chosen by cases); compare it with is/in, not in arithmetic`);
    edge(owner, name);
  };
  const edge = (owner: Owner, name: string) => {
    if (owner.kind !== 'field' && owner.kind !== 'definition') return;
    const set = refs.get(owner.name) ?? new Set<string>();
    set.add(name);
    refs.set(owner.name, set);
  };

  walkPolicy(policy, (owner) => ({
    leaf: (leaf, path) => {
      for (const key of ['lt', 'lte', 'gt', 'gte'] as const) threshold(leaf[key], [...path, key]);
      if (leaf.fact !== undefined) fact(leaf.fact, [...path, 'fact']);
      if (leaf.vs_national !== undefined) national(leaf.vs_national, [...path, 'vs_national']);
      if (leaf.value !== undefined) readValue(owner, leaf.value, [...path, 'value'], false);
      const known = knownValues(policy, leaf);
      if (known) {
        const tested =
          leaf.is !== undefined && typeof leaf.is !== 'object' ? [leaf.is] : (leaf.in ?? leaf.not_in ?? []);
        for (const value of tested) {
          if (!known.some((k) => fold(k) === fold(String(value)))) {
            issue(
              [...path, leaf.is !== undefined ? 'is' : leaf.in ? 'in' : 'not_in'],
              `"${value}" is not one of the values of ${leaf.field ?? leaf.value}: ${known.join(', ')}`,
            );
          }
        }
      }
    },
    use: (use, path) => {
      const def = definitions[use.use];
      if (!def)
        issue(
          [...path, 'use'],
          `no definition named "${use.use}" under definitions; known: ${Object.keys(definitions).join(', ') || 'none'}`,
        );
      else if (!def.when)
        issue(
          [...path, 'use'],
          `"${use.use}" is a value, not a condition: test it with "value: ${use.use}" and is/in/lt/gt`,
        );
      else edge(owner, use.use);
    },
    count: (count, path) => {
      const n = count.is ?? count.gte ?? count.lte ?? count.gt ?? count.lt ?? 0;
      if (n > count.count.length) issue(path, `count: ${n} is more than the ${count.count.length} conditions listed`);
    },
    expr: (expr, path) => {
      if (typeof expr === 'string') {
        if (expr.startsWith('$')) threshold(expr, path);
        else if (valueSourceOf(policy, expr) !== null) readValue(owner, expr, path, true);
      } else if (typeof expr === 'object') {
        if ('value' in expr) readValue(owner, expr.value, [...path, 'value'], true);
        if ('fact' in expr) fact(expr.fact, [...path, 'fact']);
        if ('vs_national' in expr) national(expr.vs_national, [...path, 'vs_national']);
      }
    },
  }));

  // A definition (or output field) that reaches itself would never finish.
  const state = new Map<string, 'open' | 'done'>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'open') {
      const loop = [...trail.slice(trail.indexOf(name)), name];
      issue(
        [name in definitions ? 'definitions' : 'fields', name],
        `"${name}" is defined by itself (${loop.join(' -> ')})`,
      );
      return;
    }
    state.set(name, 'open');
    for (const next of refs.get(name) ?? []) visit(next, [...trail, name]);
    state.set(name, 'done');
  };
  for (const name of refs.keys()) visit(name, []);
}
