// The re-tierings of NEW's year for sit diff (--tier-changes, or tier_changes: in the config),
// listed beside the movements with their reasons; the movements compare the computed placements.
import { dataError } from '../errors.js';
import { formatProblem } from '../core/school.js';
import { describeChange, tierChangeProblems } from '../core/tier-changes.js';
import { displayPath, type DataOptions, type Io } from './command-io.js';
import type { DiffSide } from './diff-input.js';
import { tierChangesPath } from './load-data.js';
import { readTierChanges } from './tier-changes-file.js';
import { tierChangeJson } from './placements.js';

export interface DiffRetierings {
  lines: string[];
  json: Record<string, unknown>[];
}

/** Null without a tier-change file; a change for an unknown tier or URN is a data error (65). */
export async function retieringsOf(now: DiffSide, options: DataOptions, io: Io): Promise<DiffRetierings | null> {
  const path = tierChangesPath(now.loaded, options, io);
  if (!path) return null;
  const read = await readTierChanges(path, io.stdin, displayPath(path, io));
  const { policy } = now.loaded;
  // Only the URNs the changes name are looked for among this year's schools.
  const entries = now.entries;
  const present = new Set(read.changes.map((c) => c.urn).filter((urn) => entries.find(urn) >= 0));
  const problems = tierChangeProblems(read.changes, policy, present, read.headers);
  if (problems.length) throw dataError(problems.map((p) => formatProblem(read.file, p)));
  const names = new Map([...present].map((urn) => [urn, entries.name(entries.find(urn))]));
  const labelOf = (tier: string) => policy.tiers.find((t) => t.id === tier)?.label ?? tier;
  const changes = [...read.changes].sort((a, b) => a.urn - b.urn || a.from.localeCompare(b.from));
  return {
    lines: changes.map((c) => `${names.get(c.urn)} (${c.urn}): ${describeChange(c, labelOf(c.tier))}`),
    json: changes.map((c) => ({ urn: c.urn, name: names.get(c.urn), ...tierChangeJson(c) })),
  };
}
