// One walk over every condition and expression of a policy (rules, output fields, definitions),
// with the path of each in the YAML, for the checks that need the whole policy.
import type { Condition, Count, Expr, Leaf, Policy, Use } from './policy.js';

export type Path = (string | number)[];

export interface PolicyVisitor {
  leaf?: (leaf: Leaf, path: Path) => void;
  count?: (count: Count, path: Path) => void;
  use?: (use: Use, path: Path) => void;
  /** Every expression node: a leaf's calc and the other side of its comparison, a definition's calc. */
  expr?: (expr: Expr, path: Path) => void;
}

export const isCount = (c: Condition): c is Count => 'count' in c;
export const isUse = (c: Condition): c is Use => 'use' in c;
export const isLeaf = (c: Condition): c is Leaf =>
  !('all' in c || 'any' in c || 'not' in c || 'count' in c || 'use' in c);

/** The parts of an arithmetic expression, or none for a name, number or reference. */
export function exprParts(expr: Expr): Expr[] {
  if (typeof expr !== 'object') return [];
  if ('plus' in expr) return expr.plus;
  if ('minus' in expr) return expr.minus;
  if ('times' in expr) return expr.times;
  if ('divide' in expr) return expr.divide;
  if ('mean' in expr) return expr.mean;
  return [];
}

export function walkExpr(expr: Expr, path: Path, visitor: PolicyVisitor): void {
  visitor.expr?.(expr, path);
  if (typeof expr !== 'object') return;
  const key = Object.keys(expr)[0];
  exprParts(expr).forEach((part, i) => walkExpr(part, [...path, key, i], visitor));
}

export function walkCondition(condition: Condition, path: Path, visitor: PolicyVisitor): void {
  if ('all' in condition) condition.all.forEach((c, i) => walkCondition(c, [...path, 'all', i], visitor));
  else if ('any' in condition) condition.any.forEach((c, i) => walkCondition(c, [...path, 'any', i], visitor));
  else if ('not' in condition) walkCondition(condition.not, [...path, 'not'], visitor);
  else if (isCount(condition)) {
    visitor.count?.(condition, path);
    condition.count.forEach((c, i) => walkCondition(c, [...path, 'count', i], visitor));
  } else if (isUse(condition)) visitor.use?.(condition, path);
  else {
    visitor.leaf?.(condition, path);
    if (condition.calc !== undefined) walkExpr(condition.calc, [...path, 'calc'], visitor);
    for (const key of ['lt', 'lte', 'gt', 'gte', 'is'] as const) {
      const other = condition[key];
      if (typeof other === 'object' && other !== null) walkExpr(other as Expr, [...path, key], visitor);
    }
  }
}

/**
 * Walks one top-level place: a rule, an output field value, a definition, or the `when:` of a
 * calendar activity or a budget item (these choose among schools already placed, so they may read
 * the tier's output fields).
 */
export type Owner = { kind: 'rule' | 'field' | 'definition' | 'activity' | 'budget'; name: string };

export function walkPolicy(policy: Policy, visitor: (owner: Owner) => PolicyVisitor): void {
  policy.tiers.forEach((tier, i) =>
    tier.rules?.forEach((rule, j) => {
      walkCondition(rule.when, ['tiers', i, 'rules', j, 'when'], visitor({ kind: 'rule', name: rule.name }));
    }),
  );
  for (const [name, values] of Object.entries(policy.fields)) {
    values.forEach((value, i) => {
      if (value.when) walkCondition(value.when, ['fields', name, i, 'when'], visitor({ kind: 'field', name }));
    });
  }
  for (const [name, def] of Object.entries(policy.definitions ?? {})) {
    const v = visitor({ kind: 'definition', name });
    if (def.when) walkCondition(def.when, ['definitions', name, 'when'], v);
    if (def.calc !== undefined) walkExpr(def.calc, ['definitions', name, 'calc'], v);
    def.cases?.forEach((c, i) => walkCondition(c.when, ['definitions', name, 'cases', i, 'when'], v));
  }
  policy.calendar?.activities.forEach((a, i) => {
    if (a.when) walkCondition(a.when, ['calendar', 'activities', i, 'when'], visitor({ kind: 'activity', name: a.id }));
  });
  for (const [tier, items] of Object.entries(policy.budget?.tiers ?? {})) {
    items.forEach((item, i) => {
      if (item.when)
        walkCondition(item.when, ['budget', 'tiers', tier, i, 'when'], visitor({ kind: 'budget', name: item.name }));
    });
  }
}

/** Whether any rule, definition or expression of the policy reads the fact (trust_schools: schools per trust). */
export function usesFact(policy: Policy, fact: string): boolean {
  let found = false;
  walkPolicy(policy, () => ({
    leaf: (leaf) => {
      found ||= leaf.fact === fact;
    },
    expr: (expr) => {
      found ||= typeof expr === 'object' && 'fact' in expr && expr.fact === fact;
    },
  }));
  return found;
}
