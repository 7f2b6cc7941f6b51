// sit explain URN [FILE]: every rule for one school, with the values it saw and its outcome.
import { Command } from 'commander';
import { usageError } from '../errors.js';
import { emit } from '../io/output.js';
import { renderTableOutput, toJson } from '../io/render.js';
import { explanationJson, explanationTable, explanationText } from '../io/explanation.js';
import { classifyData, outputFormat, useColor, withDataOptions, withOutputOptions, withPolicyOptions, type DataOptions, type Io } from './context.js';

const FORMATS = ['table', 'csv', 'md', 'html', 'json', 'xlsx'] as const;

export function explainCommand(io: Io): Command {
  const cmd = new Command('explain')
    .description('show every rule for one school, the values it saw and the outcome')
    .argument('<urn>', "the school's URN")
    .argument('[file]', 'school data (CSV or YAML; - for standard input); default: schools: in trust.config.yaml');
  withPolicyOptions(cmd);
  withDataOptions(cmd);
  withOutputOptions(cmd, FORMATS);
  cmd.addHelpText('after', `
Examples:
  sit explain 100004 schools.csv
  sit explain 100004 schools.csv --preset dfe-tsio-2023 --format json`);
  cmd.action(async (urnText: string, file: string | undefined, options: DataOptions) => {
    const format = outputFormat(options, io, FORMATS);
    if (!/^\d{6}$/.test(urnText.trim())) throw usageError(`${urnText}: expected a 6-digit URN`);
    const urn = Number(urnText);
    const { loaded, asOf, data, placements } = await classifyData(file, options, io);
    const placement = placements.find((p) => p.school.urn === urn);
    if (!placement) throw usageError(`URN ${urn} is not in ${data.file} (${data.schools.length} schools); check the number`);
    const color = useColor(options, io);
    const content = format === 'json'
      ? toJson(explanationJson(placement, loaded.policy, asOf))
      : format === 'table'
        ? explanationText(placement, loaded.policy, asOf, color)
        : await renderTableOutput(explanationTable(placement, loaded.policy, asOf), format, { color });
    emit({ output: options.output, force: options.force, cwd: io.cwd, stdout: io.stdout, format }, content);
  });
  return cmd;
}
