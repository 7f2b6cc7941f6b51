// sit explain URN [FILE]: every rule for one school, with the values it saw and its outcome.
import { Command } from 'commander';
import { needingDataLines } from '../io/layouts.js';
import { renderTableOutput, toJson } from '../io/render.js';
import { explanationDocument, explanationJson, explanationTable, explanationText } from '../io/explanation.js';
import { explanationHtml, explanationMarkdown } from '../io/explanation-document.js';
import { withSchoolData, withOutputOptions } from './options.js';
import { note, outputFormat, useColor, type DataOptions, type Io, writeOutput } from '../io/command-io.js';
import { placeOne } from '../io/load-data.js';

const FORMATS = ['table', 'csv', 'md', 'html', 'json', 'xlsx'] as const;

export function explainCommand(io: Io): Command {
  const cmd = new Command('explain')
    .description('show every rule for one school, the values it saw and the outcome')
    .argument('<school>', "the school's URN, or its name (case and punctuation ignored; part of the name will do)");
  withSchoolData(cmd);
  withOutputOptions(cmd, FORMATS);
  cmd.addHelpText(
    'after',
    `
Examples:
  sit explain 100004 schools.csv
  sit explain "st marys" schools.csv                   by name: several matches are listed with their URNs
  sit explain 100004 schools.csv --preset dfe-tsio-2023 --format json`,
  );
  cmd.action(async (urnText: string, file: string | undefined, options: DataOptions) => {
    const format = outputFormat(options, io, FORMATS);
    // Only the school asked for is placed (and kept); every row is still checked.
    const { loaded, asOf, layout, placement } = await placeOne(file, options, io, urnText);
    if (placement.tier === null) {
      for (const line of needingDataLines([placement.missing], layout)) note(options, io, `needs data: ${line}`);
    }
    const color = useColor(options, io);
    const content =
      format === 'json'
        ? toJson(explanationJson(placement, loaded.policy, asOf))
        : format === 'table'
          ? explanationText(placement, loaded.policy, asOf, color)
          : format === 'html'
            ? explanationHtml(explanationDocument(placement, loaded.policy, asOf))
            : format === 'md'
              ? explanationMarkdown(explanationDocument(placement, loaded.policy, asOf))
              : await renderTableOutput(explanationTable(placement, loaded.policy, asOf), format, { color });
    await writeOutput(options, io, content, format);
  });
  return cmd;
}
