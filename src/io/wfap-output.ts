// What sit wfap new and sit wfap deployment write without asking (from flags and an answers
// file), where it goes, and the one write: a file, standard output, or a folder of plans (--all).
import type { Placement } from '../core/classify.js';
import type { SchoolRecord } from '../core/school.js';
import {
  buildDeployment,
  missingDeploymentAnswers,
  type DeploymentAnswers,
  type DeploymentRecord,
} from '../core/deployment.js';
import { buildPlan, documentFileName, missingAnswers, type WfapAnswers, type WfapPlan } from '../core/wfap.js';
import { usageError } from '../errors.js';
import { note, type Io } from './command-io.js';
import { writeFolder } from './folder-output.js';
import { emit } from './output.js';
import { kpiSpecs, wfapForm } from './wfap-form.js';
import {
  placementOf,
  type DeploymentInput,
  type PlanInput,
  type SchoolData,
  type WfapInput,
  type WfapOptions,
} from './wfap-input.js';
import { renderDocument } from './wfap-render.js';

export interface Chosen {
  doc: WfapPlan | DeploymentRecord;
  /** -o, or the file name given when asked; none: standard output. */
  output: string | undefined;
}

/** The plan for one school from these answers (blank where there are none). */
export function planFor(input: PlanInput, placement: Placement, answers: WfapAnswers): WfapPlan {
  return buildPlan(placement, input.loaded.policy, answers, {
    asOf: input.asOf,
    kpis: kpiSpecs(input.loaded.config),
    priorities: input.priorities,
  });
}

/** The record for the school (or none yet) from these answers (blank where there are none). */
export function deploymentFor(input: DeploymentInput, school: SchoolRecord | null, answers: DeploymentAnswers) {
  return buildDeployment(school, answers, input.asOf, wfapForm().deployment.leader_roles);
}

/** The file name offered for a plan or record in this format. */
export function suggestedName(doc: WfapPlan | DeploymentRecord, format: string): string {
  return documentFileName(doc, doc.kind, format);
}

/** Without asking: -o, else standard output (which cannot show a Word document on a terminal). */
function scriptedOutput(
  options: WfapOptions,
  format: string,
  io: Io,
  doc: WfapPlan | DeploymentRecord,
): string | undefined {
  if (options.output) return options.output;
  if (format === 'docx' && io.stdout.isTTY)
    throw usageError(`a Word document cannot be shown in the terminal; add -o ${suggestedName(doc, format)}`);
  return undefined;
}

/** sit wfap new without a terminal (or with --yes): the school's plan from the answers file. */
export function scriptedPlan(
  input: PlanInput,
  data: SchoolData,
  urn: number | undefined,
  options: WfapOptions,
  io: Io,
): Chosen {
  if (urn === undefined)
    throw usageError(
      'name the school: sit wfap new --school URN (or school: in the answers file), or --all for every school',
    );
  const placement = placementOf(data, urn);
  if (!options.yes) {
    const missing = missingAnswers(input.answers);
    if (missing.length)
      throw usageError(
        `missing answers: ${missing.join(', ')} (give them in --answers FILE, run in a terminal to be asked, or add --yes for a plan with blanks to fill in)`,
      );
  }
  const doc = planFor(input, placement, input.answers);
  return { doc, output: scriptedOutput(options, input.format, io, doc) };
}

/** sit wfap deployment without a terminal (or with --yes): the record from the answers file. */
export function scriptedDeployment(
  input: DeploymentInput,
  data: SchoolData | null,
  options: WfapOptions,
  io: Io,
): Chosen {
  const school = input.urn === undefined || !data ? null : placementOf(data, input.urn).school;
  const doc = deploymentFor(input, school, input.answers);
  if (!options.yes) {
    const missing = missingDeploymentAnswers(input.answers, doc.school !== null);
    if (missing.length)
      throw usageError(
        `missing answers: ${missing.join(', ')} (give them with --school and --answers FILE, run in a terminal to be asked, or add --yes for a record with blanks to fill in)`,
      );
  }
  return { doc, output: scriptedOutput(options, input.format, io, doc) };
}

/** The one write: the document to -o (or the name given) or standard output. */
export async function writeDocument(
  chosen: Chosen,
  input: WfapInput<unknown>,
  options: WfapOptions,
  io: Io,
): Promise<void> {
  await emit(
    { output: chosen.output, force: options.force, cwd: io.cwd, stdout: io.stdout, format: input.format },
    await renderDocument(chosen.doc, input.format, input.template),
  );
  if (chosen.output) note(options, io, `wrote ${chosen.output}`);
}

/** sit wfap new --all: a plan for every school, each its own file in the folder -o names. */
export async function writePlanFolder(input: PlanInput, data: SchoolData, options: WfapOptions, io: Io): Promise<void> {
  const plans = data.placements.map((p) => planFor(input, p, input.answers));
  await writeFolder(
    plans.map((plan) => suggestedName(plan, input.format)),
    (i) => renderDocument(plans[i], input.format, input.template),
    { ...options, output: options.output as string, format: input.format, label: 'WFAPs', noun: 'plans' },
    io,
  );
  note(options, io, `wrote ${plans.length} plans (${input.format}) to ${options.output}`);
}
