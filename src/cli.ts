// Builds the `sit` program and runs it: the one boundary where errors become exit codes and
// lines on standard error. Tests call run() in process with their own streams.
import { Command, CommanderError } from 'commander';
import { EXIT, interruptedError, isPromptExit, SitError } from './errors.js';
import type { Io } from './io/command-io.js';
import { VERSION } from './version.js';
import { withSitErrors } from './commands/sit-errors.js';
import { messageLine } from './core/visible.js';

/**
 * Every command, in the order the help lists them, each imported only when wanted: a run loads the
 * module of its own command and what that needs, not all thirteen (start-up, SPEC section 8).
 */
const COMMANDS: Record<string, () => Promise<(io: Io) => Command>> = {
  init: async () => (await import('./commands/init.js')).initCommand,
  presets: async () => (await import('./commands/presets.js')).presetsCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  classify: async () => (await import('./commands/classify.js')).classifyCommand,
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  budget: async () => (await import('./commands/budget.js')).budgetCommand,
  diff: async () => (await import('./commands/diff.js')).diffCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
  wfap: async () => (await import('./commands/wfap.js')).wfapCommand,
  calendar: async () => (await import('./commands/calendar.js')).calendarCommand,
  log: async () => (await import('./commands/log.js')).logCommand,
  card: async () => (await import('./commands/card.js')).cardCommand,
  visit: async () => (await import('./commands/visit.js')).visitCommand,
};

/**
 * The commands a run needs: the one it names (the first word that is not an option: sit's own
 * options take no value), or every command when it names none or one sit does not have, so the
 * help, `sit help` and the "did you mean" of a mistyped command see them all.
 */
function wanted(argv: string[]): string[] {
  const first = argv.find((arg) => !arg.startsWith('-'));
  return first !== undefined && Object.hasOwn(COMMANDS, first) ? [first] : Object.keys(COMMANDS);
}

export async function buildProgram(io: Io, argv: string[]): Promise<Command> {
  const program = withSitErrors(
    new Command('sit')
      .description('School-improvement toolkit: support tiers, days, QA calendars and WFAPs from your own files')
      .version(VERSION, '-V, --version')
      .option('--debug', 'show the stack trace of an unexpected error'),
    io,
  );
  const commands = await Promise.all(wanted(argv).map((name) => COMMANDS[name]()));
  for (const make of commands) program.addCommand(withSitErrors(make(io), io));
  program.addHelpText(
    'after',
    `
Examples:
  sit presets                               the shipped policies
  sit classify schools.csv                  tiers, reasons and support days
  sit explain 100004 schools.csv            why one school is where it is
  sit validate schools.csv                  check a data file before you use it

Exit codes: 0 done, 2 usage error, 65 bad data, 66 input not found, 73 output cannot be written, 78 bad config, 130 interrupted (Ctrl-C).`,
  );
  return program;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const program = await buildProgram(io, argv);
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (caught) {
    // Ctrl-C at any prompt is the person stopping, not a bug: one line and the interrupt code.
    const error = isPromptExit(caught) ? interruptedError() : caught;
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help or version).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof SitError) {
      for (const line of error.lines) io.stderr.write(`sit: ${messageLine(line)}\n`);
      if (debug) io.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    // Not a person's mistake: a bug. Say so plainly, with the trace on request.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`sit: internal error: ${message}\n`);
    io.stderr.write(
      debug && error instanceof Error
        ? `${error.stack}\n`
        : 'sit: run again with --debug for details, and report it with the command you ran\n',
    );
    return EXIT.internal;
  }
}
