// sit classify FILE: a tier per school, with the reason, support days and flags.
import { Command } from 'commander';
import { classify } from '../core/classify.js';
import { formatProblem } from '../core/school.js';
import { dataError } from '../errors.js';
import { readSchools } from '../io/read-schools.js';
import { emit } from '../io/output.js';
import { placementJson, placementsTable, countByTier } from '../io/placements.js';
import { renderTable, toJson } from '../io/render.js';
import { asOfDate, dataFile, displayPath, loadPolicy, note, outputFormat, useColor, withOutputOptions, withPolicyOptions, type CommonOptions, type Io } from './context.js';

const FORMATS = ['table', 'csv', 'md', 'html', 'json'] as const;

export function classifyCommand(io: Io): Command {
  const cmd = new Command('classify')
    .description('place each school in a support tier, with the reason and its support days')
    .argument('[file]', 'school data (CSV or YAML; - for standard input); default: schools: in trust.config.yaml');
  withPolicyOptions(cmd);
  withOutputOptions(cmd, FORMATS);
  cmd.addHelpText('after', `
Examples:
  sit classify schools.csv                      a coloured table in the terminal
  sit classify schools.csv --preset four-tier -o tiers.csv
  sit classify schools.csv --format json | jq '.[] | select(.tier == null)'`);
  cmd.action(async (file: string | undefined, options: CommonOptions) => {
    const format = outputFormat(options, io, FORMATS);
    const loaded = loadPolicy(options, io);
    const asOf = asOfDate(options, io);
    const path = dataFile(file, loaded, io);
    const data = await readSchools(path, io.stdin, displayPath(path, io));
    const result = classify(data.schools, loaded.policy, { asOf });
    if (result.problems.length) throw dataError(result.problems.map((p) => formatProblem(data.file, p)));
    const content = format === 'json'
      ? toJson(result.placements.map(placementJson))
      : renderTable(placementsTable(result.placements, loaded.policy, asOf, format === 'table' ? 'terminal' : 'file'), format, { color: useColor(options, io), width: io.stdout.columns });
    emit({ output: options.output, force: options.force, cwd: io.cwd, stdout: io.stdout }, content);
    if (format !== 'table' || options.output) note(options, io, `${countByTier(result.placements, loaded.policy)} (${loaded.policySource})`);
  });
  return cmd;
}
