// sit budget FILE: the schedule costed: days per school, person, tier, trust and term, against capacity.
import { Command } from 'commander';
import { usageError } from '../errors.js';
import { BUDGET_VIEWS, budgetContent, overAllocation, totalLine } from '../io/budget-output.js';
import { withSchoolData, withLogOption, withOutputOptions } from './options.js';
import { note, outputFormat, useColor, type DataOptions, type Io, writeOutput } from '../io/command-io.js';
import { classifyData } from '../io/load-data.js';
import { budgetWithDelivery } from '../io/delivery-input.js';

const FORMATS = ['table', 'csv', 'md', 'html', 'json', 'xlsx'] as const;

type BudgetOptions = DataOptions & { by?: string; strict?: boolean; log?: string };

export function budgetCommand(io: Io): Command {
  const cmd = new Command('budget').description(
    'the schedule costed: days per school, person, tier, trust and term, against capacity',
  );
  withSchoolData(cmd);
  withLogOption(cmd);
  withOutputOptions(cmd, FORMATS);
  cmd
    .option('--by <view>', `one view only: ${BUDGET_VIEWS.join(', ')} (CSV shows school unless told)`)
    .option('--strict', 'exit with code 1 when demand exceeds capacity in any term or the year');
  cmd.addHelpText(
    'after',
    `
With a calendar, the days are the schedule costed (the events of sit calendar: a visit a day of
the lead's time for each of its days, a meeting its time, the school's own work none), with each
tier's stated days beside them ("up to" is the ceiling). Without one (dfe-tsio-2023), days are as
the policy states them: "up to" counted at the upper bound, "not stated" kept as unknown, never 0.
Capacity is the people of the schedule, in trust.config.yaml, e.g.
  capacity:
    - { name: Jordan Hale, role: Director of education, days_per_year: 150 }
    - { name: Sam Okafor, role: School improvement adviser, days_per_term: 15 }

Examples:
  sit budget schools.csv                         tables: schools, tiers, trusts, demand against capacity
  sit budget schools.csv --preset four-tier --by tier --format md
  sit budget schools.csv --format json | jq '.total'
  sit budget schools.csv --strict -o budget.csv  exit code 1 if over-allocated (for pipelines)`,
  );
  cmd.action(async (file: string | undefined, options: BudgetOptions) => {
    const format = outputFormat(options, io, FORMATS);
    if (options.by !== undefined && !(BUDGET_VIEWS as readonly string[]).includes(options.by))
      throw usageError(`--by ${options.by}: choose one of ${BUDGET_VIEWS.join(', ')}`);
    const classified = await classifyData(file, options, io);
    const { loaded, asOf } = classified;
    // With a visit log (--log or log:): the days delivered and remaining beside the budget's.
    const { result, delivered } = await budgetWithDelivery(classified, options.log, io);
    const view = options.by ?? (format === 'csv' ? 'school' : undefined);
    const display = { color: useColor(options, io), width: io.stdout.columns };
    const content = await budgetContent(result, loaded.policy, asOf, { format, view, display, delivered });
    await writeOutput(options, io, content, format);
    if (format !== 'table' || options.output) note(options, io, `${totalLine(result)} (${loaded.policySource})`);
    const over = overAllocation(result, options.strict);
    if (over) note(options, io, over);
  });
  return cmd;
}
