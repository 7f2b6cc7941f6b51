// sit classify FILE: a tier per school, with the reason, support days and flags.
import { Command } from 'commander';
import { classifyStreamTo } from '../io/classify-stream.js';
import { describeJoin } from '../core/join.js';
import type { SchoolsFile } from '../io/read-schools.js';
import { needingDataLines } from '../io/layouts.js';
import { placementJson, placementsTable, countByTier } from '../io/placements.js';
import { renderTableOutput, toJson } from '../io/render.js';
import { withDataOptions, withOutputOptions, withPolicyOptions } from './options.js';
import {
  asOfDate,
  displayPath,
  note,
  outputFormat,
  useColor,
  type DataOptions,
  type Io,
  writeOutput,
} from '../io/command-io.js';
import {
  dataFile,
  loadPolicy,
  classifyData,
  policyForData,
  readWithFiles,
  tierChangesPath,
  withFiles,
} from '../io/load-data.js';

const FORMATS = ['table', 'csv', 'md', 'html', 'json', 'xlsx'] as const;

export function classifyCommand(io: Io): Command {
  const cmd = new Command('classify')
    .description('place each school in a support tier, with the reason and its support days')
    .argument(
      '[file]',
      'school data (CSV, Excel .xlsx or YAML; - for standard input); default: schools: in trust.config.yaml',
    );
  withPolicyOptions(cmd);
  withDataOptions(cmd);
  withOutputOptions(cmd, FORMATS);
  cmd.addHelpText(
    'after',
    `
Examples:
  sit classify schools.csv                      a coloured table in the terminal
  sit classify schools.csv --preset four-tier -o tiers.csv
  sit classify schools.csv --format json | jq '.[] | select(.tier == null)'
  sit classify ofsted-management-information.csv --preset rise-2025
  sit classify ofsted.csv --with ks4.csv --with tracker.xlsx -o tiers.xlsx
  sit classify schools.csv --tier-changes retiering.csv --as-of 2027-03-01   the tier in force beside the computed one`,
  );
  cmd.action(async (file: string | undefined, options: DataOptions) => {
    const format = outputFormat(options, io, FORMATS);
    const asOf = asOfDate(options, io);
    const config = loadPolicy(options, io);
    if ((format === 'csv' || format === 'json' || format === 'md') && !tierChangesPath(config, options, io)) {
      // CSV, JSON and Markdown are written as the file is read, whatever its size (io/classify-stream.ts); with
      // tier changes, the tier in force needs every school's placement first.
      const path = dataFile(file, config, io);
      const display = displayPath(path, io);
      const extras = withFiles(config, options.with, io);
      let chosen: ReturnType<typeof policyForData> = { loaded: config, note: null };
      let extrasRead: { files: SchoolsFile[] } | { error: unknown };
      try {
        extrasRead = { files: extras.length ? await readWithFiles(extras, display, io) : [] };
      } catch (error) {
        extrasRead = { error };
      }
      const streamed = await classifyStreamTo(
        { output: options.output, force: options.force, cwd: io.cwd, stdout: io.stdout },
        {
          input: { path, display, stdin: io.stdin },
          policy: (layout) => {
            chosen = policyForData(config, { layout }, options, io);
            return chosen.loaded.policy;
          },
          read: { layout: options.layout, sheet: options.sheet },
          extras: extrasRead,
          asOf,
          format,
        },
      );
      if (chosen.note) note(options, io, chosen.note);
      if (streamed.join) for (const line of describeJoin(streamed.join)) note(options, io, line);
      note(options, io, `${streamed.summary} (${chosen.loaded.policySource})`);
      if (streamed.layout?.hint && streamed.missing.length) note(options, io, `${display}: ${streamed.layout.hint}`);
      for (const line of needingDataLines(streamed.missing, streamed.layout)) note(options, io, `needs data: ${line}`);
      return;
    }
    const { loaded, data, placements, tierChanges } = await classifyData(file, options, io, config);
    const changes = tierChanges !== null;
    const content =
      format === 'json'
        ? toJson(placements.map((p) => placementJson(p, changes)))
        : await renderTableOutput(
            placementsTable(placements, loaded.policy, asOf, format === 'table' ? 'terminal' : 'file', changes),
            format,
            { color: useColor(options, io), width: io.stdout.columns, warn: (line) => note(options, io, line) },
          );
    await writeOutput(options, io, content, format);
    if (format !== 'table' || options.output)
      note(options, io, `${countByTier(placements, loaded.policy)} (${loaded.policySource})`);
    const unplaced = placements.filter((p) => p.tier === null);
    if (data.layout?.hint && unplaced.length) note(options, io, `${data.file}: ${data.layout.hint}`);
    // Point at the fix: which published file supplies what the unplaced schools need.
    for (const line of needingDataLines(
      unplaced.map((p) => p.missing),
      data.layout,
    ))
      note(options, io, `needs data: ${line}`);
  });
  return cmd;
}
