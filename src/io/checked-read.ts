// A school data file read as classify reads it, a school at a time and through the one reader
// (read-schools.ts readSchoolsInto): the policy chosen at the file's header (policyForData: a
// published layout's preset), then each school joined to the --with files and checked against the
// policy as it comes (an inspection after the as-of date, an override naming no tier, a declared
// column's value), the problems in the order classify finds them. What is kept of each school is the command's: sit explain keeps the rows that
// could be the school asked for, sit validate counts the tiers; neither holds the file.
import { policyProblems } from '../core/classify.js';
import type { SchoolJoin } from '../core/join.js';
import type { Policy } from '../core/policy.js';
import type { DataProblem, SchoolRecord } from '../core/school.js';
import type { PolicyChoice } from './data-files.js';
import type { Layout } from './layouts.js';
import type { DataInput } from './read-records.js';
import { readSchoolsInto, type ReadOptions, type SchoolsRead } from './read-schools.js';

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
      const problems = policyProblems(school, policy, asOf);
      if (problems.length) found.push(...problems);
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
