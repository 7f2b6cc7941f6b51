// sit report FILE [--previous OLD]: the board report (HTML, Word, Markdown or JSON).
import { scheduleOf } from './schedule-context.js';
import { Command } from 'commander';
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { todayIso } from '../core/dates.js';
import { budget } from '../core/budget.js';
import { diff, entryOf, yearBefore } from '../core/diff.js';
import { emit, resolveFormat } from '../io/output.js';
import { reportHtml, reportJson, reportMarkdown, type ReportInput } from '../io/report.js';
import { toJson } from '../io/render.js';
import { reportOverAllocation } from './budget.js';
import { readSide, sidesLine } from './diff.js';
import { usageError } from '../errors.js';
import {
  classifyData,
  dataFile,
  note,
  withDataOptions,
  withFiles,
  withOutputOptions,
  withPolicyOptions,
  type DataOptions,
  type Io,
} from './context.js';

const FORMATS = ['html', 'docx', 'md', 'json'] as const;

/** A file's name without its folder ("standard input" for -). */
function fileName(path: string): string {
  return path === '-' ? 'standard input' : basename(path);
}

/** The date a data file was last saved, or null (standard input). */
function savedOn(path: string): string | null {
  if (path === '-') return null;
  try {
    return todayIso(statSync(path).mtime);
  } catch {
    return null;
  }
}

export function reportCommand(io: Io): Command {
  const cmd = new Command('report')
    .description('a self-contained board report: tiers and reasons, budget against capacity, movements, charts')
    .argument('[file]', 'school data (CSV or YAML; - for standard input); default: schools: in trust.config.yaml');
  withPolicyOptions(cmd);
  withDataOptions(cmd);
  withOutputOptions(cmd, FORMATS, { defaultFormat: 'html' });
  cmd
    .option('--previous <old>', "last year's school data or sit classify output: adds the movements since then")
    .option('--strict', 'exit with code 1 when demand exceeds capacity (the report is still written)');
  cmd.addHelpText(
    'after',
    `
The HTML report is one file with inline SVG charts (no scripts, nothing fetched), and prints on A4.
The Word report (-o FILE.docx) has the same sections, tables and charts (as pictures), on A4.
Without --format or -o it writes HTML to standard output.

Examples:
  sit report schools.csv -o board-report.html
  sit report schools.csv --previous schools-2025.csv --as-of 2026-09-01 -o board-report.html
  sit report schools.csv -o board-report.docx
  sit report schools.csv --format md -o board-report.md`,
  );
  cmd.action(async (file: string | undefined, options: DataOptions & { previous?: string; strict?: boolean }) => {
    const format = resolveFormat(options, FORMATS, false, 'html');
    if (format === 'docx' && !options.output && io.stdout.isTTY)
      throw usageError('a Word document cannot be shown in the terminal; add -o board-report.docx');
    const { loaded, asOf, placements } = await classifyData(file, options, io);
    const result = budget(placements, loaded.policy, loaded.config.capacity, scheduleOf(loaded, placements, asOf));
    let movements: ReportInput['movements'] = null;
    if (options.previous) {
      // A board paper names files, never a folder on someone's computer.
      const old = {
        ...(await readSide(options.previous, yearBefore(asOf), loaded, io, {
          with: withFiles(loaded, undefined, io),
          options,
        })),
        file: fileName(options.previous),
      };
      const now = {
        entries: placements.map(entryOf),
        asOf,
        file: fileName(dataFile(file, loaded, io)),
        loaded,
        notes: [],
      };
      const compared = { result: diff(old.entries, now.entries, loaded.policy), old, now };
      movements = { result: compared.result, line: sidesLine(compared), oldAsOf: old.asOf };
    }
    const trusts = new Set(
      placements.map((p) => p.school.fields.trust).filter((t): t is string => typeof t === 'string' && t !== ''),
    );
    const trust = loaded.config.trust_name ?? (trusts.size === 1 ? [...trusts][0] : null);
    const files = [
      { role: 'schools', path: dataFile(file, loaded, io) },
      ...(options.with ?? []).map((w) => ({ role: 'joined with', path: w === '-' ? '-' : resolve(io.cwd, w) })),
      ...(options.previous
        ? [{ role: 'last year', path: options.previous === '-' ? '-' : resolve(io.cwd, options.previous) }]
        : []),
    ].map((f) => ({ role: f.role, name: fileName(f.path), modified: savedOn(f.path) }));
    const input: ReportInput = { policy: loaded.policy, asOf, placements, budget: result, movements, trust, files };
    const content =
      format === 'docx'
        ? await (await import('../io/report-docx.js')).reportDocx(input)
        : format === 'json'
          ? toJson(reportJson(input))
          : format === 'md'
            ? reportMarkdown(input)
            : reportHtml(input);
    await emit({ output: options.output, force: options.force, cwd: io.cwd, stdout: io.stdout, format }, content);
    if (options.output) note(options, io, `Wrote ${options.output} (${loaded.policySource})`);
    reportOverAllocation(result, options, io);
  });
  return cmd;
}
