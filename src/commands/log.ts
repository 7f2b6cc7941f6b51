// sit log [--school URN] [--term N]: the visit log's entries, in every output format; and
// sit log add (log-add.ts): one entry appended.
import { Command } from 'commander';
import { selectEntries } from '../core/log.js';
import { usageError } from '../errors.js';
import { readLog } from '../io/log-file.js';
import { entryJson, logTable, type LogView } from '../io/log-output.js';
import { renderTableOutput, toJson } from '../io/render.js';
import { ADD_ONLY, addToLog, withAddOptions, type AddOptions } from './log-add.js';
import { logNames, requireLog } from '../io/log-input.js';
import { loadPolicy, loadTerms } from '../io/load-data.js';
import { note, outputFormat, urnOption, useColor, writeOutput, type Io } from '../io/command-io.js';
import { withLogOption, withOutputOptions, withPolicyOptions } from './options.js';

const FORMATS = ['table', 'csv', 'md', 'html', 'json', 'xlsx'] as const;

interface ListOptions extends AddOptions {
  term?: string;
}

export function logCommand(io: Io): Command {
  // One command, not a subcommand "add": commander would give add's --school to the list.
  const cmd = new Command('log')
    .description(
      'the visit log: what was delivered (date, school, activity, person, days, outcome); sit log add appends one',
    )
    .argument('[add]', 'add: append one entry (asked for in a terminal when flags are missing)')
    .option('--school <urn>', "one school's entries (add: the school's URN)")
    .option('--term <n>', "one term's entries, 1-6 (by the term dates in trust.config.yaml)");
  withAddOptions(cmd);
  withLogOption(cmd);
  withPolicyOptions(cmd);
  withOutputOptions(cmd, FORMATS);
  cmd.addHelpText(
    'after',
    `
The log is the file --log names, else log: in trust.config.yaml (CSV, YAML or .xlsx), with the
columns date, urn, activity, person, days, outcome, notes. A bad entry is bad input (exit 65),
one line each: file:line: column: what was expected.

Examples:
  sit log                                        every entry
  sit log --school 100004 --term 3 --format md   one school's entries in term 3
  sit log --format json | jq 'map(.days) | add'   the days delivered
  sit log add --school 100004 --activity t3-school-wfap --date 2027-01-12 --days 1 --person "Sam Okafor"

sit log add: two people may log at once: the log is locked while an entry is added (LOG.lock beside
it) and written whole (a temporary file renamed over it), so neither entry is lost. CSV and YAML
logs are added to; an .xlsx log is read only. Without a terminal every missing flag is a usage error.`,
  );
  cmd.action(async (action: string | undefined, options: ListOptions) => {
    if (action !== undefined && action !== 'add')
      throw usageError(`sit log ${action}: the one action is add (sit log add)`);
    if (action === 'add') {
      if (options.term !== undefined) throw usageError('--term: lists a term; sit log add takes --date');
      return addToLog(options, io);
    }
    const given = ADD_ONLY.filter((k) => options[k] !== undefined);
    if (given.length)
      throw usageError(`${given.map((k) => `--${k}`).join(', ')}: only for sit log add (did you mean sit log add?)`);
    const format = outputFormat(options, io, FORMATS);
    const loaded = await loadPolicy(options, io);
    const log = requireLog(options, loaded, io);
    const { cal } = loadTerms(loaded);
    const urn = options.school === undefined ? undefined : urnOption('--school', options.school);
    if (options.term !== undefined && !/^[1-6]$/.test(options.term.trim()))
      throw usageError(`--term ${options.term}: expected a term from 1 to 6 (1 = Autumn 1 ... 6 = Summer 2)`);
    const term = options.term === undefined ? undefined : Number(options.term);
    const entries = selectEntries((await readLog(log.path, io.stdin, log.shown)).entries, { urn, term }, cal);
    const view: LogView = { entries, cal, ...(await logNames(loaded, io)) };
    const content =
      format === 'json'
        ? toJson(entries.map((e) => entryJson(e, view)))
        : await renderTableOutput(
            logTable(view, {
              title: `Visit log: ${log.shown}`,
              subtitle: [
                [
                  options.school ? `School ${options.school}` : 'Every school',
                  options.term ? `term ${options.term} of ${cal.yearName}` : 'every date',
                ].join(', '),
              ],
              forPeople: ['table', 'md', 'html'].includes(format),
            }),
            format,
            { color: useColor(options, io), width: io.stdout.columns },
          );
    await writeOutput(options, io, content, format);
    if (format !== 'table' || options.output)
      note(options, io, `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} from ${log.shown}`);
  });
  return cmd;
}
