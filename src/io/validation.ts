// sit validate's findings: the config and the policy chosen (and why), and for a data file its
// encoding, header line, layout, the columns used and carried through, the joins, and the
// schools placed as sit classify would place them, with who needs data and where to find it.
// It reads and places with the same reader, policy choice and checks as sit classify: a school at
// a time, kept only as counts (and the schools a tier-change file names, to apply it).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compilePolicy, placeSchool, type Placement } from '../core/classify.js';
import { trustSizes } from '../core/facts.js';
import { unknownFields } from '../core/fields-named.js';
import { describeJoin, SchoolJoin } from '../core/join.js';
import { formatProblem, type SchoolRecord } from '../core/school.js';
import { configError, SitError } from '../errors.js';
import { asOfDate, displayPath, type DataOptions, type Io } from './command-io.js';
import type { LoadedConfig } from './config.js';
import { needingDataLines, type Layout } from './layouts.js';
import { readChecked, type CheckedRead } from './checked-read.js';
import { countTrust } from '../core/facts.js';
import { usesFact } from '../core/policy-walk.js';
import { canReadAgain, type DataInput } from './read-records.js';
import { asEarlierThanMain, policyForData, tierChangesPath, withFiles } from './load-data.js';
import { configAndLoader } from './config-loader.js';
import { refuseStdinTwice, type PolicyChoice } from './data-files.js';
import { placementsInForce, readTierChanges } from './tier-changes-file.js';
import { tierCountLine } from './placements.js';
import { readSchoolsFile, type ReadOptions, type SchoolsFile, type SchoolsRead } from './read-schools.js';

export interface Validation {
  /** What --format json writes. */
  report: Record<string, unknown>;
  /** What the text format writes, a line each. */
  lines: string[];
  /** Problems in the data (bad data, exit 65), one line each. */
  problems: string[];
}

/** Where a rule names a field, as file:line (the config's own lines; a preset by its name). */
function fieldLines(loaded: LoadedConfig, name: string): string[] {
  if (!loaded.file || loaded.policySource !== loaded.display) return [loaded.policySource];
  const lines = readFileSync(loaded.file, 'utf8').split(/\r?\n/);
  const pattern = new RegExp(
    `\\b(field|vs_national|years_since)\\s*:\\s*["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*[,}\\n]?`,
  );
  const found = lines.flatMap((line, i) => (pattern.test(line) ? [`${loaded.display}:${i + 1}`] : []));
  return found.length ? found : [loaded.display!];
}

/** Every field a rule names must be a canonical field or a column of one of the files: else a config error at the rule's line. */
function checkRuleFields(loaded: LoadedConfig, files: Pick<SchoolsFile, 'columns' | 'file'>[]): void {
  const unknown = unknownFields(
    loaded.policy,
    files.flatMap((d) => d.columns.headers),
  );
  if (unknown.length === 0) return;
  throw configError(
    unknown.flatMap((name) =>
      fieldLines(loaded, name).map(
        (where) =>
          `${where}: a rule names the field "${name}", which is neither a field sit knows (see the README's field table) nor a column of ${files.map((d) => d.file).join(' or ')}; check the spelling`,
      ),
    ),
  );
}

/** Schools placed, counted by tier, with the fields each school that needs data needs: all validate keeps of a placement. */
class TierTally {
  readonly counts = new Map<string | null, number>();
  total = 0;
  /** A list for each school that needs data (placing shares one among schools that need the same fields). */
  readonly missing: (readonly string[])[] = [];
  /** The placements of the schools a tier-change file re-tiers, kept to apply it. */
  readonly changed: Placement[] = [];

  constructor(private readonly retiered: ReadonlySet<number> | null = null) {}

  add(p: Placement): void {
    if (this.retiered?.has(p.school.urn)) this.changed.push(p);
    this.counts.set(p.tier, (this.counts.get(p.tier) ?? 0) + 1);
    this.total++;
    if (p.tier !== null) return;
    this.missing.push(p.missing);
  }
}

/**
 * The main file read a school at a time, each school placed as it comes and counted; `tally` gives
 * the counts once the file is read. A policy that counts schools per trust needs the whole file
 * for the count: a file is read twice (the trusts counted, then the schools placed), and standard
 * input, which cannot be read again, has its schools held to the end and placed then. With a
 * tier-change file (`retiered`: the URNs it names), `urns` are those of them the file has (its
 * changes are checked against them), and the placements of those schools are kept.
 */
async function placedAsRead(
  input: DataInput,
  read: ReadOptions,
  asOf: string,
  choose: (layout: Layout | null) => PolicyChoice,
  joinTo?: () => SchoolJoin,
  retiered: ReadonlySet<number> | null = null,
): Promise<{ run: CheckedRead; tally: () => TierTally; urns: () => number[] }> {
  const again = await canReadAgain(input);
  let tally = () => new TierTally();
  let urns: number[] = [];
  /** The schools per trust, counted by a first reading. */
  let sizes: Map<string, number> | null = null;
  let counting: Map<string, number> | null = null;
  const reading = () =>
    readChecked(
      input,
      read,
      asOf,
      choose,
      (policy) => {
        const counted = new TierTally(retiered);
        const every: number[] = [];
        urns = every;
        const compiled = compilePolicy(policy);
        const perTrust = usesFact(policy, 'trust_schools') && sizes === null;
        const trusts = perTrust && again ? new Map<string, number>() : null;
        const held: SchoolRecord[] | null = perTrust && !again ? [] : null;
        counting = trusts;
        tally = () => {
          if (held === null) return counted;
          const ctx = { asOf, trustSizes: trustSizes(held) };
          for (const school of held) counted.add(placeSchool(compiled, school, ctx));
          return counted;
        };
        const ctx = { asOf, trustSizes: sizes ?? new Map<string, number>() };
        return (school, placeable) => {
          if (retiered?.has(school.urn)) every.push(school.urn);
          if (!placeable) return;
          if (trusts) countTrust(trusts, school);
          else if (held) held.push(school);
          else counted.add(placeSchool(compiled, school, ctx));
        };
      },
      joinTo,
    );
  const run = await reading();
  // Read again only to place: with problems, nothing is placed.
  const trusts = counting as Map<string, number> | null;
  if (trusts && run.data.problems.length === 0 && run.problems.length === 0) {
    sizes = trusts;
    await reading();
  }
  return { run, tally: () => tally(), urns: () => urns };
}

/** Checks the config and the data file (FILE, else schools: in the config; none: the config only). */
export async function validation(file: string | undefined, options: DataOptions, io: Io): Promise<Validation> {
  const { first, load } = await configAndLoader(options, io);
  const asOf = asOfDate(options, io);
  const ruleCount = (l: LoadedConfig) => l.policy.tiers.reduce((n, t) => n + (t.rules?.length ?? 0), 0);
  const report: Record<string, unknown> = {};
  const lines: string[] = [];
  const path = file
    ? file === '-'
      ? '-'
      : resolve(io.cwd, file)
    : first.config.schools
      ? resolve(first.dir, first.config.schools)
      : null;
  let problems: string[] = [];
  let loaded = first;
  let why =
    loaded.policySource === loaded.display
      ? 'the config'
      : loaded.policyIsDefault
        ? `${loaded.policySource}, the default`
        : loaded.policySource;
  const dataLines: string[] = [];
  if (path) {
    const display = displayPath(path, io);
    const read = { layout: options.layout, sheet: options.sheet };
    const choose = (layout: Layout | null) => policyForData(first, { layout }, options, io, load);
    const extraPaths = withFiles(first, options.with, io);
    // The same reader, policy choice, joins and classify step as sit classify (io/load-data.ts).
    // The file streams, each school joined, placed and counted as it comes (the --with files and
    // the tier-change file read whole first: what that throws comes where reading them after the
    // main file would). Standard input is refused as a second input, as classify refuses it.
    const changesPath = tierChangesPath(first, options, io);
    refuseStdinTwice(path === '-', { with: extraPaths, tierChanges: changesPath });
    const readExtras = async () => {
      const files: SchoolsFile[] = [];
      for (const extraPath of extraPaths)
        files.push(await readSchoolsFile(extraPath, io.stdin, displayPath(extraPath, io)));
      return files;
    };
    const early = await readExtras().then(
      (files) => ({ files }),
      (error: unknown) => ({ error }),
    );
    // The tier-change file, read first too: what reading it throws is kept until where classify reads it.
    const changesEarly =
      changesPath === null
        ? null
        : await readTierChanges(changesPath, io.stdin, displayPath(changesPath, io)).then(
            (changes) => ({ changes }),
            (error: unknown) => ({ error }),
          );
    const retiered =
      changesEarly && 'changes' in changesEarly ? new Set(changesEarly.changes.changes.map((c) => c.urn)) : null;
    const joinTo =
      'files' in early && early.files.length
        ? () => new SchoolJoin(display, early.files, asEarlierThanMain)
        : undefined;
    const streamed = await placedAsRead({ path, display, stdin: io.stdin }, read, asOf, choose, joinTo, retiered);
    const data: SchoolsRead = streamed.run.data;
    const chosen = streamed.run.chosen();
    if (chosen.note) {
      loaded = chosen.loaded;
      why = `${loaded.policySource}, chosen for ${data.layout!.label} because no trust.config.yaml names a policy`;
    }
    const recognised = data.columns.fieldOf
      .map((f, i) => (f ? `${data.columns.headers[i]}${f !== data.columns.headers[i] ? ` -> ${f}` : ''}` : null))
      .filter((x): x is string => x !== null);
    const carried = data.columns.headers.filter((_, i) => data.columns.fieldOf[i] === null);
    problems = data.problems.map((p) => formatProblem(data.file, p));
    const layoutOf = (d: Pick<SchoolsFile, 'layout' | 'filled'>) =>
      d.layout ? { id: d.layout.id, label: d.layout.label, fills: d.filled } : null;
    if ('error' in early) throw early.error;
    const extras = early.files;
    for (const read of extras) problems.push(...read.problems.map((p) => formatProblem(read.file, p)));
    checkRuleFields(loaded, [data, ...extras]);
    let needing: string[] = [];
    let placed = '';
    if (problems.length === 0) {
      const streamedJoin = streamed.run.join;
      const joined = streamedJoin ? { reports: streamedJoin.reports(), conflicts: streamedJoin.conflicts } : null;
      problems = streamed.run.problems.map((p) => formatProblem(data.file, p));
      const tally = problems.length ? new TierTally() : streamed.tally();
      needing = needingDataLines(tally.missing, data.layout);
      placed = tierCountLine(tally.counts, tally.total, loaded.policy);
      // The tier-change file (--tier-changes or tier_changes:), read and checked as classify does.
      if (changesPath) {
        try {
          // Read first, above, whenever there is a tier-change file.
          const got = changesEarly!;
          if ('error' in got) throw got.error;
          const read = got.changes;
          const inForce = placementsInForce(
            tally.changed,
            streamed.urns().map((urn) => ({ urn })),
            read,
            loaded.policy,
            asOf,
          );
          const now = inForce.filter((p) => p.retiering?.inForce).length;
          dataLines.push(
            `tier changes: ${read.file}: ${read.changes.length} re-tiering${read.changes.length === 1 ? '' : 's'}, ${now} in force on ${asOf}`,
          );
          report.tier_changes = { file: read.file, changes: read.changes.length, in_force: now };
        } catch (error) {
          if (!(error instanceof SitError) || error.kind !== 'data') throw error;
          problems.push(...error.lines);
        }
      }
      if (joined) {
        dataLines.push(...describeJoin(joined));
        report.with = extras.map((e, i) => ({
          file: e.file,
          layout: layoutOf(e),
          schools: e.schools.length,
          matched: joined.reports[i].matched,
          unmatched: joined.reports[i].unmatched.length,
          absent: joined.reports[i].absent.length,
        }));
        report.conflicts = joined.conflicts;
      }
      report.placed = { summary: placed, needing_data: tally.missing.length, by_field: needing };
    }
    report.data = {
      file: data.file,
      encoding: data.encoding,
      schools: data.count,
      header_line: data.table.headerLine,
      recognised,
      carried_through: carried,
      problems,
      layout: layoutOf(data),
    };
    const status = problems.length
      ? `, ${problems.length} problem${problems.length === 1 ? '' : 's'}`
      : needing.length
        ? ''
        : ': OK';
    lines.push(
      `data: ${data.file}: ${data.encoding}, header on line ${data.table.headerLine}, ${data.count} schools${status}`,
    );
    lines.push(
      `  layout: ${data.layout ? `${data.layout.label} (${data.layout.id}${options.layout ? ', as --layout said' : ', recognised from the headers'}); fills ${data.filled.join(', ')}` : "the trust's own columns (no published layout recognised)"}`,
    );
    lines.push(`  columns used: ${recognised.join(', ') || 'none'}`);
    if (carried.length) lines.push(`  columns carried through: ${carried.join(', ')}`);
    for (const read of extras)
      lines.push(
        `with: ${read.file}: ${read.encoding}, ${read.schools.length} schools; layout: ${read.layout ? `${read.layout.id}, fills ${read.filled.join(', ')}` : "the trust's own columns"}`,
      );
    if (extras.length && !report.with)
      report.with = extras.map((e) => ({ file: e.file, layout: layoutOf(e), schools: e.schools.length }));
    lines.push(...dataLines);
    if (placed) lines.push(`placed as sit classify would: ${placed}`);
    if (needing.length) lines.push(`  needing data, by field:`, ...needing.map((l) => `    ${l}`));
  }
  report.config = {
    file: loaded.file,
    policy: loaded.policy.id,
    source: loaded.policySource,
    why,
    tiers: loaded.policy.tiers.map((t) => t.id),
    rules: ruleCount(loaded),
  };
  lines.unshift(
    `config: ${loaded.display ?? '(none found)'}: policy ${loaded.policy.id} from ${why}, ${loaded.policy.tiers.length} tiers, ${ruleCount(loaded)} rules: OK`,
  );
  return { report, lines, problems };
}
