// sit validate and sit explain read the data a school at a time (issue 13): what they report is
// what reading the whole file reports. validate counts the tiers as classify places them, whether
// each school is placed as it comes or (a policy counting schools per trust) after the trusts are
// counted by a first reading, or held to the end (standard input);
// explain names the file's school count, not the rows it kept.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, FIXTURES } from '../helpers/run-sit.js';

const AS_OF = ['--as-of', '2026-03-01'];
const SCHOOLS = `${FIXTURES}/schools.csv`;

describe('standard input given twice', () => {
  // It can be read once: every command that reads school data refuses it as a second input alike.
  const cases: [string[], string][] = [
    [['--with', '-'], 'sit: --with -: standard input is already the main file\n'],
    [['--tier-changes', '-'], 'sit: --tier-changes -: standard input is already the school data\n'],
  ];
  for (const command of [
    ['classify', '-'],
    // CSV streams as the file is read (--with read first, its failure kept until after the file's own)
    ['classify', '-', '--format', 'csv'],
    ['explain', '100001', '-'],
    ['validate', '-'],
  ])
    for (const [twice, message] of cases)
      it(`${command[0]} ${twice.join(' ')}: a usage error, as classify gives it`, async () => {
        const r = await runInProcess([...command, ...twice, ...AS_OF], { input: readFileSync(SCHOOLS, 'utf8') });
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(message);
      });
});

describe('validate and explain, streamed', () => {
  for (const preset of ['rlt-categories', 'dfe-tsio-2023', 'four-tier']) {
    it(`validate counts the tiers classify counts (${preset})`, async () => {
      const classify = await runInProcess(['classify', SCHOOLS, '--preset', preset, '--format', 'csv', ...AS_OF]);
      const validate = await runInProcess(['validate', SCHOOLS, '--preset', preset, '--format', 'json', ...AS_OF]);
      expect(classify.code).toBe(0);
      expect(validate.code).toBe(0);
      const summary = classify.stderr.split('\n')[0].replace(/ \(preset .*\)$/, '');
      const report = JSON.parse(validate.stdout);
      expect(report.placed.summary).toBe(summary);
      expect(report.data.schools).toBe(Number(summary.split(' ')[0]));
      // Standard input, which cannot be read twice: a policy counting trusts holds its schools instead.
      const piped = await runInProcess(['validate', '-', '--preset', preset, '--format', 'json', ...AS_OF], {
        input: readFileSync(SCHOOLS, 'utf8'),
      });
      expect(JSON.parse(piped.stdout).placed.summary).toBe(summary);
    });
  }
  it('validate counts trusts first where a rule counts the schools of a trust: from a file and from standard input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-trusts-'));
    writeFileSync(
      join(dir, 'trust.config.yaml'),
      [
        'id: by-trust',
        'name: By trust',
        'tiers:',
        '  - id: big',
        '    label: In a big trust',
        '    level: 1',
        '    days: 2',
        '    rules:',
        '      - name: a trust of eight or more',
        '        when: { fact: trust_schools, gte: 8 }',
        '  - id: rest',
        '    label: The rest',
        '    level: 2',
        '    days: 4',
        '    default: true',
        '',
      ].join('\n'),
    );
    const classify = await runInProcess(['classify', SCHOOLS, '--format', 'csv', ...AS_OF], { cwd: dir });
    const summary = classify.stderr.split('\n')[0].replace(/ \(.*\)$/, '');
    // Kestrel Academies Trust (8 schools) and Northbridge Learning Trust (11) are big.
    expect(summary).toBe('26 schools: 19 big, 7 rest');
    const file = await runInProcess(['validate', SCHOOLS, '--format', 'json', ...AS_OF], { cwd: dir });
    expect(JSON.parse(file.stdout).placed.summary).toBe(summary);
    const piped = await runInProcess(['validate', '-', '--format', 'json', ...AS_OF], {
      cwd: dir,
      input: readFileSync(SCHOOLS, 'utf8'),
    });
    expect(JSON.parse(piped.stdout).placed.summary).toBe(summary);
  });
  it("explain checks a tier-change file against every school's URN, not only the school it keeps", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-changes-'));
    const changes = join(dir, 'changes.csv');
    const header = 'urn,from,tier,reason,agreed_by,agreed_on';
    // 100001 is in the file (not the school asked about); 199999 is not.
    writeFileSync(changes, `${header}\n100001,2026-02-01,B,Staffing,Trust Board,2026-01-20\n`);
    const explain = (urn: string) =>
      runInProcess(['explain', urn, SCHOOLS, '--tier-changes', changes, '--format', 'json', ...AS_OF]);
    expect((await explain('100003')).code).toBe(0);
    expect(JSON.parse((await explain('100001')).stdout).tier_in_force).toBe('B');
    writeFileSync(changes, `${header}\n199999,2026-02-01,B,Staffing,Trust Board,2026-01-20\n`);
    const bad = await explain('100003');
    expect(bad.code).toBe(65);
    expect(bad.stderr).toContain('199999');
  });
  it('validate applies a tier-change file to the schools it names, checked against the URNs of the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-changes-'));
    const changes = join(dir, 'changes.csv');
    const header = 'urn,from,tier,reason,agreed_by,agreed_on';
    const validate = () => runInProcess(['validate', SCHOOLS, '--tier-changes', changes, '--format', 'json', ...AS_OF]);
    writeFileSync(changes, `${header}\n100001,2026-02-01,B,Staffing,Trust Board,2026-01-20\n`);
    const ok = await validate();
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).tier_changes).toEqual({ file: expect.any(String), changes: 1, in_force: 1 });
    writeFileSync(changes, `${header}\n199999,2026-02-01,B,Staffing,Trust Board,2026-01-20\n`);
    const bad = await validate();
    expect(bad.code).toBe(65);
    expect(JSON.parse(bad.stdout).data.problems.join('\n')).toContain('199999');
  });
  it('explain of a URN or a name not in the file counts the schools of the file', async () => {
    const urn = await runInProcess(['explain', '999999', SCHOOLS, ...AS_OF]);
    expect(urn.code).toBe(2);
    expect(urn.stderr).toMatch(/URN 999999 is not in .*schools\.csv \(26 schools\)/);
    const name = await runInProcess(['explain', 'nowhere at all', SCHOOLS, ...AS_OF]);
    expect(name.stderr).toMatch(/no school named "nowhere at all" in .*schools\.csv \(26 schools\)/);
  });
  it('explain counts the schools of each trust where the policy does (dfe-tsio-2023 route)', async () => {
    const route = async (urn: string) => {
      const r = await runInProcess([
        'explain',
        urn,
        SCHOOLS,
        '--preset',
        'dfe-tsio-2023',
        '--format',
        'json',
        ...AS_OF,
      ]);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout).route;
    };
    // Kestrel Academies Trust has eight schools in the file; Meadowvale Schools Partnership one.
    expect(await route('100004')).toBe('trust');
    expect(await route('100008')).toBe('standalone');
  });
});
