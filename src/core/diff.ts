// Movements between two classifications (last year's and this year's): each school up, down, the
// same, joined, left, or newly needing data, with the change in days and the reason that changed.
// "Up" means a tier with more support (a higher `level` in the policy), "down" one with less.
import type { Placement } from './classify.js';
import type { Policy } from './policy.js';

/** One school in one classification, from `sit classify` output or from a placement. */
export interface DiffEntry {
  urn: number;
  name: string;
  tier: string | null;
  days: number | null;
  reasons: string[];
}

export const MOVEMENT_KINDS = ['up', 'down', 'same', 'joined', 'left', 'needs-data', 'placed'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** How each kind reads in a summary line. */
export const MOVEMENT_WORDS: Record<MovementKind, string> = {
  up: 'up',
  down: 'down',
  same: 'same',
  joined: 'joined',
  left: 'left',
  'needs-data': 'newly needing data',
  placed: 'placed after needing data',
};

export interface Movement {
  urn: number;
  name: string;
  kind: MovementKind;
  oldTier: string | null;
  newTier: string | null;
  oldDays: number | null;
  newDays: number | null;
  /** new - old, or null when either year's days are not stated. */
  daysChange: number | null;
  /** What changed in the reasons, in words. */
  reason: string;
}

export interface DiffResult {
  movements: Movement[];
  counts: Record<MovementKind, number>;
  summary: string;
}

/** The same day a year earlier (29 February becomes 28 February): last year's "as of". */
export function yearBefore(iso: string): string {
  const day = iso.slice(5) === '02-29' ? '02-28' : iso.slice(5);
  return `${String(Number(iso.slice(0, 4)) - 1).padStart(4, '0')}-${day}`;
}

export function entryOf(p: Placement): DiffEntry {
  return { urn: p.school.urn, name: p.school.name, tier: p.tier, days: p.days, reasons: p.reasons };
}

/** The rule a reason names: the words before its first ": " (reasons are "rule: values seen"). */
export const ruleOf = (reason: string): string => {
  const colon = reason.indexOf(': ');
  return colon < 0 ? reason : reason.slice(0, colon);
};

/** Tier ids in the entries that the policy does not have: the outputs came from another policy. */
export function unknownTiers(entries: DiffEntry[], policy: Policy): string[] {
  const ids = new Set(policy.tiers.map((t) => t.id));
  return [...new Set(entries.map((e) => e.tier).filter((t): t is string => t !== null && !ids.has(t)))];
}

function reasonChange(old: DiffEntry, now: DiffEntry): string {
  const oldRules = new Set(old.reasons.map(ruleOf));
  const newRules = new Set(now.reasons.map(ruleOf));
  const gained = now.reasons.filter((r) => !oldRules.has(ruleOf(r)));
  const lost = old.reasons.filter((r) => !newRules.has(ruleOf(r)));
  const parts: string[] = [];
  if (gained.length) parts.push(`now: ${gained.join('; ')}`);
  if (lost.length) parts.push(`no longer: ${lost.join('; ')}`);
  return parts.join(' | ');
}

export function diff(oldEntries: DiffEntry[], newEntries: DiffEntry[], policy: Policy): DiffResult {
  const level = new Map(policy.tiers.map((t) => [t.id, t.level]));
  const oldByUrn = new Map(oldEntries.map((e) => [e.urn, e]));
  const newByUrn = new Map(newEntries.map((e) => [e.urn, e]));
  const urns = [...new Set([...oldByUrn.keys(), ...newByUrn.keys()])].sort((a, b) => a - b);
  const movements = urns.map((urn): Movement => {
    const old = oldByUrn.get(urn);
    const now = newByUrn.get(urn);
    const base = {
      urn,
      name: (now ?? old)!.name,
      oldTier: old?.tier ?? null,
      newTier: now?.tier ?? null,
      oldDays: old?.days ?? null,
      newDays: now?.days ?? null,
      daysChange: old && now && old.days !== null && now.days !== null ? now.days - old.days : null,
    };
    if (!old)
      return {
        ...base,
        kind: 'joined',
        daysChange: null,
        reason: `new in this year's data: ${now!.reasons.join('; ')}`,
      };
    if (!now) return { ...base, kind: 'left', daysChange: null, reason: "not in this year's data" };
    if (now.tier === null && old.tier !== null) return { ...base, kind: 'needs-data', reason: now.reasons.join('; ') };
    if (now.tier !== null && old.tier === null) return { ...base, kind: 'placed', reason: reasonChange(old, now) };
    if (now.tier === old.tier) return { ...base, kind: 'same', reason: reasonChange(old, now) };
    const kind = (level.get(now.tier!) ?? 0) > (level.get(old.tier!) ?? 0) ? 'up' : 'down';
    return { ...base, kind, reason: reasonChange(old, now) };
  });
  const counts = Object.fromEntries(
    MOVEMENT_KINDS.map((k) => [k, movements.filter((m) => m.kind === k).length]),
  ) as Record<MovementKind, number>;
  const summary =
    MOVEMENT_KINDS.filter((k) => counts[k] > 0)
      .map((k) => `${counts[k]} ${MOVEMENT_WORDS[k]}`)
      .join(', ') || 'no schools';
  return { movements, counts, summary };
}
