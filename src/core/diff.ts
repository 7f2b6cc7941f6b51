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

/** The rule of each reason, worked out once per entry (each is compared with the other year's). */
function rulesOf(reasons: string[]): string[] {
  return reasons.map(ruleOf);
}

/** The reasons whose rule is not among the other year's rules. */
function without(reasons: string[], rules: string[], others: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < reasons.length; i++) if (!others.includes(rules[i])) kept.push(reasons[i]);
  return kept;
}

function reasonChange(old: DiffEntry, now: DiffEntry): string {
  // Most schools keep their reasons word for word from one year to the next: nothing gained or lost.
  if (old.reasons.length === now.reasons.length && old.reasons.every((r, i) => r === now.reasons[i])) return '';
  const oldRules = rulesOf(old.reasons);
  const newRules = rulesOf(now.reasons);
  const gained = without(now.reasons, newRules, oldRules);
  const lost = without(old.reasons, oldRules, newRules);
  const parts: string[] = [];
  if (gained.length) parts.push(`now: ${gained.join('; ')}`);
  if (lost.length) parts.push(`no longer: ${lost.join('; ')}`);
  return parts.join(' | ');
}

/** The movement of one school: `old` or `now` is missing for a school that joined or left. */
function movementOf(
  urn: number,
  old: DiffEntry | undefined,
  now: DiffEntry | undefined,
  level: ReadonlyMap<string, number>,
): Movement {
  let kind: MovementKind;
  let reason: string;
  if (!old) {
    kind = 'joined';
    reason = `new in this year's data: ${now!.reasons.join('; ')}`;
  } else if (!now) {
    kind = 'left';
    reason = "not in this year's data";
  } else if (now.tier === null && old.tier !== null) {
    kind = 'needs-data';
    reason = now.reasons.join('; ');
  } else {
    if (now.tier !== null && old.tier === null) kind = 'placed';
    else if (now.tier === old.tier) kind = 'same';
    else kind = (level.get(now.tier!) ?? 0) > (level.get(old.tier!) ?? 0) ? 'up' : 'down';
    reason = reasonChange(old, now);
  }
  // Every movement is made with the same fields in the same order (one object shape for them all).
  return {
    urn,
    name: (now ?? old)!.name,
    oldTier: old?.tier ?? null,
    newTier: now?.tier ?? null,
    oldDays: old?.days ?? null,
    newDays: now?.days ?? null,
    daysChange: old && now && old.days !== null && now.days !== null ? now.days - old.days : null,
    kind,
    reason,
  };
}

export function diff(oldEntries: DiffEntry[], newEntries: DiffEntry[], policy: Policy): DiffResult {
  const level = new Map(policy.tiers.map((t) => [t.id, t.level]));
  const oldByUrn = new Map(oldEntries.map((e) => [e.urn, e]));
  const newByUrn = new Map(newEntries.map((e) => [e.urn, e]));
  const urns = [...new Set([...oldByUrn.keys(), ...newByUrn.keys()])].sort((a, b) => a - b);
  const movements = urns.map((urn) => movementOf(urn, oldByUrn.get(urn), newByUrn.get(urn), level));
  const counts = Object.fromEntries(MOVEMENT_KINDS.map((k) => [k, 0])) as Record<MovementKind, number>;
  for (const m of movements) counts[m.kind]++;
  const summary =
    MOVEMENT_KINDS.filter((k) => counts[k] > 0)
      .map((k) => `${counts[k]} ${MOVEMENT_WORDS[k]}`)
      .join(', ') || 'no schools';
  return { movements, counts, summary };
}
