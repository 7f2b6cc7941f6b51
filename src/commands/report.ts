// sit report FILE [--previous OLD]: the board report (HTML, Word, Markdown or JSON).
import { Command } from 'commander';
import { resolveFormat } from '../io/output.js';
import { overAllocation } from '../io/budget-output.js';
import { reportContent, reportInput } from '../io/report-input.js';
import { usageError } from '../errors.js';
import { withSchoolData, withLogOption, withOutputOptions } from './options.js';
import { note, writeOutput, type DataOptions, type Io } from '../io/command-io.js';
import { classifyData } from '../io/load-data.js';
import { academyCards } from '../io/targets-file.js';

const FORMATS = ['html', 'docx', 'md', 'json'] as const;

type ReportOptions = DataOptions & { previous?: string; strict?: boolean; log?: string };

export function reportCommand(io: Io): Command {
  const cmd = new Command('report').description(
    'a self-contained board report: tiers and reasons, budget against capacity, movements, charts',
  );
  withSchoolData(cmd);
  withLogOption(cmd);
  withOutputOptions(cmd, FORMATS, { defaultFormat: 'html' });
  cmd
    .option('--previous <old>', "last year's school data or sit classify output: adds the movements since then")
    .option('--strict', 'exit with code 1 when demand exceeds capacity (the report is still written)')
    .option(
      '--targets <file>',
      'academy-card targets (urn, kpi, target, value): adds the academy cards; also targets: in the config',
    );
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
  cmd.action(async (file: string | undefined, options: ReportOptions & { targets?: string }) => {
    const format = resolveFormat(options, FORMATS, false, 'html');
    if (format === 'docx' && !options.output && io.stdout.isTTY)
      throw usageError('a Word document cannot be shown in the terminal; add -o board-report.docx');
    const classified = await classifyData(file, options, io);
    const input = await reportInput(file, classified, options, io);
    const cards = await academyCards(classified.loaded, classified.placements, classified.asOf, options.targets, io);
    if (cards) input.cards = cards;
    await writeOutput(options, io, await reportContent(input, format), format);
    if (options.output) note(options, io, `Wrote ${options.output} (${classified.loaded.policySource})`);
    const over = overAllocation(input.budget, options.strict);
    if (over) note(options, io, over);
  });
  return cmd;
}
