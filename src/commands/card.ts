// sit card --school URN [FILE]: the academy card, one page: the school's KPIs against its targets.
import { Command } from 'commander';
import { usageError } from '../errors.js';
import { academyCard, DEFAULT_CLOSE_WITHIN } from '../core/card.js';
import { schoolAnswers } from '../io/answers-file.js';
import { kpiSpecs } from '../io/wfap-form.js';
import { cardContent } from '../io/card-output.js';
import { targetsFor } from '../io/targets-file.js';
import { withSchoolData, withOutputOptions } from './options.js';
import { documentFormat, type DataOptions, type Io, writeOutput } from '../io/command-io.js';
import { classifyData } from '../io/load-data.js';
import { findSchool } from '../io/find-school.js';

const FORMATS = ['md', 'html', 'docx', 'json', 'csv'] as const;

interface CardOptions extends DataOptions {
  school?: string;
  targets?: string;
  answers?: string;
  closeWithin?: string;
}

export function cardCommand(io: Io): Command {
  const cmd = new Command('card')
    .description("the academy card: a school's KPIs against its targets (met, close, not met, no data), one page")
    .requiredOption('--school <urn>', 'the school: its URN, or its name (part of it will do)')
    .option(
      '--targets <file>',
      'targets: urn, kpi, target (and value); CSV, YAML or .xlsx; also targets: in trust.config.yaml',
    )
    .option('--answers <file>', "the school's WFAP answers file: its kpi_targets are targets too")
    .option(
      '--close-within <n>',
      `"close" is not met but within N of the target, in the KPI's units (default: card.close_within in trust.config.yaml, else ${DEFAULT_CLOSE_WITHIN})`,
    );
  withSchoolData(cmd);
  withOutputOptions(cmd, FORMATS, { defaultFormat: 'md' });
  cmd.addHelpText(
    'after',
    `
The latest value is the targets file's value column where given, else the school data's field.
A target comes from the targets file, else the WFAP answers' kpi_targets, else kpis: in trust.config.yaml.

Examples:
  sit card --school 100004 --targets targets.csv -o card.html     one page, prints on A4
  sit card --school 100004 --answers wfap-answers.yaml -o card.docx
  sit card --school "dunmore" --format json`,
  );
  cmd.action(async (file: string | undefined, options: CardOptions) => {
    const format = documentFormat(options, io, FORMATS, 'card.docx');
    let closeWithin: number | undefined;
    if (options.closeWithin !== undefined) {
      closeWithin = Number(options.closeWithin);
      if (!Number.isFinite(closeWithin) || closeWithin < 0)
        throw usageError(`--close-within ${options.closeWithin}: expected a number of 0 or more`);
    }
    const { loaded, asOf, data, placements } = await classifyData(file, options, io);
    const placement = findSchool(placements, options.school!, data.file);
    const urn = placement.school.urn;
    const answers = schoolAnswers(options.answers, urn, io.cwd);
    const targets = (await targetsFor(loaded, options.targets, io)) ?? [];
    const card = academyCard(placement, loaded.policy, {
      asOf,
      kpis: kpiSpecs(loaded.config),
      planTargets: answers?.kpi_targets,
      targets: targets.filter((t) => t.urn === urn),
      closeWithin: closeWithin ?? loaded.config.card?.close_within,
    });
    const content = await cardContent(card, format);
    await writeOutput(options, io, content, format);
  });
  return cmd;
}
