// Mid-year re-tiering (SPEC section 9): "In exceptional circumstances, an academy could have its tier
// reclassified during the academic year" (the four-tier model). A tier-change file records each
// change: URN, the date it runs from, the new tier, the reason, and who agreed it and when. The
// school's tier in force on a day is the classified tier until the first change's `from`, then each
// change's tier from its date. The computed placement is kept beside it: a Board sees both. Pure.
import type { Placement, TierTrace } from './classify.js';
import { describeDays, PLACEMENT_KEYS } from './classify.js';
import type { Policy } from './policy.js';
import type { DataProblem } from './school.js';
import { fold } from './values.js';

export interface TierChange {
  /** Line in the tier-change file, for messages. */
  line: number;
  urn: number;
  /** The first day the new tier is in force (YYYY-MM-DD). */
  from: string;
  tier: string;
  reason: string;
  agreedBy: string | null;
  agreedOn: string | null;
}

/** The columns of a tier-change file, with the headers each may be written as (folded). */
export const TIER_CHANGE_COLUMNS = {
  urn: ['urn'],
  from: ['from', 'fromdate', 'effectivefrom', 'date'],
  tier: ['tier', 'newtier', 'totier', 'category'],
  reason: ['reason', 'why'],
  agreed_by: ['agreedby', 'agreed'],
  agreed_on: ['agreedon', 'agreeddate', 'dateagreed'],
} as const;
export type TierChangeColumn = keyof typeof TIER_CHANGE_COLUMNS;

/** Which column of the file each header fills, or null for a column the file may carry as a note. */
export function tierChangeColumnOf(header: string): TierChangeColumn | null {
  const key = fold(header);
  for (const [column, names] of Object.entries(TIER_CHANGE_COLUMNS))
    if ((names as readonly string[]).includes(key)) return column as TierChangeColumn;
  return null;
}

/** What only the policy and the school data can see: a tier that does not exist, a URN not in the data, two changes on one day. */
export function tierChangeProblems(
  changes: TierChange[],
  policy: Policy,
  urns: ReadonlySet<number>,
  headers: { urn: string; tier: string; from: string },
): DataProblem[] {
  const problems: DataProblem[] = [];
  const ids = policy.tiers.map((t) => t.id);
  const seen = new Map<string, number>();
  for (const c of changes) {
    if (!ids.includes(c.tier))
      problems.push({
        line: c.line,
        column: headers.tier,
        message: `"${c.tier}" is not a tier of policy ${policy.id}; expected one of ${ids.join(', ')}`,
      });
    if (!urns.has(c.urn))
      problems.push({
        line: c.line,
        column: headers.urn,
        message: `URN ${c.urn} is not in the school data; a re-tiering is for a school the data places`,
      });
    const key = `${c.urn}|${c.from}`;
    const first = seen.get(key);
    if (first !== undefined)
      problems.push({
        line: c.line,
        column: headers.from,
        message: `URN ${c.urn} already changes tier on ${c.from} (line ${first}); keep one change a day`,
      });
    else seen.set(key, c.line);
  }
  return problems;
}

/** One stretch of the year in one tier: from `from` (null: the year's start) up to the day before `until` (null: the year's end). */
export interface TierPeriod {
  tier: string | null;
  label: string | null;
  level: number | null;
  from: string | null;
  until: string | null;
  /** The change that began it, or null for the classified tier. */
  change: TierChange | null;
}

/** What the tier-change file says about one school: the computed placement kept beside the tier in force. */
export interface Retiering {
  /** The tier the policy's rules give (the placement before any change). */
  classified: Pick<Placement, 'tier' | 'label' | 'level' | 'days' | 'daysText' | 'reasons'>;
  /** Every change for this school, by date. */
  changes: TierChange[];
  /** The change in force on the as-of date, or null while the classified tier still stands. */
  inForce: TierChange | null;
  /** The year in tiers: the classified tier, then each change's. */
  periods: TierPeriod[];
}

/** The change in force on a day: the last whose `from` is on or before it (changes sorted by date). */
export function changeInForce(changes: TierChange[], day: string): TierChange | null {
  let found: TierChange | null = null;
  for (const c of changes) if (c.from <= day) found = c;
  return found;
}

export function describeChange(c: TierChange, label: string | null): string {
  const agreed = [c.agreedBy ? `agreed by ${c.agreedBy}` : null, c.agreedOn ? `on ${c.agreedOn}` : null]
    .filter(Boolean)
    .join(' ');
  return `re-tiered to ${label ?? c.tier} [${c.tier}] from ${c.from}: ${c.reason}${agreed ? ` (${agreed})` : ''}`;
}

/**
 * Each placement with its tier in force on `asOf`: a school without changes is returned as it was;
 * a re-tiered one takes the tier, label, level and days of the change in force, its first reason
 * says so, and `retiering` keeps the computed placement and the history.
 */
export function applyTierChanges(
  placements: Placement[],
  changes: TierChange[],
  policy: Policy,
  asOf: string,
): Placement[] {
  if (changes.length === 0) return placements;
  const byUrn = new Map<number, TierChange[]>();
  for (const c of changes) byUrn.set(c.urn, [...(byUrn.get(c.urn) ?? []), c]);
  const tiers = new Map(policy.tiers.map((t) => [t.id, t]));
  return placements.map((p) => {
    const own = byUrn.get(p.school.urn);
    if (!own) return p;
    const sorted = [...own].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.line - b.line));
    const classified = {
      tier: p.tier,
      label: p.label,
      level: p.level,
      days: p.days,
      daysText: p.daysText,
      reasons: p.reasons,
    };
    const periods: TierPeriod[] = [
      { tier: p.tier, label: p.label, level: p.level, from: null, until: sorted[0].from, change: null },
    ];
    sorted.forEach((c, i) => {
      const t = tiers.get(c.tier)!;
      periods.push({
        tier: t.id,
        label: t.label,
        level: t.level,
        from: c.from,
        until: sorted[i + 1]?.from ?? null,
        change: c,
      });
    });
    const inForce = changeInForce(sorted, asOf);
    const retiering: Retiering = { classified, changes: sorted, inForce, periods };
    const history = sorted.map(
      (c) => `${c.from <= asOf ? '' : 'planned: '}${describeChange(c, tiers.get(c.tier)!.label)}`,
    );
    if (inForce === null) return retiered(p, { retiering, reasons: [...p.reasons, ...history] });
    const tier = tiers.get(inForce.tier)!;
    const { days, text } = describeDays(tier);
    const computed = p.tier === null ? 'needs data' : `${p.label} [${p.tier}]`;
    return retiered(p, {
      retiering,
      tier: tier.id,
      label: tier.label,
      level: tier.level,
      days,
      daysText: text,
      reasons: [...history, `computed placement: ${computed}: ${p.reasons.join(' | ')}`],
    });
  });
}

/** A copy of a placement with some values replaced; its trace is still the computed placement's, worked out on demand. */
function retiered(p: Placement, changed: Partial<Placement>): Placement {
  const copy = Object.create(null) as Placement;
  for (const key of PLACEMENT_KEYS)
    Object.defineProperty(copy, key, { value: key in changed ? changed[key] : p[key], enumerable: true });
  Object.defineProperty(copy, 'retiering', { value: changed.retiering, enumerable: true });
  Object.defineProperty(copy, 'trace', { get: (): TierTrace[] => p.trace, enumerable: true });
  return copy;
}

/** The tier periods of a placement: one (its tier all year) unless it was re-tiered. */
export function tierPeriods(p: Placement): TierPeriod[] {
  return (
    p.retiering?.periods ?? [{ tier: p.tier, label: p.label, level: p.level, from: null, until: null, change: null }]
  );
}
