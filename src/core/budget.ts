// Support days as each policy states them (issue 5): per school, per tier, per trust and in total,
// per term (1-6) and for the year, against the capacity of the people who deliver support.
// Pure: placements and the policy in, numbers out. Nothing here rounds; writers round to 2 places.
import type { Placement } from './classify.js';
import type { Capacity } from './config.js';
import type { BudgetItem, Policy, Tier } from './policy.js';

export const TERMS = 6;
export const DEFAULT_TERM_WEEKS = [7, 7, 6, 5, 7, 6];

/** exact: a number of days; ceiling: "up to" (counted at the bound); cadence: every N weeks; unknown: not stated. */
export type CostKind = 'exact' | 'ceiling' | 'cadence' | 'unknown';

export interface ItemCost {
  /** tier id and the item's place in its list: identifies one item of the policy. */
  key: string;
  tier: string;
  name: string;
  kind: CostKind;
  /** The planning figure in days a year ("up to" at its bound), or null when the source states none. */
  days: number | null;
  /** The most it could be: the same as days unless the policy states a higher ceiling. */
  ceiling: number | null;
  /** The planning figure per term 1-6, or null when not stated. */
  perTerm: number[] | null;
  /** How the figure was reached, in words a reader can check. */
  basis: string;
  per: 'school' | 'trust';
  /** Offered only subject to this approval: listed, not counted in the days. */
  subjectTo: string | null;
  paidBy: string | null;
}

export interface SchoolBudget {
  placement: Placement;
  urn: number;
  name: string;
  trust: string | null;
  tier: string | null;
  /** The school's own days (items counted per school), or null when the policy states none. */
  days: number | null;
  ceiling: number | null;
  perTerm: number[];
  /** Some support of this school has no stated days. */
  unknown: boolean;
  /** The tier's days are a ceiling (an "up to" or a cadence with a higher ceiling). */
  isCeiling: boolean;
  items: ItemCost[];
  /** Items counted once for the school's trust (the DfE trust route). */
  trustItems: ItemCost[];
  /** Items subject to approval, not counted. */
  conditional: ItemCost[];
  paidBy: string | null;
  basis: string;
}

export interface Totals {
  schools: number;
  days: number;
  ceiling: number;
  /** Schools whose days the policy does not state. */
  unknown: number;
  /** Schools not placed for lack of data: no days can be given. */
  needsData: number;
  perTerm: number[];
  /** Days offered subject to approval, not counted in days. */
  conditional: number;
}

export interface TierTotals extends Totals {
  tier: string;
  label: string;
  level: number;
}

export interface TrustTotals extends Totals {
  /** The trust's name, or null for schools outside any trust. */
  trust: string | null;
  /** Items counted once for this trust. */
  trustItems: ItemCost[];
}

export interface CapacityTerm {
  term: number;
  demand: number;
  capacity: number;
  /** capacity - demand: negative when over-allocated. */
  balance: number;
  over: boolean;
}

export interface CapacityReport {
  people: { role: string; name: string | null; perTerm: number; year: number; basis: string }[];
  terms: CapacityTerm[];
  year: CapacityTerm;
  overAllocated: boolean;
}

export interface BudgetResult {
  schools: SchoolBudget[];
  byTier: TierTotals[];
  byTrust: TrustTotals[];
  total: Totals;
  termWeeks: number[];
  capacity: CapacityReport | null;
  /** The conversions and choices behind the figures, for the reader. */
  assumptions: string[];
}

const zeros = (): number[] => Array.from({ length: TERMS }, () => 0);
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const addInto = (into: number[], from: number[] | null): void => {
  if (from) from.forEach((v, i) => (into[i] += v));
};
/** For text only: 9.5, 4.75, 1.67. */
export const showNumber = (n: number): string => String(Math.round(n * 100) / 100);
const plural = (n: number, word: string): string => `${showNumber(n)} ${word}${n === 1 ? '' : 's'}`;

/** The cost of one budget item of a tier. */
export function costItem(item: BudgetItem, tier: string, index: number, termWeeks: number[]): ItemCost {
  const base = { key: `${tier}#${index}`, tier, name: item.name, per: item.per ?? 'school', subjectTo: item.subject_to ?? null, paidBy: item.paid_by ?? null };
  const assumption = item.assumption ? ` (${item.assumption})` : '';
  if (item.every_weeks !== undefined) {
    const each = item.days_each ?? 0;
    const weeks = sum(termWeeks);
    const times = weeks / item.every_weeks;
    const days = times * each;
    const perTerm = termWeeks.map((w) => (w / item.every_weeks!) * each);
    let basis = `every ${plural(item.every_weeks, 'week')} over ${weeks} school weeks = ${showNumber(times)} x ${plural(each, 'day')} = ${plural(days, 'day')}`;
    let ceiling = days;
    if (item.ceiling_every_weeks !== undefined) {
      ceiling = (weeks / item.ceiling_every_weeks) * each;
      basis += `; ceiling every ${plural(item.ceiling_every_weeks, 'week')} = ${plural(ceiling, 'day')}`;
    }
    return { ...base, kind: 'cadence', days, ceiling, perTerm, basis: basis + assumption };
  }
  const stated = item.days!;
  if (typeof stated === 'object' && 'not_stated' in stated) {
    return { ...base, kind: 'unknown', days: null, ceiling: null, perTerm: null, basis: `not stated in the source (${stated.not_stated})${assumption}` };
  }
  const days = typeof stated === 'number' ? stated : stated.up_to;
  const perTerm = item.days_per_term !== undefined ? Array.from({ length: TERMS }, () => item.days_per_term!) : Array.from({ length: TERMS }, () => days / TERMS);
  const split = item.days_per_term !== undefined ? ` (${showNumber(item.days_per_term)} per term)` : '';
  if (typeof stated === 'number') return { ...base, kind: 'exact', days, ceiling: days, perTerm, basis: `${plural(days, 'day')}${split}${assumption}` };
  return { ...base, kind: 'ceiling', days, ceiling: days, perTerm, basis: `up to ${plural(days, 'day')}${split}: a ceiling, counted at its upper bound${assumption}` };
}

/** A tier's budget items: its `budget.tiers` entry, else one item from the tier's own days. */
export function tierItems(policy: Policy, tier: Tier): BudgetItem[] {
  const items = policy.budget?.tiers?.[tier.id];
  if (items) return items;
  return [{ name: `${tier.label} support`, days: tier.days, days_per_term: tier.days_per_term, per: 'school' }];
}

function applies(item: ItemCost, when: Record<string, string> | undefined, placement: Placement): boolean {
  if (!when) return true;
  return Object.entries(when).every(([field, value]) => placement.fields[field] === value);
}

function emptyTotals(): Totals {
  return { schools: 0, days: 0, ceiling: 0, unknown: 0, needsData: 0, perTerm: zeros(), conditional: 0 };
}

function addSchool(t: Totals, s: SchoolBudget): void {
  t.schools += 1;
  if (s.tier === null) t.needsData += 1;
  if (s.unknown) t.unknown += 1;
  t.days += s.days ?? 0;
  t.ceiling += s.ceiling ?? 0;
  addInto(t.perTerm, s.perTerm);
  for (const c of s.conditional) t.conditional += c.ceiling ?? 0;
}

function addTrustItem(t: Totals, item: ItemCost): void {
  if (item.subjectTo) {
    t.conditional += item.ceiling ?? 0;
    return;
  }
  t.days += item.days ?? 0;
  t.ceiling += item.ceiling ?? 0;
  addInto(t.perTerm, item.perTerm);
}

export function capacityReport(people: Capacity[] | undefined, demandPerTerm: number[], demandYear: number): CapacityReport | null {
  if (!people || people.length === 0) return null;
  const rows = people.map((p) => {
    const perTerm = p.days_per_term ?? (p.days_per_year ?? 0) / TERMS;
    const year = p.days_per_year ?? perTerm * TERMS;
    const basis = p.days_per_term !== undefined ? `${showNumber(perTerm)} days a term` : `${showNumber(year)} days a year, ${showNumber(perTerm)} a term`;
    return { role: p.role, name: p.name ?? null, perTerm, year, basis };
  });
  const line = (term: number, demand: number, capacity: number): CapacityTerm => {
    const balance = capacity - demand;
    return { term, demand, capacity, balance, over: balance < -1e-9 };
  };
  const terms = demandPerTerm.map((d, i) => line(i + 1, d, sum(rows.map((r) => r.perTerm))));
  const year = line(0, demandYear, sum(rows.map((r) => r.year)));
  return { people: rows, terms, year, overAllocated: year.over || terms.some((t) => t.over) };
}

export function budget(placements: Placement[], policy: Policy, capacity?: Capacity[]): BudgetResult {
  const termWeeks = policy.budget?.term_weeks ?? DEFAULT_TERM_WEEKS;
  const tiers = new Map(policy.tiers.map((t) => [t.id, t]));
  const compiled = new Map(policy.tiers.map((t) => [t.id, tierItems(policy, t).map((item, i) => ({ item, cost: costItem(item, t.id, i, termWeeks) }))]));

  const schools: SchoolBudget[] = placements.map((p) => {
    const trust = (p.school.fields.trust as string | null) ?? null;
    const base = { placement: p, urn: p.school.urn, name: p.school.name, trust, tier: p.tier, paidBy: (p.fields.paid_by as string | null | undefined) ?? null };
    if (p.tier === null) {
      return { ...base, days: null, ceiling: null, perTerm: zeros(), unknown: false, isCeiling: false, items: [], trustItems: [], conditional: [], basis: `needs data (${p.missing.join(', ')}): no days until it is placed` };
    }
    const applicable = compiled.get(p.tier)!.filter(({ item, cost }) => applies(cost, item.when, p)).map(({ cost }) => cost);
    // Without a trust name there is no trust to count once for: count per school.
    const isTrustItem = (c: ItemCost) => c.per === 'trust' && trust !== null;
    const own = applicable.filter((c) => !isTrustItem(c) && !c.subjectTo);
    const trustItems = applicable.filter(isTrustItem);
    const conditional = applicable.filter((c) => c.subjectTo && !isTrustItem(c));
    const known = own.filter((c) => c.days !== null);
    const unknown = own.some((c) => c.days === null) || trustItems.some((c) => c.days === null);
    const days = known.length === 0 && own.length > 0 ? null : sum(known.map((c) => c.days!));
    const ceiling = days === null ? null : sum(known.map((c) => c.ceiling!));
    const perTerm = zeros();
    for (const c of known) addInto(perTerm, c.perTerm);
    const parts = own.map((c) => (own.length > 1 ? `${c.name}: ${c.basis}` : c.basis));
    for (const c of trustItems) parts.push(`${c.name}: ${c.basis}, counted once for ${trust}${c.subjectTo ? ` (subject to ${c.subjectTo})` : ''}`);
    for (const c of conditional) parts.push(`plus ${c.name}: ${c.basis}, subject to ${c.subjectTo} (not counted)`);
    const paidBy = base.paidBy ?? applicable.find((c) => c.paidBy)?.paidBy ?? null;
    return {
      ...base, paidBy, days, ceiling, perTerm, unknown, isCeiling: known.some((c) => c.kind === 'ceiling' || c.ceiling! > c.days!),
      items: own, trustItems, conditional, basis: parts.join('; ') || 'no support days',
    };
  });

  // Items counted once per trust: each (trust, item) once, however many of its schools qualify.
  const trustOnce = new Map<string, Map<string, ItemCost>>();
  for (const s of schools) {
    for (const c of s.trustItems) {
      const items = trustOnce.get(s.trust!) ?? new Map<string, ItemCost>();
      items.set(c.key, c);
      trustOnce.set(s.trust!, items);
    }
  }

  // Least support first, as a board reads a tier table.
  const byTier: TierTotals[] = [...policy.tiers].sort((a, b) => a.level - b.level).map((t) => ({ ...emptyTotals(), tier: t.id, label: t.label, level: t.level }));
  const tierTotals = new Map(byTier.map((t) => [t.tier, t]));
  const byTrustMap = new Map<string | null, TrustTotals>();
  const total = emptyTotals();
  for (const s of schools) {
    addSchool(total, s);
    if (s.tier !== null) addSchool(tierTotals.get(s.tier)!, s);
    if (!byTrustMap.has(s.trust)) byTrustMap.set(s.trust, { ...emptyTotals(), trust: s.trust, trustItems: [] });
    addSchool(byTrustMap.get(s.trust)!, s);
  }
  for (const [trust, items] of trustOnce) {
    for (const item of items.values()) {
      addTrustItem(total, item);
      addTrustItem(tierTotals.get(item.tier)!, item);
      const t = byTrustMap.get(trust)!;
      addTrustItem(t, item);
      t.trustItems.push(item);
    }
  }
  // Trusts by name, schools outside a trust last.
  const byTrust = [...byTrustMap.values()].sort((a, b) => (a.trust === null ? 1 : b.trust === null ? -1 : a.trust.localeCompare(b.trust, 'en-GB')));

  const assumptions: string[] = [];
  for (const [id, items] of compiled) {
    if (!tiers.has(id)) continue;
    for (const { cost } of items) {
      if (cost.kind === 'cadence' || cost.per === 'trust' || cost.subjectTo || cost.paidBy) {
        const extras = [cost.per === 'trust' ? 'counted once per trust' : '', cost.subjectTo ? `subject to ${cost.subjectTo}, not counted` : '', cost.paidBy ? `paid by ${cost.paidBy}` : ''].filter(Boolean);
        assumptions.push(`${tiers.get(id)!.label}, ${cost.name}: ${cost.basis}${extras.length ? ` (${extras.join('; ')})` : ''}`);
      }
    }
  }
  assumptions.push(`Per term: "up to" and exact days are spread evenly over the 6 terms unless the policy gives days per term; cadences follow the school weeks of each term (${termWeeks.join(', ')}).`);
  assumptions.push(...(policy.budget?.notes ?? []));

  return { schools, byTier, byTrust, total, termWeeks, capacity: capacityReport(capacity, total.perTerm, total.days), assumptions };
}
