// `sit wfap new` and `sit wfap deployment` in a terminal: the real inquirer prompts, driven by
// @inquirer/testing's screen (it replaces inquirer's terminal I/O), running the program in process.
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, runInProcess } from '../helpers/run-sit.js';

const BASE = ['--as-of', '2026-09-01', '--config', `${FIXTURES}/trust.config.yaml`];

async function answer(expected: string, keys: string | null) {
  await screen.next();
  expect(screen.getScreen()).toContain(expected);
  if (keys) screen.type(keys);
  screen.keypress('enter');
}

describe('sit wfap new in a terminal', () => {
  it('asks for the school (searchable), the tier, priorities, milestones and actions, shows a summary, then writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-wfap-tty-'));
    writeFileSync(
      join(dir, 'a.yaml'),
      'strengths: [Reading]\nareas_to_develop: [Writing]\nchallenges: [Staffing]\nsupport_required: [English lead]\n',
    );
    const run = runInProcess(['wfap', 'new', '--answers', 'a.yaml', '-o', 'plan.md', ...BASE], { tty: true, cwd: dir });

    await screen.next();
    expect(screen.getScreen()).toContain('Which school?');
    screen.type('dunm');
    await screen.next();
    expect(screen.getScreen()).toContain('Dunmore Primary School (100004)');
    expect(screen.getScreen()).not.toContain('Ashgrove');
    screen.keypress('enter');

    await screen.next();
    expect(screen.getScreen()).toContain('Tier for this plan');
    expect(screen.getScreen()).toMatch(/❯ Category D/);
    screen.keypress('enter');

    await answer('How many key priorities?', '1');
    await answer('Key priority 1', 'Improve writing');
    await answer('By the end of the Autumn Term', 'Moderation in place');
    await answer('By the end of the Spring Term', '60% at expected');
    await answer('So that by the end of the Summer Term', '65% at expected');
    await answer('Priority 1, action 1: Key actions', 'Joint moderation');
    await answer('Rationale', 'Writing is weakest');
    for (const header of [
      'Support required',
      'Lead',
      'When',
      'Monitoring: Who',
      'Monitoring: How',
      'Impact: Dissemination',
      'Next steps',
    ])
      await answer(header, null);
    await answer('action 2: Key actions (Enter when done)', null);
    await answer('Write the plan?', null);

    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Priority 1: Improve writing (1 action)');
    const plan = readFileSync(join(dir, 'plan.md'), 'utf8');
    expect(plan).toContain('| School | Dunmore Primary School |');
    expect(plan).toContain('## Key priority 1: Improve writing');
    expect(plan).toContain(
      '| Joint moderation | Writing is weakest | Trust school improvement support (Category D: no set number of days: weekly',
    );
    expect(plan).toContain('| Headteacher | Autumn Term | Trust school improvement lead |');
  });

  it('asks only what the answers file lacks: a tier given there is not asked again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-wfap-tty-'));
    writeFileSync(
      join(dir, 'a.yaml'),
      'school: 100004\ntier: C\ntier_reason: Agreed at the review\nstrengths: [Reading]\nareas_to_develop: [Writing]\nchallenges: [Staffing]\nsupport_required: [English lead]\n',
    );
    const run = runInProcess(['wfap', 'new', '--answers', 'a.yaml', '-o', 'plan.md', ...BASE], { tty: true, cwd: dir });
    await screen.next();
    expect(screen.getScreen()).toContain('How many key priorities?');
    expect(screen.getScreen()).not.toContain('Tier for this plan');
    screen.keypress({ name: 'c', ctrl: true });
    expect((await run).code).toBe(130);
  });

  it('Ctrl-C leaves no file and exits 130 with one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-wfap-tty-'));
    const run = runInProcess(['wfap', 'new', '-o', 'plan.md', ...BASE], { tty: true, cwd: dir });
    await screen.next();
    expect(screen.getScreen()).toContain('Which school?');
    screen.keypress({ name: 'c', ctrl: true });
    const result = await run;
    expect(result.code).toBe(130);
    expect(result.stderr).toBe('sit: interrupted: nothing was written\n');
    expect(existsSync(join(dir, 'plan.md'))).toBe(false);
  });
});

describe('sit init in a terminal', () => {
  it('Ctrl-C at the preset question exits with the interrupt code and one line, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-init-tty-'));
    const run = runInProcess(['init'], { tty: true, cwd: dir });
    await screen.next();
    expect(screen.getScreen()).toContain('Which policy does your trust start from?');
    screen.keypress({ name: 'c', ctrl: true });
    const result = await run;
    expect(result.code).toBe(130);
    expect(result.stderr).toBe('sit: interrupted: nothing was written\n');
    expect(existsSync(join(dir, 'trust.config.yaml'))).toBe(false);
  });
});

describe('sit wfap deployment in a terminal', () => {
  it('asks for the leader, role, focus and lists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-wfap-tty-'));
    const run = runInProcess(
      ['wfap', 'deployment', '--school', '100004', '--format', 'json', '-o', 'd.json', ...BASE],
      { tty: true, cwd: dir },
    );
    await answer('System leader', 'Jo Adeyemi');
    await screen.next();
    expect(screen.getScreen()).toContain('National Leader of Education (NLE)');
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('enter');
    await answer('From', 'Ashgrove');
    await answer('Days of support agreed', '6.5');
    await answer('Key focus area', 'Writing');
    await answer('Agreed outcomes: point 1', '65% expected');
    await answer('Agreed outcomes: point 2', null);
    await answer('Key tasks: point 1', 'Moderation');
    await answer('Key tasks: point 2', null);
    await answer('Type of evidence of impact: point 1', 'Outcomes');
    await answer('Type of evidence of impact: point 2', null);
    await answer('Write the record?', null);
    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'd.json'), 'utf8'))).toMatchObject({
      school: { urn: 100004 },
      leader: 'Jo Adeyemi',
      role: 'SLE',
      days: 6.5,
      key_focus: 'Writing',
      agreed_outcomes: ['65% expected'],
      key_tasks: ['Moderation'],
      evidence_of_impact: ['Outcomes'],
    });
  });
});

describe('Ctrl-C at any prompt', () => {
  it('sit init: exit 130 (interrupted, not a usage error or a bug) with one line, no config written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-init-tty-'));
    const run = runInProcess(['init'], { tty: true, cwd: dir });
    await screen.next();
    expect(screen.getScreen()).toContain('Which policy does your trust start from?');
    screen.keypress({ name: 'c', ctrl: true });
    const result = await run;
    expect(result.code).toBe(130);
    expect(result.stderr).toBe('sit: interrupted: nothing was written\n');
    expect(existsSync(join(dir, 'trust.config.yaml'))).toBe(false);
  });
});
