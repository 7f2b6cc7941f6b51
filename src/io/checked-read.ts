// A school data file read as classify reads it, a school at a time and through the one reader
// (read-schools.ts readSchoolsInto): the policy chosen at the file's header (policyForData: a
// published layout's preset), then each school joined to the --with files and checked against the
// policy as it comes (an inspection after the as-of date, an override naming no tier, a declared
// column's value), the problems in the order classify finds them. What is kept of each school is the command's: sit explain keeps the rows that
// could be the school asked for, sit validate counts the tiers; neither holds the file.
import { inspectionDateProblems, schoolProblems } from '../core/classify.js';
import type { SchoolJoin } from '../core/join.js';
import type { Policy } from '../core/policy.js';
import type { DataProblem, SchoolRecord } from '../core/school.js';
import type { LoadedConfig } from './config.js';
import type { Layout } from './layouts.js';
import type { DataInput } from './read-records.js';
import { readSchoolsInto, type ReadOptions, type SchoolsRead } from './read-schools.js';

export interface PolicyChoice {
  loaded: LoadedConfig;
  /** The line saying a published file's preset was chosen, or null. */
  note: string | null;
}

/** What is kept of a school: `placeable` while no school so far (this one included) has a problem only the policy sees. */
export type CheckedSink = (school: SchoolRecord, placeable: boolean) => void;

export interface CheckedRead {
  data: SchoolsRead;
  /** The join of the --with files to the schools read (null without them), for describeJoin. */
  join: SchoolJoin | null;
  /** The policy chosen for the file; throws what choosing it threw (after the file's own problems, as reading it whole first would). */
  chosen: () => PolicyChoice;
  /** What only the policy sees wrong in the schools, as classify finds them: in the file's order. */
  problems: DataProblem[];
}

/**
 * A school counted among its trust's, as trustSizes counts a file's schools (the trust_schools
 * fact). A trust's name first seen is kept as a copy: a cell cut from the file's text would keep
 * the whole piece of text it was read in alive, and a file of 900,000 schools may name 700,000 trusts.
 */
export function countTrust(sizes: Map<string, number>, school: SchoolRecord): void {
  const trust = school.fields.trust;
  if (trust === null) return;
  const name = String(trust);
  const count = sizes.get(name);
  sizes.set(count === undefined ? Buffer.from(name).toString() : name, (count ?? 0) + 1);
}

export async function readChecked(
  input: DataInput,
  read: ReadOptions,
  asOf: string,
  choose: (layout: Layout | null) => PolicyChoice,
  keep: (policy: Policy) => CheckedSink,
  /** A join of the --with files, made afresh for each reading: each school is joined as it comes, then checked. */
  joinTo?: () => SchoolJoin,
): Promise<CheckedRead> {
  let choice: { chosen: PolicyChoice } | { error: unknown } = { error: null };
  let problems: DataProblem[] = [];
  let join: SchoolJoin | null = null;
  const data = await readSchoolsInto(input, read, (head) => {
    const found: DataProblem[] = [];
    problems = found;
    const joining = joinTo ? joinTo() : null;
    join = joining;
    try {
      choice = { chosen: choose(head.layout) };
    } catch (error) {
      choice = { error };
      return () => {};
    }
    const policy = choice.chosen.loaded.policy;
    const into = keep(policy);
    return (read) => {
      const school = joining ? joining.join(read) : read;
      const dated = inspectionDateProblems(school, asOf);
      if (dated.length) found.push(...dated);
      const own = schoolProblems(school, policy);
      if (own.length) found.push(...own);
      into(school, found.length === 0);
    };
  });
  const made = choice as { chosen: PolicyChoice } | { error: unknown };
  return {
    data,
    join,
    problems,
    chosen: () => {
      if ('error' in made) throw made.error;
      return made.chosen;
    },
  };
}
