// Builds the `sit` program and runs it: the one boundary where errors become exit codes and
// lines on standard error. Tests call run() in process with their own streams.
import { Command, CommanderError } from 'commander';
import { EXIT, interruptedError, isPromptExit, SitError } from './errors.js';
import type { Io } from './io/command-io.js';
import { classifyCommand } from './commands/classify.js';
import { explainCommand } from './commands/explain.js';
import { validateCommand } from './commands/validate.js';
import { presetsCommand } from './commands/presets.js';
import { initCommand } from './commands/init.js';
import { budgetCommand } from './commands/budget.js';
import { diffCommand } from './commands/diff.js';
import { reportCommand } from './commands/report.js';
import { wfapCommand } from './commands/wfap.js';
import { calendarCommand } from './commands/calendar.js';
import { logCommand } from './commands/log.js';
import { cardCommand } from './commands/card.js';
import { visitCommand } from './commands/visit.js';
import { VERSION } from './version.js';
import { messageLine } from './core/visible.js';

export function buildProgram(io: Io): Command {
  const program = new Command('sit')
    .description('School-improvement toolkit: support tiers, days, QA calendars and WFAPs from your own files')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show the stack trace of an unexpected error')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  const commands = [
    initCommand,
    presetsCommand,
    validateCommand,
    classifyCommand,
    explainCommand,
    budgetCommand,
    diffCommand,
    reportCommand,
    wfapCommand,
    calendarCommand,
    logCommand,
    cardCommand,
    visitCommand,
  ];
  for (const make of commands) {
    const cmd = make(io);
    cmd
      .exitOverride()
      .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
      .showHelpAfterError('(add --help for usage)');
    program.addCommand(cmd);
  }
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
  const program = buildProgram(io);
  const debug = argv.includes('--debug');
  try {
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
