// sit init [--preset NAME]: writes trust.config.yaml from a preset, comments and all.
import { Command } from 'commander';
import { join } from 'node:path';
import { usageError } from '../errors.js';
import { CONFIG_FILE, presetText } from '../io/config.js';
import { checkWritable, writeAtomic } from '../io/output.js';
import { presetSummaries } from './presets.js';
import { note, type Io } from '../io/command-io.js';

export function initText(preset: string): string {
  return `# trust.config.yaml: this trust's policy, started from the preset "${preset}" by sit init.
# Edit the tiers, rules and thresholds below; sit validate checks your changes.
# Your school data file, relative to this file (then commands need no FILE argument):
# schools: schools.csv

${presetText(preset)}`;
}

export function initCommand(io: Io): Command {
  const cmd = new Command('init')
    .description('write trust.config.yaml from a preset policy')
    .option('--preset <name>', 'the preset to start from (see sit presets); asked for in a terminal')
    .option('--force', 'overwrite an existing trust.config.yaml')
    .option('--quiet', 'print nothing');
  cmd.addHelpText(
    'after',
    `
Examples:
  sit init --preset rlt-categories
  sit init                          choose a preset from a list (in a terminal)`,
  );
  cmd.action(async (options: { preset?: string; force?: boolean; quiet?: boolean }) => {
    const target = join(io.cwd, CONFIG_FILE);
    const path = checkWritable({ output: target, force: options.force, cwd: io.cwd, stdout: io.stdout })!;
    let preset = options.preset;
    if (!preset) {
      if (!io.stdin.isTTY) throw usageError('name the preset to start from: sit init --preset NAME (see sit presets)');
      const { askPreset } = await import('../prompts/init.js');
      preset = await askPreset(presetSummaries());
    }
    const text = initText(preset);
    await writeAtomic(path, text, CONFIG_FILE, { force: options.force });
    note(options, io, `wrote ${CONFIG_FILE} from preset ${preset}; edit it, then run sit validate`);
  });
  return cmd;
}
