// sit validate's findings: the config and the policy chosen (and why), and for a data file its
// encoding, header line, layout, the columns used and carried through, the joins, and the
// schools placed as sit classify would place them, with who needs data and where to find it.
// It reads and places with the same loader and classify step as sit classify.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { classify } from '../core/classify.js';
import { unknownFields } from '../core/fields-named.js';
import { describeJoin, joinSchools } from '../core/join.js';
import { asEarlierInspections } from '../core/report-card.js';
import { formatProblem } from '../core/school.js';
import { configError, SitError } from '../errors.js';
import { asOfDate, displayPath, type DataOptions, type Io } from './command-io.js';
import { loadConfig, type LoadedConfig } from './config.js';
import { needingDataLines } from './layouts.js';
import { loadPolicy, policyForData, tierChangesPath, withFiles } from './load-data.js';
import { placementsInForce, readTierChanges } from './tier-changes-file.js';
import { countByTier } from './placements.js';
import { readSchoolsFile, type SchoolsFile } from './read-schools.js';

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
function checkRuleFields(loaded: LoadedConfig, files: SchoolsFile[]): void {
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

/** Checks the config and the data file (FILE, else schools: in the config; none: the config only). */
export async function validation(file: string | undefined, options: DataOptions, io: Io): Promise<Validation> {
  const first = loadPolicy(options, io);
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
    // The same reader, policy choice, joins and classify step as sit classify (io/load-data.ts).
    const data = await readSchoolsFile(path, io.stdin, displayPath(path, io), {
      layout: options.layout,
      sheet: options.sheet,
    });
    const chosen = policyForData(first, data, options, io, loadConfig);
    if (chosen.note) {
      loaded = chosen.loaded;
      why = `${loaded.policySource}, chosen for ${data.layout!.label} because no trust.config.yaml names a policy`;
    }
    const recognised = data.columns.fieldOf
      .map((f, i) => (f ? `${data.columns.headers[i]}${f !== data.columns.headers[i] ? ` -> ${f}` : ''}` : null))
      .filter((x): x is string => x !== null);
    const carried = data.columns.headers.filter((_, i) => data.columns.fieldOf[i] === null);
    problems = data.problems.map((p) => formatProblem(data.file, p));
    const layoutOf = (d: SchoolsFile) =>
      d.layout ? { id: d.layout.id, label: d.layout.label, fills: d.filled } : null;
    const extras: SchoolsFile[] = [];
    for (const extraPath of withFiles(first, options.with, io)) {
      const read = await readSchoolsFile(extraPath, io.stdin, displayPath(extraPath, io));
      extras.push(read);
      problems.push(...read.problems.map((p) => formatProblem(read.file, p)));
    }
    checkRuleFields(loaded, [data, ...extras]);
    let needing: string[] = [];
    let placed = '';
    if (problems.length === 0) {
      const joined = extras.length
        ? joinSchools(
            { file: data.file, schools: data.schools },
            extras.map((e) => ({ file: e.file, schools: asEarlierInspections(data.schools, e.schools) })),
          )
        : null;
      const result = classify(joined?.schools ?? data.schools, loaded.policy, { asOf });
      problems = result.problems.map((p) => formatProblem(data.file, p));
      const unplaced = result.placements.filter((p) => p.tier === null);
      needing = needingDataLines(
        unplaced.map((p) => p.missing),
        data.layout,
      );
      placed = countByTier(result.placements, loaded.policy);
      // The tier-change file (--tier-changes or tier_changes:), read and checked as classify does.
      const changesPath = tierChangesPath(loaded, options, io);
      if (changesPath) {
        try {
          const read = await readTierChanges(changesPath, io.stdin, displayPath(changesPath, io));
          const inForce = placementsInForce(result.placements, data.schools, read, loaded.policy, asOf);
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
      report.placed = { summary: placed, needing_data: unplaced.length, by_field: needing };
    }
    report.data = {
      file: data.file,
      encoding: data.encoding,
      schools: data.schools.length,
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
      `data: ${data.file}: ${data.encoding}, header on line ${data.table.headerLine}, ${data.schools.length} schools${status}`,
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
