// sit wfap new | deployment: a Way Forward Action Plan for a school, or a support-deployment
// record for a system leader; asked for in a terminal, or scripted from flags and an answers file.
import { Command } from 'commander';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { readSettingsText } from '../io/read-text.js';
import { join, resolve } from 'node:path';
import { describeDays, type Placement } from '../core/classify.js';
import type { Policy } from '../core/policy.js';
import type { SchoolRecord } from '../core/school.js';
import {
  ACTION_COLUMNS,
  DEFAULT_KPIS,
  DEFAULT_PRIORITIES,
  MAX_PRIORITIES,
  MILESTONES,
  TEXT_SECTIONS,
  WfapAnswersSchema,
  answerProblems,
  blankAction,
  MAX_ACTIONS,
  buildPlan,
  missingAnswers,
  type ActionAnswers,
  type WfapAnswers,
  type WfapPlan,
} from '../core/wfap.js';
import {
  DEPLOYMENT_SECTIONS,
  DeploymentAnswersSchema,
  LEADER_ROLES,
  buildDeployment,
  missingDeploymentAnswers,
  type DeploymentAnswers,
  type DeploymentRecord,
} from '../core/deployment.js';
import { cannotWriteError, configError, dataError, interruptedError, usageError } from '../errors.js';
import type { LoadedConfig } from '../io/config.js';
import { readAnswers } from '../io/answers-file.js';
import { checkWritable, CSV_FILE_BOM, emit, resolveFormat, writeAtomic } from '../io/output.js';
import { loadTemplate, renderDoc, type DocKind, type TemplateFormat } from '../io/wfap-render.js';
import type { Template } from '../io/template.js';
import { isPromptExit } from '../errors.js';
import { withDataOptions, withOutputOptions, withPolicyOptions } from './options.js';
import { asOfDate, displayPath, note, type CommonOptions, type Io } from '../io/command-io.js';
import { classifyData, loadPolicy } from '../io/load-data.js';

const FORMATS = ['md', 'html', 'csv', 'json', 'docx'] as const;
/** --all shows a progress bar (on a terminal) from this many plans. */
const PROGRESS_FROM = 10;

interface WfapOptions extends CommonOptions {
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

type Prompts = typeof import('../prompts.js');

async function asking<T>(work: (p: Prompts) => Promise<T>): Promise<T> {
  const prompts = await import('../prompts.js');
  try {
    return await work(prompts);
  } catch (error) {
    if (isPromptExit(error)) throw interruptedError();
    throw error;
  }
}

function parseUrn(text: string | number | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{6}$/.test(String(text).trim())) throw usageError(`${what} ${text}: expected a 6-digit URN`);
  return Number(text);
}

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

function fileName(school: { urn: number; name: string } | null, stem: string, year: string, ext: string): string {
  const slug = school
    ? `${school.urn}-${school.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')}-`
    : '';
  return `${slug}${stem}-${year.replace('/', '-')}.${ext}`;
}

async function content(
  doc: WfapPlan | DeploymentRecord,
  format: string,
  template: { template: Template; file: string } | undefined,
): Promise<string | Uint8Array> {
  if (format === 'docx') {
    const { toDocx } = await import('../io/wfap-docx.js');
    return toDocx(doc);
  }
  return renderDoc(doc, format, { template });
}

interface Context {
  loaded: LoadedConfig;
  asOf: string;
  format: string;
  interactive: boolean;
}

function prepare(options: WfapOptions, io: Io): Context {
  const format = resolveFormat(options, FORMATS, false, 'md');
  const loaded = loadPolicy(options, io);
  const asOf = asOfDate(options, io);
  return { loaded, asOf, format, interactive: io.stdin.isTTY === true && !options.yes && !options.all };
}

async function placements(
  options: WfapOptions,
  ctx: Context,
  io: Io,
): Promise<{ file: string; placements: Placement[] }> {
  const classified = await classifyData(options.data, { ...options, quiet: true }, io, ctx.loaded);
  // The policy every command chooses for this data (a published Ofsted file: rise-2025).
  ctx.loaded = classified.loaded;
  return { file: classified.data.file, placements: classified.placements };
}

function findSchool<T extends { school: SchoolRecord }>(items: T[], urn: number, file: string): T {
  const found = items.find((p) => p.school.urn === urn);
  if (!found) throw usageError(`URN ${urn} is not in ${file} (${items.length} schools); check the number`);
  return found;
}

async function pickSchool(p: Prompts, items: Placement[]): Promise<number> {
  return p.search(
    'Which school? (type to search by name or URN)',
    items.map((x) => ({
      name: `${x.school.name} (${x.school.urn})`,
      value: x.school.urn,
      description: x.label ? `${x.label}: ${x.daysText}` : 'needs data',
      filter: `${x.school.name} ${x.school.urn}`,
    })),
  );
}

/** Output: -o, else (asked in a terminal) a file name, else standard output. */
async function target(
  options: WfapOptions,
  format: string,
  io: Io,
  suggested: string,
  p?: Prompts,
): Promise<string | undefined> {
  if (options.output) return options.output;
  if (p) {
    const answer = await p.input('Save as (- for the screen)', { initial: suggested });
    return answer === '-' ? undefined : answer;
  }
  if (format === 'docx' && io.stdout.isTTY)
    throw usageError(`a Word document cannot be shown in the terminal; add -o ${suggested}`);
  return undefined;
}

async function askList(p: Prompts, label: string): Promise<string[]> {
  const items: string[] = [];
  for (;;) {
    const item = await p.input(`${label}: point ${items.length + 1} (Enter on an empty line when done)`);
    if (!item) return items;
    items.push(item);
  }
}

function actionDefaults(placement: Placement, tierLabel: string | null): Partial<Record<keyof ActionAnswers, string>> {
  return {
    support: tierLabel
      ? `Trust school improvement support (${tierLabel}: ${placement.daysText})`
      : 'Trust school improvement support',
    lead: 'Headteacher',
    when: 'Autumn Term',
    monitoring_who: 'Trust school improvement lead',
    monitoring_how: 'Termly review visit and data check',
    impact_dissemination: 'Report to the local governing board',
    next_steps: 'Review at the end of the term',
  };
}

async function askPlan(
  p: Prompts,
  placement: Placement,
  policy: Policy,
  given: WfapAnswers,
  io: Io,
): Promise<WfapAnswers> {
  const answers: WfapAnswers = { ...given };
  const why = placement.tier
    ? `the policy places it in ${placement.label}: ${placement.reasons.join('; ')}`
    : `the policy cannot place it: ${placement.reasons.join('; ')}`;
  io.stderr.write(`${placement.school.name} (${placement.school.urn}): ${why}\n`);
  const tier = await p.choose(
    'Tier for this plan',
    policy.tiers.map((t) => ({ name: `${t.label} (${describeDays(t).text})`, value: t.id })),
    given.tier ?? placement.tier ?? undefined,
  );
  answers.tier = tier;
  if (tier !== placement.tier && !given.tier_reason)
    answers.tier_reason = await p.input("Why a different tier from the policy's?", { required: true });
  for (const section of TEXT_SECTIONS) {
    if (!answers[section.key]?.length) answers[section.key] = await askList(p, section.label);
  }
  if (!answers.priorities?.length) {
    const count = await p.number('How many key priorities?', {
      initial: DEFAULT_PRIORITIES,
      min: 1,
      max: MAX_PRIORITIES,
    });
    const label = policy.tiers.find((t) => t.id === tier)?.label ?? null;
    const defaults = actionDefaults(placement, label);
    answers.priorities = [];
    for (let i = 0; i < count; i++) {
      const title = await p.input(`Key priority ${i + 1}`, { required: true });
      const milestones: Record<string, string> = {};
      for (const m of MILESTONES)
        milestones[m.key] = await p.input(`Priority ${i + 1}: ${m.label}`, { required: true });
      const actions: ActionAnswers[] = [];
      while (actions.length < MAX_ACTIONS) {
        const row: Record<string, string> = {};
        for (const column of ACTION_COLUMNS) {
          const first = column.key === 'action';
          const message = first
            ? `Priority ${i + 1}, action ${actions.length + 1}: ${column.header}${actions.length ? ' (Enter when done)' : ''}`
            : `  ${column.header}`;
          row[column.key] = await p.input(message, {
            initial: first ? undefined : defaults[column.key],
            required: first && actions.length === 0,
          });
          if (first && !row.action) break;
        }
        if (!row.action) break;
        actions.push({ ...blankAction(), ...row });
      }
      answers.priorities.push({
        title,
        milestones: milestones as { autumn: string; spring: string; summer: string },
        actions,
      });
    }
  }
  return answers;
}

async function writeOne(
  doc: WfapPlan | DeploymentRecord,
  ctx: Context,
  options: WfapOptions,
  io: Io,
  output: string | undefined,
  template: { template: Template; file: string } | undefined,
): Promise<void> {
  await emit(
    { output, force: options.force, cwd: io.cwd, stdout: io.stdout, format: ctx.format },
    await content(doc, ctx.format, template),
  );
  if (output) note(options, io, `wrote ${output}`);
}

async function newPlan(options: WfapOptions, io: Io): Promise<void> {
  const ctx = prepare(options, io);
  const { policy } = ctx.loaded;
  const template = templateFor('wfap', ctx.format, options, ctx.loaded, io);
  const answers: WfapAnswers = options.answers ? readAnswers(options.answers, WfapAnswersSchema, io.cwd) : {};
  const problems = answerProblems(answers, policy);
  if (problems.length) throw dataError(problems.map((p) => `${options.answers}: ${p.path}: ${p.message}`));
  const priorities = options.priorities === undefined ? DEFAULT_PRIORITIES : Number(options.priorities);
  if (!Number.isInteger(priorities) || priorities < 1 || priorities > MAX_PRIORITIES)
    throw usageError(`--priorities ${options.priorities}: expected a whole number from 1 to ${MAX_PRIORITIES}`);
  const kpis = ctx.loaded.config.kpis ?? DEFAULT_KPIS;
  const build = (placement: Placement, a: WfapAnswers) =>
    buildPlan(placement, ctx.loaded.policy, a, { asOf: ctx.asOf, kpis, priorities });
  if (!options.all && options.output)
    checkWritable({ output: options.output, force: options.force, cwd: io.cwd, stdout: io.stdout });
  const data = await placements(options, ctx, io);

  if (options.all) {
    if (options.school || answers.school)
      throw usageError('--all writes a plan for every school; leave out --school (and school: in the answers file)');
    if (!options.output) throw usageError('--all writes one plan per school into a folder: add -o FOLDER');
    const dir = resolve(io.cwd, options.output);
    if (existsSync(dir) && !statSync(dir).isDirectory())
      throw cannotWriteError(`${options.output}: is a file; --all needs a folder for -o`);
    const plans = data.placements.map((p) => build(p, answers));
    const files = plans.map((plan) => join(dir, fileName(plan.school, 'wfap', plan.academic_year, ctx.format)));
    const existing = files.filter((f) => existsSync(f));
    if (existing.length && !options.force) {
      throw cannotWriteError(
        `${options.output}: ${existing.length} of the ${files.length} plans already exist (e.g. ${displayPath(existing[0], io)}); add --force to overwrite them`,
      );
    }
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw cannotWriteError(`${options.output}: the folder cannot be made (${(error as NodeJS.ErrnoException).code})`);
    }
    const showBar = io.stderr.isTTY === true && !options.quiet && plans.length >= PROGRESS_FROM;
    const progress = showBar ? await import('cli-progress') : null;
    // cli-progress is CommonJS: its classes are on the default export once bundled.
    const SingleBar = progress
      ? ((progress as unknown as { default?: typeof progress }).default ?? progress).SingleBar
      : null;
    const bar = SingleBar
      ? new SingleBar({
          stream: io.stderr as unknown as NodeJS.WritableStream,
          format: 'WFAPs {bar} {value}/{total}',
          hideCursor: true,
          clearOnComplete: true,
        })
      : null;
    bar?.start(plans.length, 0);
    try {
      for (let i = 0; i < plans.length; i++) {
        const text = await content(plans[i], ctx.format, template);
        await writeAtomic(
          files[i],
          ctx.format === 'csv' && typeof text === 'string' ? CSV_FILE_BOM + text : text,
          displayPath(files[i], io),
          { force: options.force },
        );
        bar?.increment();
      }
    } finally {
      bar?.stop();
    }
    note(options, io, `wrote ${plans.length} plans (${ctx.format}) to ${options.output}`);
    return;
  }

  const flagUrn = parseUrn(options.school, '--school');
  if (flagUrn !== undefined && answers.school !== undefined && flagUrn !== answers.school) {
    throw usageError(`--school ${flagUrn} and school: ${answers.school} in ${options.answers} disagree; give one`);
  }
  let urn = flagUrn ?? answers.school;
  if (!ctx.interactive) {
    if (urn === undefined)
      throw usageError(
        'name the school: sit wfap new --school URN (or school: in the answers file), or --all for every school',
      );
    const placement = findSchool(data.placements, urn, data.file);
    if (!options.yes) {
      const missing = missingAnswers(answers);
      if (missing.length)
        throw usageError(
          `missing answers: ${missing.join(', ')} (give them in --answers FILE, run in a terminal to be asked, or add --yes for a plan with blanks to fill in)`,
        );
    }
    const plan = build(placement, answers);
    const output = await target(options, ctx.format, io, fileName(plan.school, 'wfap', plan.academic_year, ctx.format));
    await writeOne(plan, ctx, options, io, output, template);
    return;
  }

  await asking(async (p) => {
    urn ??= await pickSchool(p, data.placements);
    const placement = findSchool(data.placements, urn, data.file);
    const full = await askPlan(p, placement, ctx.loaded.policy, answers, io);
    const plan = build(placement, full);
    const output = await target(
      options,
      ctx.format,
      io,
      fileName(plan.school, 'wfap', plan.academic_year, ctx.format),
      p,
    );
    const actions = plan.priorities.reduce((n, x) => n + x.actions.length, 0);
    io.stderr.write(
      [
        '',
        `Way Forward Action Plan ${plan.academic_year}: ${plan.school.name} (${plan.school.urn})`,
        `  Tier: ${plan.tier.label ?? 'none'} (${plan.tier.days_text})${plan.tier.override ? `; set by hand: ${plan.tier.override}` : ''}`,
        `  ${plan.strengths.length} strengths, ${plan.areas_to_develop.length} areas to develop, ${plan.challenges.length} challenges, ${plan.support_required.length} support needs`,
        ...plan.priorities.map(
          (x) => `  Priority ${x.number}: ${x.title} (${x.actions.length} action${x.actions.length === 1 ? '' : 's'})`,
        ),
        `  ${plan.priorities.length} priorities, ${actions} actions; as ${ctx.format} to ${output ?? 'the screen'}`,
        '',
      ].join('\n'),
    );
    if (output) checkWritable({ output, force: options.force, cwd: io.cwd, stdout: io.stdout });
    if (!(await p.confirm('Write the plan?', true))) {
      io.stderr.write('nothing written\n');
      return;
    }
    await writeOne(plan, ctx, options, io, output, template);
  });
}

async function askDeployment(p: Prompts, given: DeploymentAnswers): Promise<DeploymentAnswers> {
  const a: DeploymentAnswers = { ...given };
  a.leader ||= await p.input('System leader (name)', { required: true });
  a.role ??= await p.choose(
    'Role',
    LEADER_ROLES.map((r) => ({ name: r.label, value: r.id })),
  );
  if (a.role === 'other' && !a.role_detail) a.role_detail = await p.input('Which role?', { required: true });
  a.from_school ??= await p.input('From (school or organisation)');
  a.days ??= await p.number('Days of support agreed (half days as 0.5)', { min: 0, step: 'any' });
  a.key_focus ||= await p.input('Key focus area', { required: true });
  for (const section of DEPLOYMENT_SECTIONS) {
    if (!a[section.key]?.length) a[section.key] = await askList(p, section.label);
  }
  return a;
}

async function newDeployment(options: WfapOptions, io: Io): Promise<void> {
  const ctx = prepare(options, io);
  const template = templateFor('deployment', ctx.format, options, ctx.loaded, io);
  const answers: DeploymentAnswers = options.answers
    ? readAnswers(options.answers, DeploymentAnswersSchema, io.cwd)
    : {};
  const flagUrn = parseUrn(options.school, '--school');
  if (flagUrn !== undefined && answers.school !== undefined && flagUrn !== answers.school) {
    throw usageError(`--school ${flagUrn} and school: ${answers.school} in ${options.answers} disagree; give one`);
  }
  if (options.output) checkWritable({ output: options.output, force: options.force, cwd: io.cwd, stdout: io.stdout });
  let urn = flagUrn ?? answers.school;
  const needData = urn !== undefined || ctx.interactive;
  const data = needData ? await placements(options, ctx, io) : null;
  const schoolOf = (u: number | undefined) =>
    u === undefined || !data ? null : findSchool(data.placements, u, data.file).school;

  if (!ctx.interactive) {
    const school = schoolOf(urn);
    if (!options.yes) {
      const missing = missingDeploymentAnswers(answers, school !== null);
      if (missing.length)
        throw usageError(
          `missing answers: ${missing.join(', ')} (give them with --school and --answers FILE, run in a terminal to be asked, or add --yes for a record with blanks to fill in)`,
        );
    }
    const record = buildDeployment(school, answers, ctx.asOf);
    const output = await target(
      options,
      ctx.format,
      io,
      fileName(record.school, 'deployment', record.academic_year, ctx.format),
    );
    await writeOne(record, ctx, options, io, output, template);
    return;
  }
  await asking(async (p) => {
    urn ??= await pickSchool(p, data!.placements);
    const school = schoolOf(urn);
    const record = buildDeployment(school, await askDeployment(p, answers), ctx.asOf);
    const output = await target(
      options,
      ctx.format,
      io,
      fileName(record.school, 'deployment', record.academic_year, ctx.format),
      p,
    );
    io.stderr.write(
      `\nSupport deployment ${record.academic_year}: ${record.leader} (${record.role_label}) to ${record.school?.name ?? '-'}; focus: ${record.key_focus}\n\n`,
    );
    if (output) checkWritable({ output, force: options.force, cwd: io.cwd, stdout: io.stdout });
    if (!(await p.confirm('Write the record?', true))) {
      io.stderr.write('nothing written\n');
      return;
    }
    await writeOne(record, ctx, options, io, output, template);
  });
}

function scriptOptions(cmd: Command, what: string): Command {
  return cmd
    .option('--school <urn>', `the school's URN (asked for, from a searchable list, in a terminal)`)
    .option('--data <file>', 'school data (CSV or YAML); default: schools: in trust.config.yaml')
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

/** The shared --format option, with this command's default (md, not a terminal table). */
function formatHelp(cmd: Command): void {
  const option = cmd.options.find((o) => o.long === '--format');
  if (option) option.description = `output format: ${FORMATS.join(', ')} (default: the -o file's extension, else md)`;
}

function sub(cmd: Command, io: Io): Command {
  return cmd
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(add --help for usage)');
}

export function wfapCommand(io: Io): Command {
  const wfap = new Command('wfap').description('Way Forward Action Plans and support-deployment records');

  const create = sub(new Command('new'), io).description(
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
  formatHelp(create);
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

  const deploy = sub(new Command('deployment'), io).description(
    'a support-deployment record for a system leader (NLE, NSS, SLE, lead practitioner, other)',
  );
  scriptOptions(deploy, 'record');
  withPolicyOptions(deploy);
  withDataOptions(deploy, 'the --data file');
  withOutputOptions(deploy, FORMATS, { defaultFormat: 'md' });
  formatHelp(deploy);
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
