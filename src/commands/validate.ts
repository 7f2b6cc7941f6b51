// sit validate [FILE]: checks the config and a data file, and reports every problem at once. It
// reads and places the data with the same loader and classify step as sit classify, so it reports
// what classify would: the layout seen, the policy used and why, and the schools that need data.
import { Command } from 'commander';
import { dataError, usageError } from '../errors.js';
import { emit } from '../io/output.js';
import { toJson } from '../io/render.js';
import type { DataOptions, Io } from '../io/command-io.js';
import { validation } from '../io/validation.js';
import { withDataOptions, withPolicyOptions } from './options.js';

export function validateCommand(io: Io): Command {
  const cmd = new Command('validate')
    .description(
      'check the trust config and a school data file as sit classify reads them; report every problem at once',
    )
    .argument('[file]', 'school data to check (default: schools: in trust.config.yaml; none: check the config only)')
    .option('--format <format>', 'text or json', 'text')
    .option('--quiet', 'print only problems');
  withPolicyOptions(cmd);
  withDataOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  sit validate                      check trust.config.yaml (and its schools: file)
  sit validate schools.csv --preset four-tier
  sit validate ofsted.csv --with ks4.csv     the layout of each file, the policy chosen, who needs data and where to find it`,
  );
  cmd.action(async (file: string | undefined, options: DataOptions) => {
    if (options.format !== 'text' && options.format !== 'json')
      throw usageError(`--format ${options.format}: choose text or json`);
    const { report, lines, problems } = await validation(file, options, io);
    const content = options.format === 'json' ? toJson(report) : options.quiet ? '' : `${lines.join('\n')}\n`;
    if (content) await emit({ cwd: io.cwd, stdout: io.stdout }, content);
    if (problems.length) throw dataError(problems);
  });
  return cmd;
}
