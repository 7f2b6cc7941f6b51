// sit classify FILE: a tier per school, with the reason, support days and flags.
import { Command } from 'commander';
import { asOfDate, note, outputFormat, useColor, type DataOptions, type Io, writeOutput } from '../io/command-io.js';
import { classifyStreamed, needingDataNotes } from '../io/classify-output.js';
import { configAndLoader } from '../io/config-loader.js';
import { tierChangesPath } from '../io/data-files.js';
import { countByTier, placementJson, placementsTable } from '../io/placements.js';
import { withSchoolData, withOutputOptions } from './options.js';

const FORMATS = ['table', 'csv', 'md', 'html', 'json', 'xlsx'] as const;

export function classifyCommand(io: Io): Command {
  const cmd = new Command('classify').description(
    'place each school in a support tier, with the reason and its support days',
  );
  withSchoolData(cmd);
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
    const { first: config, load } = await configAndLoader(options, io);
    // CSV, JSON and Markdown are written as the file is read; with tier changes, the tier in force needs every school's placement first.
    if ((format === 'csv' || format === 'json' || format === 'md') && !tierChangesPath(config, options, io))
      return classifyStreamed(file, options, io, { config, load, format, asOf });
    // The whole file placed at once, and the table writers: imported here, so the streamed road
    // above loads neither (start-up, SPEC section 8).
    const [{ classifyData }, { renderTableOutput, toJson }] = await Promise.all([
      import('../io/load-data.js'),
      import('../io/render.js'),
    ]);
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
    const missing = placements.filter((p) => p.tier === null).map((p) => p.missing);
    needingDataNotes(options, io, data.file, data.layout, missing);
  });
  return cmd;
}
