// sit presets: the shipped policies, a line each.
import { Command } from 'commander';
import { DEFAULT_PRESET } from '../presets.js';
import { PRESET_VALUES } from '../preset-texts.js';
import { renderTableOutput, toJson } from '../io/render.js';
import { withOutputOptions } from './options.js';
import { outputFormat, useColor, type CommonOptions, type Io, writeOutput } from '../io/command-io.js';

const FORMATS = ['table', 'csv', 'md', 'html', 'json', 'xlsx'] as const;

export function presetSummaries(): { preset: string; name: string; tiers: string; summary: string }[] {
  return Object.entries(PRESET_VALUES).map(([preset, json]) => {
    const value = JSON.parse(json) as {
      name: string;
      summary?: string;
      tiers: { id: string | number; level?: number }[];
    };
    // Tiers by level (least support first), not in the order the rules try them (D, C, A, B).
    const tiers = [...value.tiers].sort((a, b) => (a.level ?? 0) - (b.level ?? 0));
    return { preset, name: value.name, tiers: tiers.map((t) => String(t.id)).join(', '), summary: value.summary ?? '' };
  });
}

export function presetsCommand(io: Io): Command {
  const cmd = new Command('presets').description('list the shipped policy presets');
  withOutputOptions(cmd, FORMATS);
  cmd.addHelpText(
    'after',
    `
Examples:
  sit presets
  sit init --preset four-tier       start a trust.config.yaml from one`,
  );
  cmd.action(async (options: CommonOptions) => {
    const format = outputFormat(options, io, FORMATS);
    const rows = presetSummaries();
    const content =
      format === 'json'
        ? toJson(rows)
        : await renderTableOutput(
            {
              title: 'Presets',
              subtitle: [
                `Used when no trust.config.yaml is found: ${DEFAULT_PRESET} (rise-2025 for a published Ofsted or GIAS file)`,
              ],
              columns: [
                { key: 'preset', header: 'preset' },
                { key: 'name', header: 'name', wide: true },
                { key: 'tiers', header: 'tiers' },
                { key: 'summary', header: 'summary', wide: true },
              ],
              rows,
            },
            format,
            { color: useColor(options, io), width: io.stdout.columns },
          );
    await writeOutput(options, io, content, format);
  });
  return cmd;
}
