// sit wfap new | deployment, scripted (no terminal), end to end on the built binary.
import { describe, expect, it, beforeAll, vi } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { PassThrough } from 'node:stream';
import { copyFileSync } from 'node:fs';
import { run } from '../../src/cli.js';
import { FIXTURES, ROOT, runSit, runInProcess } from '../helpers/run-sit.js';

const BASE = ['--as-of', '2026-09-01', '--config', `${FIXTURES}/trust.config.yaml`];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sit-wfap-'));
});

const text = async (file: string) => (await mammoth.extractRawText({ path: file })).value;

describe('sit wfap new, scripted', () => {
  it('--yes writes a blank plan pre-filled from data and policy, without a terminal (html)', async () => {
    const r = await runInProcess(
      ['wfap', 'new', '--school', '100004', '--yes', '--format', 'html', '-o', 'plan.html', ...BASE],
      {
        cwd: dir,
      },
    );
    expect(r.stderr).toBe('wrote plan.html\n');
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'plan.html'), 'utf8');
    expect(html).toContain('<td>Dunmore Primary School</td>');
    expect(html).toContain('<td>Category D</td>');
    expect(html.match(/<table class="actions">/g)).toHaveLength(3);
    expect(html).toContain('<th scope="col">Impact: Dissemination</th>');
  });

  it('writes every format from an answers file; the same input gives the same bytes', async () => {
    const args = ['wfap', 'new', '--answers', `${FIXTURES}/wfap-answers.yaml`, ...BASE];
    for (const format of ['md', 'html', 'csv', 'json']) {
      const r = await runInProcess([...args, '--format', format]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(format === 'json' ? '"name": "Dunmore Primary School"' : 'Dunmore Primary School');
      expect(r.stdout).toContain('Improve attendance of disadvantaged pupils');
      expect((await runInProcess([...args, '--format', format])).stdout).toBe(r.stdout);
    }
    const json = JSON.parse((await runInProcess([...args, '--format', 'json'])).stdout);
    expect(json.priorities[0].actions[0].action).toBe('First-day response to every absence');
    expect(json.tier).toMatchObject({ id: 'D', days: null });
    const r = await runInProcess([...args, '-o', 'answers.docx'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = await text(join(dir, 'answers.docx'));
    for (const s of [
      'Dunmore Primary School',
      '100004',
      'Improve attendance of disadvantaged pupils',
      'Raise attainment in writing',
      'First-day response to every absence',
      'Joint moderation of writing each half term',
      'Monitoring: Who',
      'So that by the end of the Summer Term',
    ]) {
      expect(doc).toContain(s);
    }
  });

  it('missing answers without a terminal: exit 2, naming them', async () => {
    const r = await runInProcess(['wfap', 'new', '--school', '100004', ...BASE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^sit: missing answers: strengths, areas_to_develop, challenges, support_required, priorities /,
    );
    const none = await runInProcess(['wfap', 'new', '--yes', ...BASE]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name the school');
  });

  it('a bad answers file: exit 65, file:line: path: what was expected', async () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      'school: 100004\nstrengths: [ok]\npriorities:\n  - title: x\n    mielstones: {}\ntier: Z\n',
    );
    const r = await runInProcess(['wfap', 'new', '--answers', 'bad.yaml', ...BASE], { cwd: dir });
    expect(r.code).toBe(65);
    expect(r.stderr).toBe('sit: bad.yaml:5: priorities[0]: unknown field "mielstones" (check the spelling)\n');
    // The tier is checked against the policy after the file is read: still file:line (here line 2).
    writeFileSync(join(dir, 'bad-tier.yaml'), 'strengths: [ok]\ntier: Z\n');
    const t = await runInProcess(
      ['wfap', 'new', '--school', '100004', '--yes', '--answers', 'bad-tier.yaml', ...BASE],
      {
        cwd: dir,
      },
    );
    expect(t.code).toBe(65);
    expect(t.stderr).toBe(
      'sit: bad-tier.yaml:2: tier: "Z" is not a tier of policy rlt-categories; expected one of D, C, A, B\n',
    );
  });

  it('a broken template: exit 78 with the file and line; a good one is used', async () => {
    writeFileSync(join(dir, 'broken.md'), '# {{school.name}}\n{{#priorities}}\n{{title}}\n');
    const r = await runInProcess(['wfap', 'new', '--school', '100004', '--yes', '--template', 'broken.md', ...BASE], {
      cwd: dir,
    });
    expect(r.code).toBe(78);
    expect(r.stderr).toBe('sit: broken.md:2: the section {{#priorities}} is never closed; add {{/priorities}}\n');
    writeFileSync(
      join(dir, 'mine.md'),
      'Plan for {{school.name}} ({{tier.label}})\n{{#priorities}}\n{{number}}. {{title}}\n{{/priorities}}\n',
    );
    const ok = await runInProcess(
      ['wfap', 'new', '--answers', `${FIXTURES}/wfap-answers.yaml`, '--template', 'mine.md', ...BASE],
      { cwd: dir },
    );
    expect(ok.stdout).toBe(
      'Plan for Dunmore Primary School (Category D)\n1. Improve attendance of disadvantaged pupils\n2. Raise attainment in writing\n',
    );
  });

  it('refuses to write a Word document to a terminal', async () => {
    const r = await runInProcess(['wfap', 'new', '--school', '100004', '--yes', '--format', 'docx', ...BASE], {
      tty: true,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'a Word document cannot be shown in the terminal; add -o 100004-dunmore-primary-school-wfap-2026-27.docx',
    );
  });

  it('--all --format docx writes a Word plan per school that opens; refuses to overwrite', async () => {
    const r = runSit(['wfap', 'new', '--all', '--format', 'docx', '-o', 'plans', ...BASE], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(join(dir, 'plans'));
    expect(files).toHaveLength(26);
    expect(files[0]).toBe('100001-ashgrove-primary-school-wfap-2026-27.docx');
    const doc = await text(join(dir, 'plans', files[3]));
    expect(doc).toContain('Dunmore Primary School');
    expect(doc).toContain('Key priority 3');
    // Refusing and --force are the same in process (the Word files above came from the built binary).
    const again = await runInProcess(['wfap', 'new', '--all', '--format', 'docx', '-o', 'plans', ...BASE], {
      cwd: dir,
    });
    expect(again.code).toBe(73);
    expect(again.stderr).toContain('26 of the 26 plans already exist');
    expect(
      (
        await runInProcess(['wfap', 'new', '--all', '--format', 'docx', '-o', 'plans', '--force', ...BASE], {
          cwd: dir,
        })
      ).code,
    ).toBe(0);
  });

  it('the same plan gives the same Word bytes, dated by --as-of rather than the clock', async () => {
    const args = ['wfap', 'new', '--school', '100004', '--yes', '--format', 'docx', ...BASE];
    // A fake clock: both sit's "today" and Date itself (which a library could read) move on
    // between the runs by months and minutes; the bytes must not.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-10-05T09:15:01Z'));
      const first = await runInProcess([...args, '-o', 'same-1.docx'], { cwd: dir, now: new Date() });
      expect(first.code, first.stderr).toBe(0);
      vi.setSystemTime(new Date('2027-03-18T16:42:37Z'));
      const second = await runInProcess([...args, '-o', 'same-2.docx'], { cwd: dir, now: new Date() });
      expect(second.code, second.stderr).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    const [a, b] = ['same-1.docx', 'same-2.docx'].map((f) => readFileSync(join(dir, f)));
    expect(Buffer.compare(a, b)).toBe(0);
    const { unzipSync, strFromU8 } = await import('fflate');
    expect(strFromU8(unzipSync(a)['docProps/core.xml'])).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2026-09-01T00:00:00Z</dcterms:created>',
    );
    expect(await text(join(dir, 'same-1.docx'))).toContain('Dunmore Primary School');
  });

  it('--all shows no progress bar when standard error is not a terminal', async () => {
    const r = await runInProcess(['wfap', 'new', '--all', '--format', 'md', '-o', 'md-plans', ...BASE], { cwd: dir });
    expect(r.stderr).toBe('wrote 26 plans (md) to md-plans\n');
    expect(readdirSync(join(dir, 'md-plans'))).toHaveLength(26);
    expect(existsSync(join(dir, 'md-plans', '100004-dunmore-primary-school-wfap-2026-27.md'))).toBe(true);
  });

  it('--all --format csv writes each plan as -o plan.csv does: the same bytes, byte-order mark first', async () => {
    const all = await runInProcess(['wfap', 'new', '--all', '--format', 'csv', '-o', 'csv-plans', ...BASE], {
      cwd: dir,
    });
    expect(all.code, all.stderr).toBe(0);
    const one = await runInProcess(['wfap', 'new', '--school', '100004', '--yes', '-o', 'one-plan.csv', ...BASE], {
      cwd: dir,
    });
    expect(one.code, one.stderr).toBe(0);
    const fromAll = readFileSync(join(dir, 'csv-plans', '100004-dunmore-primary-school-wfap-2026-27.csv'));
    expect(fromAll.subarray(0, 3).toString('hex')).toBe('efbbbf');
    expect(fromAll.equals(readFileSync(join(dir, 'one-plan.csv')))).toBe(true);
  });
});

describe('sit wfap deployment, scripted', () => {
  it('writes the record from answers in every format', async () => {
    const args = ['wfap', 'deployment', '--answers', `${FIXTURES}/deployment-answers.yaml`, ...BASE];
    const md = await runInProcess([...args, '--format', 'md']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('| Role | Specialist Leader of Education \\(SLE\\): English |'.replace(/\\/g, ''));
    expect(md.stdout).toContain('## Type of evidence of impact');
    expect((await runInProcess([...args, '--format', 'html'])).stdout).toContain(
      '<li>Coaching for two Year 5/6 teachers</li>',
    );
    expect((await runInProcess([...args, '--format', 'csv'])).stdout.split('\r\n')[0]).toBe(
      'URN,School,Academic year,System leader,Role,Role detail,From,Days,Key focus area,Agreed outcomes,Key tasks,Type of evidence of impact',
    );
    expect(JSON.parse((await runInProcess([...args, '--format', 'json'])).stdout)).toMatchObject({
      kind: 'deployment',
      role: 'SLE',
      days: 6,
    });
    expect((await runInProcess([...args, '-o', 'dep.docx'], { cwd: dir })).code).toBe(0);
    expect(await text(join(dir, 'dep.docx'))).toContain('Jo Adeyemi');
  });

  it('missing answers: exit 2 naming them; --yes writes a blank record', async () => {
    const r = await runInProcess(['wfap', 'deployment', ...BASE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'missing answers: school, leader, role, days, key_focus, agreed_outcomes, key_tasks, evidence_of_impact',
    );
    const blank = await runInProcess(['wfap', 'deployment', '--yes', '--format', 'md', ...BASE]);
    expect(blank.code).toBe(0);
    expect(blank.stdout).toContain('_To be completed._');
  });
});

describe('trust settings for WFAPs', () => {
  it('kpis: and wfap.template_md in trust.config.yaml are used (paths relative to the config)', async () => {
    const trust = mkdtempSync(join(tmpdir(), 'sit-wfap-trust-'));
    copyFileSync(`${FIXTURES}/schools.csv`, join(trust, 'schools.csv'));
    writeFileSync(
      join(trust, 'trust.config.yaml'),
      [
        'extends: four-tier',
        'schools: schools.csv',
        'kpis:',
        "  - { name: attendance, label: Attendance, field: attendance_pct, unit: '%', target: 96 }",
        "  - { name: pa, label: Persistent absence, field: persistent_absence_pct, unit: '%', target: national, lower_is_better: true }",
        'wfap: { template_md: templates/mine.md }',
        '',
      ].join('\n'),
    );
    mkdirSync(join(trust, 'templates'));
    writeFileSync(
      join(trust, 'templates', 'mine.md'),
      '{{#kpis}}\n{{label}}: {{value}} / {{target}} ({{target_source}})\n{{/kpis}}\n',
    );
    const r = await runInProcess(['wfap', 'new', '--school', '100004', '--yes', '--as-of', '2026-09-01'], {
      cwd: trust,
    });
    expect(r.code, r.stderr).toBe(0);
    // four-tier: national persistent absence, primary 14.6.
    expect(r.stdout).toBe(
      'Attendance: 93.8% / 96% (trust target)\nPersistent absence: 17% / 14.6% (national (primary))\n',
    );
    writeFileSync(join(trust, 'templates', 'mine.md'), '{{#kpis}}\n{{lable}}\n{{/kpis}}\n');
    const bad = await runInProcess(['wfap', 'new', '--school', '100004', '--yes', '--as-of', '2026-09-01'], {
      cwd: trust,
    });
    expect(bad.code).toBe(78);
    expect(bad.stderr).toBe('sit: templates/mine.md:2: unknown placeholder "lable"\n');
  });

  it('--all shows a progress bar on standard error when it is a terminal', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sit-wfap-bar-'));
    let stderr = '';
    const stdin = Object.assign(new PassThrough(), { isTTY: false });
    stdin.end('');
    const code = await run(['wfap', 'new', '--all', '--format', 'json', '-o', 'plans', ...BASE], {
      stdout: { write: () => true, isTTY: false },
      stderr: {
        write: (s: string | Uint8Array) => {
          stderr += String(s);
          return true;
        },
        isTTY: true,
      },
      stdin,
      cwd: out,
      env: {},
      now: () => new Date('2026-09-01T12:00:00Z'),
    });
    expect(code).toBe(0);
    expect(stderr).toContain('26/26');
    expect(stderr).toContain('wrote 26 plans (json) to plans');
  });
});

describe('sit wfap new --answers with a published Ofsted file and no policy named', () => {
  it("checks the answers' tier: against the policy the file is placed by (rise-2025), not the default", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-wfap-ofsted-'));
    copyFileSync(join(ROOT, '..', 'shared', 'data', 'ofsted-west-midlands-2023-08-31.csv'), join(dir, 'ofsted.csv'));
    writeFileSync(join(dir, 'answers.yaml'), 'tier: targeted\n');
    const plan = ['wfap', 'new', '--data', 'ofsted.csv', '--school', '103120', '--answers', 'answers.yaml', '--yes'];
    const ok = await runInProcess([...plan, '--as-of', '2026-09-01', '--format', 'json'], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).tier.id).toBe('targeted');
    writeFileSync(join(dir, 'answers.yaml'), 'tier: A\n');
    const bad = await runInProcess([...plan, '--as-of', '2026-09-01'], { cwd: dir });
    expect(bad.code).toBe(65);
    expect(bad.stderr).toContain('answers.yaml:1: tier: "A" is not a tier of policy rise-2025');
  });
});

describe("a document command's --format help", () => {
  it.each([
    [['wfap', 'new'], 'md'],
    [['wfap', 'deployment'], 'md'],
    [['card'], 'md'],
    [['visit', 'note'], 'md'],
    [['report'], 'html'],
  ])('%s says the -o file’s extension decides before the default (%s), as it does', async (command, fallback) => {
    const help = await runInProcess([...command, '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(`(default: the -o file's extension, else ${fallback})`);
  });
});

describe('sit wfap new --all', () => {
  it('says what is wrong with the command before it reads the data (2, not the missing file)', async () => {
    const noFolder = await runInProcess(['wfap', 'new', '--all', '--data', 'missing.csv', '--yes'], { cwd: FIXTURES });
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain('--all writes one plan per school into a folder: add -o FOLDER');
    const withSchool = await runInProcess(
      ['wfap', 'new', '--all', '--school', '100004', '--data', 'missing.csv', '-o', 'plans', '--yes'],
      { cwd: FIXTURES },
    );
    expect(withSchool.code).toBe(2);
    expect(withSchool.stderr).toContain('--all writes a plan for every school; leave out --school');
  });
});
