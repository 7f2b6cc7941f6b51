// sit calendar --from: the tiers of a file sit classify wrote (urn, name, tier), merged with the
// school data (for the review dates the cycles need) when there is any, instead of classifying.
import type { CalendarSchool } from './calendar.js';
import type { Policy } from './policy.js';
import { extraValue, type SchoolRecord } from './school.js';
import { fold } from './values.js';

/** A classified file as read: its name, header line and headers (to say where a problem is), and its rows. */
export interface ClassifiedFile {
  file: string;
  headerLine: number;
  headers: string[];
  schools: SchoolRecord[];
}

/** What is wrong with the classified file: no tier column, or a tier the policy does not have. */
export function classifiedProblems(classified: ClassifiedFile, policy: Policy): string[] {
  const tiers = policy.tiers.map((t) => t.id);
  const problems: string[] = [];
  if (!classified.headers.some((h) => fold(h) === 'tier'))
    problems.push(
      `${classified.file}:${classified.headerLine}: no "tier" column; give a CSV written by sit classify (urn, name, tier)`,
    );
  for (const s of classified.schools) {
    const tier = extraValue(s.extra, 'tier');
    if (tier !== null && !tiers.includes(tier))
      problems.push(
        `${classified.file}:${s.line}: column "tier": expected one of ${tiers.join(', ')} (the policy's tiers) or blank, got "${tier}"`,
      );
  }
  return problems;
}

/**
 * Each school of the classified file with its tier and level, and the fields and columns of the same
 * school in `data` (null: no school data). With no data but cycles to plan, the review dates are
 * blanked so that no cycle is planned from a date the classified file happens to carry.
 */
export function schoolsFromClassified(
  classified: SchoolRecord[],
  data: SchoolRecord[] | null,
  policy: Policy,
  blankCycles: boolean,
): CalendarSchool[] {
  const levelOf = new Map(policy.tiers.map((t) => [t.id, t.level]));
  const byUrn = new Map(data?.map((s) => [s.urn, s]) ?? []);
  return classified.map((s): CalendarSchool => {
    const tier = extraValue(s.extra, 'tier');
    const full = byUrn.get(s.urn);
    const fields = full?.fields ?? s.fields;
    return {
      urn: s.urn,
      name: s.name,
      tier,
      level: tier === null ? null : (levelOf.get(tier) ?? null),
      fields: blankCycles ? { ...fields, last_peer_review: null, last_external_review: null } : fields,
      extra: { ...s.extra, ...full?.extra },
    };
  });
}
