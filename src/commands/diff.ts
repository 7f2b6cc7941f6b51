// sit diff OLD NEW: tier movements between two years (up, down, same, joined, left, newly needing data).
import { Command } from 'commander';
import { diffContent } from '../io/diff-output.js';
import { compareFiles, type DiffOptions } from '../io/diff-input.js';
import { withDataOptions, withOutputOptions, withPolicyOptions } from './options.js';
import { note, outputFormat, useColor, type Io, writeOutput } from '../io/command-io.js';
import { loadPolicy } from '../io/load-data.js';
import { retieringsOf } from '../io/diff-retierings.js';

const FORMATS = ['table', 'csv', 'md', 'html', 'json', 'xlsx'] as const;

export function diffCommand(io: Io): Command {
  const cmd = new Command('diff')
    .description('tier movements between two years: up, down, same, joined, left, newly needing data')
    .argument('<old>', "last year's classification (sit classify output, CSV or JSON) or school data file")
    .argument('<new>', "this year's, in the same form");
  withPolicyOptions(cmd);
  withDataOptions(cmd, 'NEW');
  cmd.option(
    '--old-with <file>',
    'join another file on URN to OLD (repeatable), as --with does for NEW',
    (value: string, list: string[] = []) => [...list, value],
  );
  withOutputOptions(cmd, FORMATS);
  cmd.option(
    '--old-as-of <date>',
    'when OLD is a data file: classify it as of this date (default: a year before --as-of)',
  );
  cmd.addHelpText(
    'after',
    `
"up" is a move to a tier with more support (a higher level in the policy), "down" to one with less.
Data files are classified with the same policy: NEW as of --as-of, OLD a year earlier.

Examples:
  sit diff tiers-2025.csv tiers-2026.csv        two sit classify outputs
  sit diff schools-2025.csv schools-2026.csv --as-of 2026-09-01 --format md
  sit diff old.json new.json --format json | jq '.movements[] | select(.movement == "up")'`,
  );
  cmd.action(async (oldFile: string, newFile: string, options: DiffOptions) => {
    const format = outputFormat(options, io, FORMATS);
    const compared = await compareFiles(oldFile, newFile, options, await loadPolicy(options, io), io);
    const loaded = compared.now.loaded;
    for (const line of new Set([...compared.now.notes, ...compared.old.notes])) note(options, io, line);
    const retierings = await retieringsOf(compared.now, options, io);
    const content = await diffContent(
      compared,
      format,
      { color: useColor(options, io), width: io.stdout.columns },
      retierings,
    );
    await writeOutput(options, io, content, format);
    if (format !== 'table' || options.output) note(options, io, `${compared.result.summary} (${loaded.policySource})`);
  });
  return cmd;
}
