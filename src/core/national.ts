// The policy's national comparators (national: in a policy): the figure for a field and a school's
// phase. Pure.
import type { Policy } from './policy.js';

/** The phase's own figure, else the figure for all schools (default); null when the policy has neither. */
export function nationalFigure(
  policy: Policy,
  field: string,
  phase: string | null,
): { value: number; phase: string | null } | null {
  const comparator = policy.national[field] as Record<string, number | undefined> | undefined;
  if (!comparator) return null;
  const own = phase !== null ? comparator[phase] : undefined;
  if (typeof own === 'number') return { value: own, phase };
  return typeof comparator.default === 'number' ? { value: comparator.default, phase: null } : null;
}
