// What sit wfap new and sit wfap deployment read before anything is asked or written: the format,
// the policy, the trust's template, the answers file (checked), the school and the school data.
// Each problem is one line, in the order a person would fix them.
import { resolve } from 'node:path';
import type { Placement } from '../core/classify.js';
import { deploymentAnswersSchema, type DeploymentAnswers } from '../core/deployment.js';
import {
  answerProblems,
  MAX_PRIORITIES,
  DEFAULT_PRIORITIES,
  WfapAnswersSchema,
  type WfapAnswers,
} from '../core/wfap.js';
import { configError, dataError, usageError } from '../errors.js';
import { answersProblemLines, readAnswers } from './answers-file.js';
import { asOfDate, displayPath, urnOption, type CommonOptions, type Io } from './command-io.js';
import type { LoadedConfig } from './config.js';
import { classifyData, loadPolicy } from './load-data.js';
import { placementByUrn } from './find-school.js';
import { checkWritable, resolveFormat } from './output.js';
import { readSettingsText } from './read-text.js';
import type { Template } from './template.js';
import { wfapForm } from './wfap-form.js';
import { loadTemplate, type DocKind, type TemplateFormat } from './wfap-render.js';

export const WFAP_FORMATS = ['md', 'html', 'csv', 'json', 'docx'] as const;

export interface WfapOptions extends CommonOptions {
  school?: string;
  data?: string;
  with?: string[];
  layout?: string;
  sheet?: string;
  answers?: string;
  yes?: boolean;
  template?: string;
  all?: boolean;
  priorities?: string;
}

export interface WfapInput<A> {
  loaded: LoadedConfig;
  asOf: string;
  format: string;
  /** Standard input is a terminal and nothing says not to ask (--yes, --all). */
  interactive: boolean;
  /** The trust's own template (--template, else wfap.template_* in the config); none: the shipped one. */
  template: { template: Template; file: string } | undefined;
  answers: A;
}

export type PlanInput = WfapInput<WfapAnswers> & { priorities: number };
export type DeploymentInput = WfapInput<DeploymentAnswers> & { urn: number | undefined };

export interface SchoolData {
  file: string;
  placements: Placement[];
}

async function commonInput(kind: DocKind, options: WfapOptions, io: Io) {
  const format = resolveFormat(options, WFAP_FORMATS, false, 'md');
  const loaded = await loadPolicy(options, io);
  const asOf = asOfDate(options, io);
  const interactive = io.stdin.isTTY === true && !options.yes && !options.all;
  return { loaded, asOf, format, interactive, template: templateFor(kind, format, options, loaded, io) };
}

/** sit wfap new: the input, its answers read, and the number of priorities for a blank plan. */
export async function planInput(options: WfapOptions, io: Io): Promise<PlanInput> {
  const input = await commonInput('wfap', options, io);
  const answers: WfapAnswers = options.answers ? readAnswers(options.answers, WfapAnswersSchema, io.cwd) : {};
  // Usage checked before the data is read (a whole file placed, for a run that cannot go ahead).
  if (options.all && (options.school || answers.school))
    throw usageError('--all writes a plan for every school; leave out --school (and school: in the answers file)');
  if (options.all && !options.output) throw usageError('--all writes one plan per school into a folder: add -o FOLDER');
  const priorities = options.priorities === undefined ? DEFAULT_PRIORITIES : Number(options.priorities);
  if (!Number.isInteger(priorities) || priorities < 1 || priorities > MAX_PRIORITIES)
    throw usageError(`--priorities ${options.priorities}: expected a whole number from 1 to ${MAX_PRIORITIES}`);
  if (!options.all && options.output)
    checkWritable({ output: options.output, force: options.force, cwd: io.cwd, stdout: io.stdout });
  return { ...input, answers, priorities };
}

/** sit wfap deployment: the input, with the school (--school, or school: in the answers file) when given. */
export async function deploymentInput(options: WfapOptions, io: Io): Promise<DeploymentInput> {
  const input = await commonInput('deployment', options, io);
  const schema = deploymentAnswersSchema(wfapForm().deployment.leader_roles);
  const answers: DeploymentAnswers = options.answers ? readAnswers(options.answers, schema, io.cwd) : {};
  const urn = chosenUrn(options, answers);
  if (options.output) checkWritable({ output: options.output, force: options.force, cwd: io.cwd, stdout: io.stdout });
  return { ...input, answers, urn };
}

/** --school, else school: in the answers file; the two must agree. */
export function chosenUrn(options: WfapOptions, answers: { school?: number }): number | undefined {
  const flagUrn = options.school === undefined ? undefined : urnOption('--school', String(options.school));
  if (flagUrn !== undefined && answers.school !== undefined && flagUrn !== answers.school) {
    throw usageError(`--school ${flagUrn} and school: ${answers.school} in ${options.answers} disagree; give one`);
  }
  return flagUrn ?? answers.school;
}

/** The school data, placed by the policy every command chooses for it (a published Ofsted file: rise-2025). */
export async function schoolData(options: WfapOptions, input: WfapInput<unknown>, io: Io): Promise<SchoolData> {
  const classified = await classifyData(options.data, { ...options, quiet: true }, io, input.loaded);
  input.loaded = classified.loaded;
  return { file: classified.data.file, placements: classified.placements };
}

/**
 * sit wfap new's school data, and its answers checked against the policy the data is placed by
 * (a published Ofsted file with no policy named is placed by rise-2025, whose tiers the answers'
 * tier: is one of).
 */
export async function planData(options: WfapOptions, input: PlanInput, io: Io): Promise<SchoolData> {
  const data = await schoolData(options, input, io);
  const problems = answerProblems(input.answers, input.loaded.policy);
  // Answers come only from an answers file here (a terminal's are asked later, from the policy's tiers).
  if (problems.length && options.answers) throw dataError(answersProblemLines(options.answers, io.cwd, problems));
  return data;
}

/** The school with this URN; a usage error if the data has none. */
export const placementOf = (data: SchoolData, urn: number): Placement =>
  placementByUrn(data.placements, urn, data.file);

function templateFor(
  kind: DocKind,
  format: string,
  options: WfapOptions,
  loaded: LoadedConfig,
  io: Io,
): { template: Template; file: string } | undefined {
  if (options.template && format !== 'md' && format !== 'html')
    throw usageError(`--template is for --format md or html, not ${format}`);
  if (format !== 'md' && format !== 'html') return undefined;
  const key = `${kind === 'wfap' ? '' : 'deployment_'}template_${format as TemplateFormat}` as const;
  const configured = loaded.config.wfap?.[key];
  const path = options.template
    ? resolve(io.cwd, options.template)
    : configured
      ? resolve(loaded.dir, configured)
      : null;
  if (path === null) return undefined;
  const display = options.template ?? displayPath(path, io);
  const text = readSettingsText(
    path,
    options.template ? display : `${display} (wfap.${key} in ${loaded.display})`,
    configError,
    'template',
  );
  return { template: loadTemplate(kind, text, display), file: display };
}
