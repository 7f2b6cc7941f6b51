// sit validate [FILE]: checks the config and a data file, and reports every problem at once.
import { Command } from 'commander';
import { classify } from '../core/classify.js';
import { formatProblem } from '../core/school.js';
import { dataError } from '../errors.js';
import { readSchoolsFile } from '../io/read-schools.js';
import { emit } from '../io/output.js';
import { toJson } from '../io/render.js';
import { asOfDate, displayPath, loadPolicy, withDataOptions, withPolicyOptions, type DataOptions, type Io } from './context.js';
import { describeJoin, joinSchools } from '../core/join.js';
import { resolve } from 'node:path';


export function validateCommand(io: Io): Command {
  const cmd = new Command('validate')
    .description('check the trust config and a school data file; report every problem at once')
    .argument('[file]', 'school data to check (default: schools: in trust.config.yaml; none: check the config only)')
    .option('--format <format>', 'text or json', 'text')
    .option('--quiet', 'print only problems');
  withPolicyOptions(cmd);
  withDataOptions(cmd);
  cmd.addHelpText('after', `
Examples:
  sit validate                      check trust.config.yaml (and its schools: file)
  sit validate schools.csv --preset four-tier
  sit validate ofsted.csv --with ks4.csv     which published layout each file is, what it fills, the join`);
  cmd.action(async (file: string | undefined, options: DataOptions) => {
    const loaded = loadPolicy(options, io);
    const asOf = asOfDate(options, io);
    const policy = loaded.policy;
    const ruleCount = policy.tiers.reduce((n, t) => n + (t.rules?.length ?? 0), 0);
    const report: Record<string, unknown> = {
      config: { file: loaded.file, policy: policy.id, source: loaded.policySource, tiers: policy.tiers.map((t) => t.id), rules: ruleCount },
    };
    const lines = [`config: ${loaded.display ?? '(none found)'}: policy ${policy.id} from ${loaded.policySource === loaded.display ? 'the config' : loaded.policySource}, ${policy.tiers.length} tiers, ${ruleCount} rules: OK`];
    const path = file ? (file === '-' ? '-' : resolve(io.cwd, file)) : loaded.config.schools ? resolve(loaded.dir, loaded.config.schools) : null;
    let problems: string[] = [];
    if (path) {
      const data = await readSchoolsFile(path, io.stdin, displayPath(path, io), { layout: options.layout, sheet: options.sheet });
      const recognised = data.columns.fieldOf.map((f, i) => (f ? `${data.columns.headers[i]}${f !== data.columns.headers[i] ? ` -> ${f}` : ''}` : null)).filter((x): x is string => x !== null);
      const carried = data.columns.headers.filter((_, i) => data.columns.fieldOf[i] === null);
      problems = data.problems.map((p) => formatProblem(data.file, p));
      if (problems.length === 0) problems = classify(data.schools, policy, { asOf }).problems.map((p) => formatProblem(data.file, p));
      report.data = { file: data.file, encoding: data.encoding, schools: data.schools.length, header_line: data.table.headerLine, recognised, carried_through: carried, problems };
      lines.push(`data: ${data.file}: ${data.encoding}, header on line ${data.table.headerLine}, ${data.schools.length} schools${problems.length ? `, ${problems.length} problem${problems.length === 1 ? '' : 's'}` : ': OK'}`);
      const layoutOf = (d: typeof data) => (d.layout ? { id: d.layout.id, label: d.layout.label, fills: d.filled } : null);
      (report.data as Record<string, unknown>).layout = layoutOf(data);
      lines.push(`  layout: ${data.layout ? `${data.layout.label} (${data.layout.id}${options.layout ? ', as --layout said' : ', recognised from the headers'}); fills ${data.filled.join(', ')}` : "the trust's own columns (no published layout recognised)"}`);
      lines.push(`  columns used: ${recognised.join(', ') || 'none'}`);
      if (carried.length) lines.push(`  columns carried through: ${carried.join(', ')}`);
      if (options.with?.length) {
        const extras = [];
        for (const extra of options.with) {
          const extraPath = extra === '-' ? '-' : resolve(io.cwd, extra);
          const read = await readSchoolsFile(extraPath, io.stdin, displayPath(extraPath, io));
          extras.push(read);
          problems.push(...read.problems.map((p) => formatProblem(read.file, p)));
          lines.push(`with: ${read.file}: ${read.encoding}, ${read.schools.length} schools; layout: ${read.layout ? `${read.layout.id}, fills ${read.filled.join(', ')}` : "the trust's own columns"}`);
        }
        const joined = joinSchools({ file: data.file, schools: data.schools }, extras.map((e) => ({ file: e.file, schools: e.schools })));
        const joinLines = describeJoin(joined);
        lines.push(...joinLines);
        report.with = extras.map((e, i) => ({ file: e.file, layout: layoutOf(e), schools: e.schools.length, matched: joined.reports[i].matched, unmatched: joined.reports[i].unmatched.length, absent: joined.reports[i].absent.length }));
        report.conflicts = joined.conflicts;
      }
    }
    const content = (options as { format?: string }).format === 'json' ? toJson(report) : options.quiet ? '' : `${lines.join('\n')}\n`;
    if (content) await emit({ cwd: io.cwd, stdout: io.stdout }, content);
    if (problems.length) throw dataError(problems);
  });
  return cmd;
}
