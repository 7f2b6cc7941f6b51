// sit wfap new and sit wfap deployment in a terminal: the school from a searchable list, then what
// the answers file lacks (the tier, the lists, each key priority with its milestones and actions,
// or the system leader's details), a summary, and a yes before anything is written.
import { describeDays, type Placement } from '../core/classify.js';
import type { DeploymentAnswers, DeploymentRecord } from '../core/deployment.js';
import type { Policy } from '../core/policy.js';
import {
  blankAction,
  DEFAULT_PRIORITIES,
  MAX_ACTIONS,
  MAX_PRIORITIES,
  type ActionAnswers,
  type ActionKey,
  type WfapAnswers,
  type WfapPlan,
} from '../core/wfap.js';
import type { Io } from '../io/command-io.js';
import { checkWritable } from '../io/output.js';
import { wfapForm } from '../io/wfap-form.js';
import {
  placementOf,
  type DeploymentInput,
  type PlanInput,
  type SchoolData,
  type WfapOptions,
} from '../io/wfap-input.js';
import { deploymentFor, planFor, suggestedName, type Chosen } from '../io/wfap-output.js';
import { documentSummary } from '../io/wfap-render.js';
import * as ask from './ask.js';

/** The plan, asked for; null when the person says not to write it. */
export async function askForPlan(
  input: PlanInput,
  data: SchoolData,
  urn: number | undefined,
  options: WfapOptions,
  io: Io,
): Promise<Chosen | null> {
  const placement = placementOf(data, urn ?? (await pickSchool(data.placements)));
  const answers = await askPlan(placement, input.loaded.policy, input.answers, io);
  return confirmed(planFor(input, placement, answers), input.format, options, io, 'Write the plan?');
}

/** The support-deployment record, asked for; null when the person says not to write it. */
export async function askForDeployment(
  input: DeploymentInput,
  data: SchoolData,
  options: WfapOptions,
  io: Io,
): Promise<Chosen | null> {
  const { school } = placementOf(data, input.urn ?? (await pickSchool(data.placements)));
  const record = deploymentFor(input, school, await askDeployment(input.answers));
  return confirmed(record, input.format, options, io, 'Write the record?');
}

/** Where it goes (-o, else asked), what it holds, then a yes. */
async function confirmed(
  doc: WfapPlan | DeploymentRecord,
  format: string,
  options: WfapOptions,
  io: Io,
  question: string,
): Promise<Chosen | null> {
  let output = options.output;
  if (!output) {
    const answer = await ask.input('Save as (- for the screen)', { initial: suggestedName(doc, format) });
    output = answer === '-' ? undefined : answer;
  }
  io.stderr.write(documentSummary(doc, format, output));
  if (output) checkWritable({ output, force: options.force, cwd: io.cwd, stdout: io.stdout });
  if (!(await ask.confirm(question, true))) {
    io.stderr.write('nothing written\n');
    return null;
  }
  return { doc, output };
}

async function pickSchool(items: Placement[]): Promise<number> {
  return ask.school(
    items.map((x) => ({
      urn: x.school.urn,
      name: x.school.name,
      description: x.label ? `${x.label}: ${x.daysText}` : 'needs data',
    })),
  );
}

async function askList(label: string): Promise<string[]> {
  const items: string[] = [];
  for (;;) {
    const item = await ask.input(`${label}: point ${items.length + 1} (Enter on an empty line when done)`);
    if (!item) return items;
    items.push(item);
  }
}

/** What the form suggests for each action column; support names the tier and its days. */
function suggestions(placement: Placement, tierLabel: string | null): Partial<Record<ActionKey, string>> {
  return Object.fromEntries(
    wfapForm().action_columns.map((c) => [
      c.key,
      c.key === 'support' && c.suggested && tierLabel
        ? `${c.suggested} (${tierLabel}: ${placement.daysText})`
        : c.suggested,
    ]),
  );
}

async function askPlan(placement: Placement, policy: Policy, given: WfapAnswers, io: Io): Promise<WfapAnswers> {
  const form = wfapForm();
  const answers: WfapAnswers = { ...given };
  const why = placement.tier
    ? `the policy places it in ${placement.label}: ${placement.reasons.join('; ')}`
    : `the policy cannot place it: ${placement.reasons.join('; ')}`;
  io.stderr.write(`${placement.school.name} (${placement.school.urn}): ${why}\n`);
  // A tier the answers file gives is taken, not asked again (only what the file lacks is asked).
  const tier =
    given.tier ??
    (await ask.choose(
      'Tier for this plan',
      policy.tiers.map((t) => ({ name: `${t.label} (${describeDays(t).text})`, value: t.id })),
      placement.tier ?? undefined,
    ));
  answers.tier = tier;
  if (tier !== placement.tier && !given.tier_reason)
    answers.tier_reason = await ask.input("Why a different tier from the policy's?", { required: true });
  for (const section of form.sections) {
    if (!answers[section.key]?.length) answers[section.key] = await askList(section.label);
  }
  if (answers.priorities?.length) return answers;
  const count = await ask.number('How many key priorities?', {
    initial: DEFAULT_PRIORITIES,
    min: 1,
    max: MAX_PRIORITIES,
  });
  const defaults = suggestions(placement, policy.tiers.find((t) => t.id === tier)?.label ?? null);
  answers.priorities = [];
  for (let i = 0; i < count; i++) {
    const title = await ask.input(`Key priority ${i + 1}`, { required: true });
    const milestones: Record<string, string> = {};
    for (const m of form.milestones)
      milestones[m.key] = await ask.input(`Priority ${i + 1}: ${m.label}`, { required: true });
    const actions: ActionAnswers[] = [];
    while (actions.length < MAX_ACTIONS) {
      const row: Record<string, string> = {};
      for (const column of form.action_columns) {
        const first = column.key === 'action';
        const message = first
          ? `Priority ${i + 1}, action ${actions.length + 1}: ${column.header}${actions.length ? ' (Enter when done)' : ''}`
          : `  ${column.header}`;
        row[column.key] = await ask.input(message, {
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
  return answers;
}

async function askDeployment(given: DeploymentAnswers): Promise<DeploymentAnswers> {
  const { leader_roles: roles, sections } = wfapForm().deployment;
  const a: DeploymentAnswers = { ...given };
  a.leader ||= await ask.input('System leader (name)', { required: true });
  a.role ??= await ask.choose(
    'Role',
    roles.map((r) => ({ name: r.label, value: r.id })),
  );
  if (a.role === 'other' && !a.role_detail) a.role_detail = await ask.input('Which role?', { required: true });
  a.from_school ??= await ask.input('From (school or organisation)');
  a.days ??= await ask.number('Days of support agreed (half days as 0.5)', { min: 0, step: 'any' });
  a.key_focus ||= await ask.input('Key focus area', { required: true });
  for (const section of sections) {
    if (!a[section.key]?.length) a[section.key] = await askList(section.label);
  }
  return a;
}
