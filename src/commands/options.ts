// The options table: declared once, added to each command that takes them.
import type { Command } from 'commander';
import { LAYOUT_IDS } from '../io/layouts.js';

/**
 * For every command that places schools: the [file] argument (one reader, so one description),
 * then the policy options and the data options, in that order.
 */
export const withSchoolData = (cmd: Command): Command =>
  withDataOptions(
    withPolicyOptions(
      cmd.argument(
        '[file]',
        'school data (CSV, Excel .xlsx or YAML; - for standard input); default: schools: in trust.config.yaml',
      ),
    ),
  );

export function withPolicyOptions(cmd: Command): Command {
  return cmd
    .option('--preset <name>', 'use a shipped preset policy instead of the one in trust.config.yaml')
    .option('--config <file>', 'the trust config (default: trust.config.yaml in this folder or above)')
    .option(
      '--as-of <date>',
      'the date to work as of: decides the academic year, new heads, due cycles (default: today)',
    );
}

/** For a command that writes a document rather than a table: its default format, and no terminal colours. */
export interface DocumentOutput {
  defaultFormat: string;
}

export function withOutputOptions(cmd: Command, formats: readonly string[], document?: DocumentOutput): Command {
  const defaultText = document
    ? `the -o file's extension, else ${document.defaultFormat}`
    : 'table in a terminal, csv when piped';
  cmd
    .option('--format <format>', `output format: ${formats.join(', ')} (default: ${defaultText})`)
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option('--force', 'overwrite the -o file if it exists')
    .option('--quiet', 'print nothing but the result (no summary)');
  return document ? cmd : cmd.option('--no-color', 'no colour in the terminal table (also: NO_COLOR=1)');
}

/** --with, --layout and --sheet: reading published files and joining them (issue 6). */
export function withDataOptions(cmd: Command, file = 'FILE'): Command {
  return cmd
    .option(
      '--with <file>',
      `join another file to ${file} on URN (repeatable): an older Ofsted file, DfE performance or attendance, a GIAS extract, a trust tracker (.csv or .xlsx); also with: in trust.config.yaml`,
      (value: string, list: string[] = []) => [...list, value],
    )
    .option(
      '--layout <name>',
      `read ${file} as this published layout instead of recognising it: ${LAYOUT_IDS.join(', ')}`,
    )
    .option('--sheet <name>', `the sheet of ${file} to read, when it is .xlsx (default: the first)`)
    .option(
      '--tier-changes <file>',
      'mid-year re-tierings (urn, from, tier, reason, agreed_by, agreed_on; CSV, YAML or .xlsx); also tier_changes: in trust.config.yaml',
    );
}

/** --log: the visit log (sit log, and delivered against plan in calendar, budget and report). */
export const withLogOption = (cmd: Command): Command =>
  cmd.option('--log <file>', 'the visit log (CSV, YAML or .xlsx); default: log: in trust.config.yaml');
