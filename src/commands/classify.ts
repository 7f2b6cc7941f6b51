// sit classify FILE: a tier per school, with the reason, support days and flags.
import { Command } from 'commander';
import { classifyStreamTo, shouldStream } from '../io/classify-stream.js';
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
import { dataFile, loadPolicy, classifyData } from '../io/load-data.js';

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
  sit classify ofsted.csv --with ks4.csv --with tracker.xlsx -o tiers.xlsx`,
  );
  cmd.action(async (file: string | undefined, options: DataOptions) => {
    const format = outputFormat(options, io, FORMATS);
    const asOf = asOfDate(options, io);
    const config = loadPolicy(options, io);
    if (!options.with?.length && !options.layout && !options.sheet && !config.config.with?.length) {
      const path = dataFile(file, config, io);
      if (shouldStream(path, format)) {
        const streamed = await classifyStreamTo(
          { output: options.output, force: options.force, cwd: io.cwd, stdout: io.stdout },
          { path, display: displayPath(path, io), policy: config.policy, asOf, format },
        );
        if (streamed) return note(options, io, `${streamed.summary} (${config.policySource})`);
      }
    }
    const { loaded, data, placements } = await classifyData(file, options, io, config);
    const content =
      format === 'json'
        ? toJson(placements.map(placementJson))
        : await renderTableOutput(
            placementsTable(placements, loaded.policy, asOf, format === 'table' ? 'terminal' : 'file'),
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
