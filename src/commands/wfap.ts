// sit wfap new | deployment: a Way Forward Action Plan for a school, or a support-deployment
// record for a system leader; asked for in a terminal, or scripted from flags and an answers file.
import { Command } from 'commander';
import { DEFAULT_PRIORITIES, MAX_PRIORITIES } from '../core/wfap.js';
import type { Io } from '../io/command-io.js';
import {
  chosenUrn,
  deploymentInput,
  planData,
  planInput,
  schoolData,
  WFAP_FORMATS as FORMATS,
  type WfapOptions,
} from '../io/wfap-input.js';
import { scriptedDeployment, scriptedPlan, writeDocument, writePlanFolder } from '../io/wfap-output.js';
import { withDataOptions, withOutputOptions, withPolicyOptions } from './options.js';
import { withSitErrors } from './sit-errors.js';

async function newPlan(options: WfapOptions, io: Io): Promise<void> {
  const input = await planInput(options, io);
  const data = await planData(options, input, io);
  if (options.all) return writePlanFolder(input, data, options, io);
  const urn = chosenUrn(options, input.answers);
  const chosen = input.interactive
    ? await (await import('../prompts/wfap.js')).askForPlan(input, data, urn, options, io)
    : scriptedPlan(input, data, urn, options, io);
  if (chosen) await writeDocument(chosen, input, options, io);
}

async function newDeployment(options: WfapOptions, io: Io): Promise<void> {
  const input = await deploymentInput(options, io);
  // The school data is read only when a school is named or is to be chosen.
  const chosen = input.interactive
    ? await (await import('../prompts/wfap.js')).askForDeployment(
        input,
        await schoolData(options, input, io),
        options,
        io,
      )
    : scriptedDeployment(input, input.urn === undefined ? null : await schoolData(options, input, io), options, io);
  if (chosen) await writeDocument(chosen, input, options, io);
}

function scriptOptions(cmd: Command, what: string): Command {
  return cmd
    .option('--school <urn>', `the school's URN (asked for, from a searchable list, in a terminal)`)
    .option('--data <file>', 'school data (CSV, Excel .xlsx or YAML); default: schools: in trust.config.yaml')
    .option(
      '--answers <file>',
      `a YAML answers file for the ${what} (see README "WFAP"); in a terminal, only what it lacks is asked`,
    )
    .option('-y, --yes', `ask nothing: write the ${what} with blanks where answers are missing`)
    .option(
      '--template <file>',
      'your own Markdown or HTML template (default: wfap.template_md/template_html in the config, else the shipped one)',
    );
}

export function wfapCommand(io: Io): Command {
  const wfap = new Command('wfap').description('Way Forward Action Plans and support-deployment records');

  const create = withSitErrors(new Command('new'), io).description(
    'a Way Forward Action Plan for a school: asked in a terminal, or from --answers / --yes',
  );
  scriptOptions(create, 'plan');
  create.option('--all', 'one plan per school in the data file, into the folder -o names (never asks)');
  create.option(
    '--priorities <n>',
    `key priorities in a blank plan, 1 to ${MAX_PRIORITIES} (default: ${DEFAULT_PRIORITIES})`,
  );
  withPolicyOptions(create);
  withDataOptions(create, 'the --data file');
  withOutputOptions(create, FORMATS, { defaultFormat: 'md' });
  create.addHelpText(
    'after',
    `
Formats: md (default), html (prints on A4 landscape), csv (the action table), json, docx (Word).
Answers file problems are bad input (exit 65), one line each: file:line: path: what was expected.

Examples:
  sit wfap new                                              asks for everything (in a terminal)
  sit wfap new --school 100004 --yes --format html -o plan.html --as-of 2026-09-01
  sit wfap new --school 100004 --answers answers.yaml -o plan.docx
  sit wfap new --all --yes --format docx -o plans/`,
  );
  create.action((options: WfapOptions) => newPlan(options, io));

  const deploy = withSitErrors(new Command('deployment'), io).description(
    'a support-deployment record for a system leader (NLE, NSS, SLE, lead practitioner, other)',
  );
  scriptOptions(deploy, 'record');
  withPolicyOptions(deploy);
  withDataOptions(deploy, 'the --data file');
  withOutputOptions(deploy, FORMATS, { defaultFormat: 'md' });
  deploy.addHelpText(
    'after',
    `
Examples:
  sit wfap deployment                                       asks for everything (in a terminal)
  sit wfap deployment --school 100004 --answers deployment.yaml -o deployment.docx
  sit wfap deployment --yes --format md                     a blank record to fill in`,
  );
  deploy.action((options: WfapOptions) => newDeployment(options, io));

  wfap.addCommand(create);
  wfap.addCommand(deploy);
  return wfap;
}
