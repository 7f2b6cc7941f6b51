// Movements between two classifications (last year's and this year's): each school up, down, the
// same, joined, left, or newly needing data, with the change in days and the reason that changed.
// "Up" means a tier with more support (a higher `level` in the policy), "down" one with less.
import type { Placement } from './classify.js';
import type { Policy } from './policy.js';
import { DiffEntries } from './diff-entries.js';

/** One school in one classification, from `sit classify` output or from a placement. */
export interface DiffEntry {
  urn: number;
  name: string;
  tier: string | null;
  days: number | null;
  reasons: readonly string[];
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
export function unknownTiers(entries: DiffEntries, policy: Policy): string[] {
  const ids = new Set(policy.tiers.map((t) => t.id));
  return entries.tiers().filter((t): t is string => t !== null && !ids.has(t));
}

/** The rule of each reason, worked out once per entry (each is compared with the other year's). */
function rulesOf(reasons: readonly string[]): string[] {
  return reasons.map(ruleOf);
}

/** The reasons whose rule is not among the other year's rules. */
function without(reasons: readonly string[], rules: string[], others: string[]): string[] {
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

/** The kind of a school's movement from its tiers (undefined: not in that year's data). */
function kindOf(
  old: string | null | undefined,
  now: string | null | undefined,
  level: ReadonlyMap<string, number>,
): MovementKind {
  if (old === undefined) return 'joined';
  if (now === undefined) return 'left';
  if (now === null) return old !== null ? 'needs-data' : 'same';
  if (old === null) return 'placed';
  if (now === old) return 'same';
  return (level.get(now) ?? 0) > (level.get(old) ?? 0) ? 'up' : 'down';
}

/** The movement of one school: `old` or `now` is missing for a school that joined or left. */
function movementOf(
  urn: number,
  old: DiffEntry | undefined,
  now: DiffEntry | undefined,
  level: ReadonlyMap<string, number>,
): Movement {
  const kind = kindOf(old?.tier, now?.tier, level);
  const reason =
    kind === 'joined'
      ? `new in this year's data: ${now!.reasons.join('; ')}`
      : kind === 'left'
        ? "not in this year's data"
        : kind === 'needs-data'
          ? now!.reasons.join('; ')
          : reasonChange(old!, now!);
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

/** Movements made as they are read, in order of URN; the counts and summary are known first. */
export interface MovementList extends Omit<DiffResult, 'movements'> {
  movements: Iterable<Movement>;
}

/**
 * Each URN of either year with the entry of each year that has it (-1 where it has not), in
 * order of URN: the two years' entries in order of URN, walked side by side. One triple is
 * given each time, changed in place: read it before the next.
 */
function* eachUrn(old: DiffEntries, now: DiffEntries): Generator<[urn: number, old: number, now: number]> {
  const oldOrder = old.byUrn();
  const newOrder = now.byUrn();
  const at: [number, number, number] = [0, -1, -1];
  let i = 0;
  let j = 0;
  while (i < oldOrder.length || j < newOrder.length) {
    const o = i < oldOrder.length ? old.urn(oldOrder[i]) : Number.POSITIVE_INFINITY;
    const n = j < newOrder.length ? now.urn(newOrder[j]) : Number.POSITIVE_INFINITY;
    at[0] = Math.min(o, n);
    at[1] = o === at[0] ? oldOrder[i++] : -1;
    at[2] = n === at[0] ? newOrder[j++] : -1;
    yield at;
  }
}

/**
 * The movements from `old` to `now`, each made only as it is read (a movement of every school in
 * England is written as it is made, never all held): the counts are taken from the tiers alone first.
 */
export function movements(old: DiffEntries, now: DiffEntries, policy: Policy): MovementList {
  const level = new Map(policy.tiers.map((t) => [t.id, t.level]));
  const counts = Object.fromEntries(MOVEMENT_KINDS.map((k) => [k, 0])) as Record<MovementKind, number>;
  for (const [, o, n] of eachUrn(old, now))
    counts[kindOf(o < 0 ? undefined : old.tier(o), n < 0 ? undefined : now.tier(n), level)]++;
  const summary =
    MOVEMENT_KINDS.filter((k) => counts[k] > 0)
      .map((k) => `${counts[k]} ${MOVEMENT_WORDS[k]}`)
      .join(', ') || 'no schools';
  const made = function* (): Generator<Movement> {
    for (const [urn, o, n] of eachUrn(old, now))
      yield movementOf(urn, o < 0 ? undefined : old.entry(o), n < 0 ? undefined : now.entry(n), level);
  };
  return { movements: { [Symbol.iterator]: made }, counts, summary };
}

/** Every movement, in an array (a board report's few hundred schools). */
export function diff(
  oldEntries: DiffEntries | DiffEntry[],
  newEntries: DiffEntries | DiffEntry[],
  policy: Policy,
): DiffResult {
  const side = (entries: DiffEntries | DiffEntry[]) => (Array.isArray(entries) ? DiffEntries.of(entries) : entries);
  const { movements: made, counts, summary } = movements(side(oldEntries), side(newEntries), policy);
  return { movements: [...made], counts, summary };
}
