// How every sit command and subcommand meets commander (a module of its own: start-up loads it).
import type { Command } from 'commander';
import type { Io } from '../io/command-io.js';

/**
 * Errors and help go to sit's own streams, and commander never exits the process (main catches its
 * error once and maps the exit code); a usage mistake is followed by a pointer to --help.
 */
export const withSitErrors = (cmd: Command, io: Io): Command =>
  cmd
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(add --help for usage)');
