// sit budget FILE: the schedule costed: days per school, person, tier, trust and term, against capacity.
import { Command } from 'commander';
import { budget, type BudgetResult } from '../core/budget.js';
import { SitError, usageError } from '../errors.js';
import { emit } from '../io/output.js';
import { BUDGET_VIEWS, budgetJson, budgetTables, overLine, renderSections, totalLine } from '../io/budget-output.js';
import { toJson } from '../io/render.js';
import { toXlsxWorkbook } from '../io/xlsx.js';
import { scheduleOf } from './schedule-context.js';
import {
  classifyData,
  note,
  outputFormat,
  useColor,
  withDataOptions,
  withOutputOptions,
  withPolicyOptions,
  type CommonOptions,
  type DataOptions,
  type Io,
} from './context.js';

const FORMATS = ['table', 'csv', 'md', 'html', 'json', 'xlsx'] as const;

/** After the output is written: say plainly when demand exceeds capacity; --strict fails (exit 1). */
export function reportOverAllocation(
  result: BudgetResult,
  options: CommonOptions & { strict?: boolean },
  io: Io,
): void {
  const over = overLine(result);
  if (over && options.strict) throw new SitError('overAllocated', `${over} (--strict)`);
  if (over) note(options, io, `sit: ${over}`);
}

export function budgetCommand(io: Io): Command {
  const cmd = new Command('budget')
    .description('the schedule costed: days per school, person, tier, trust and term, against capacity')
    .argument('[file]', 'school data (CSV or YAML; - for standard input); default: schools: in trust.config.yaml');
  withPolicyOptions(cmd);
  withDataOptions(cmd);
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
  cmd.action(async (file: string | undefined, options: DataOptions & { by?: string; strict?: boolean }) => {
    const format = outputFormat(options, io, FORMATS);
    if (options.by !== undefined && !(BUDGET_VIEWS as readonly string[]).includes(options.by))
      throw usageError(`--by ${options.by}: choose one of ${BUDGET_VIEWS.join(', ')}`);
    const { loaded, asOf, placements } = await classifyData(file, options, io);
    const result = budget(placements, loaded.policy, loaded.config.capacity, scheduleOf(loaded, placements, asOf));
    const view = options.by ?? (format === 'csv' ? 'school' : undefined);
    let content: string | Uint8Array;
    if (format === 'json') content = toJson(budgetJson(result, loaded.policy, asOf));
    else {
      const tables = budgetTables(result, loaded.policy, asOf, format === 'table' ? 'terminal' : 'file', view);
      if (tables.length === 0)
        throw usageError(
          '--by term: no capacity in trust.config.yaml (add a capacity: list of the people who deliver support)',
        );
      content =
        format === 'xlsx'
          ? await toXlsxWorkbook(tables)
          : renderSections(
              `Support days: ${loaded.policy.name}`,
              [`Policy: ${loaded.policy.id}. As of ${asOf}.`],
              tables,
              format,
              { color: useColor(options, io), width: io.stdout.columns },
            );
    }
    await emit({ output: options.output, force: options.force, cwd: io.cwd, stdout: io.stdout, format }, content);
    if (format !== 'table' || options.output) note(options, io, `${totalLine(result)} (${loaded.policySource})`);
    reportOverAllocation(result, options, io);
  });
  return cmd;
}
