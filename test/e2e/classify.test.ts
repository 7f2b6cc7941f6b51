// End to end: the built `sit` on the shipped fixtures, compared with the committed expected
// files, and the exit codes and one-line messages of SPEC section 4 for bad input.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSit, runSitAsync, runInProcess, ROOT, FIXTURES } from '../helpers/run-sit.js';
import { expectedCases, expectedOutput } from '../helpers/expected-cases.js';

const asOf = ['--as-of', '2026-09-01'];
const tmp = () => mkdtempSync(join(tmpdir(), 'sit-e2e-'));
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |internal error/);

describe('sit on the fixtures gives the committed output', () => {
  // The built binary, several at once (each its own process).
  it.concurrent.for(expectedCases('classify', 'explain', 'presets').map((c) => [c.file, c] as const))(
    '%s',
    async ([, c], { expect }) => {
      const result = await runSitAsync(c.args, { cwd: join(ROOT, c.cwd ?? '') });
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.code).toBe(c.code ?? 0);
      expect(result.stdout).toBe(expectedOutput(c));
    },
  );

  it('gives the same bytes twice', async () => {
    const args = ['classify', 'fixtures/schools.csv', '--preset', 'four-tier', ...asOf, '--format', 'html'];
    expect((await runInProcess(args)).stdout).toBe((await runInProcess(args)).stdout);
  });
});

describe('classify', () => {
  it('gives the DfE route for eligible schools in JSON (SPEC 5)', async () => {
    const result = await runInProcess([
      'classify',
      'fixtures/schools.csv',
      '--preset',
      'dfe-tsio-2023',
      ...asOf,
      '--format',
      'json',
    ]);
    const rows = JSON.parse(result.stdout) as {
      urn: number;
      tier: string | null;
      route: string | null;
      days: number | null;
      missing: string[];
      override: string | null;
    }[];
    expect(rows).toHaveLength(26);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining(['urn', 'name', 'tier', 'label', 'days', 'reasons', 'missing', 'override', 'route']),
      );
      expect(typeof row.urn).toBe('number');
      if (row.tier === 'eligible') expect(['standalone', 'trust']).toContain(row.route);
      else expect(row.route).toBeNull();
    }
    expect(rows.filter((r) => r.tier === 'eligible').map((r) => [r.urn, r.route])).toEqual([
      [100004, 'trust'],
      [100005, 'standalone'],
      [100008, 'standalone'],
      [100017, 'standalone'],
      [100019, 'trust'],
      [100024, 'trust'],
    ]);
    expect(rows.find((r) => r.urn === 100025)).toMatchObject({
      tier: null,
      days: null,
      missing: ['ofsted_overall', 'ofsted_date'],
    });
    expect(result.stderr.split('\n')[0]).toBe(
      '26 schools: 6 eligible, 19 not-eligible, 1 need data (preset dfe-tsio-2023)',
    );
    // Points at the fix: which published files supply the missing fields (issue 10).
    expect(result.stderr).toContain(
      'needs data: ofsted_overall: 1 school needs it; files in the ofsted-report-card, ofsted-2024-25 or ofsted-legacy layout have it: join one with --with',
    );
  });

  it('writes CSV when piped, and --quiet silences the summary', async () => {
    const result = await runInProcess([
      'classify',
      'fixtures/schools.csv',
      '--preset',
      'rlt-categories',
      ...asOf,
      '--quiet',
    ]);
    expect(result.stdout).toBe(readFileSync(`${FIXTURES}/expected/classify-rlt-categories.csv`, 'utf8'));
    expect(result.stderr).toBe('');
  });

  it('reads standard input with -', () => {
    const result = runSit(['classify', '-', '--preset', 'rlt-categories', ...asOf], {
      input: readFileSync(`${FIXTURES}/schools.csv`),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(`${FIXTURES}/expected/classify-rlt-categories.csv`, 'utf8'));
  });

  it('finds trust.config.yaml and its schools file from the current folder', async () => {
    const result = await runInProcess(['classify', ...asOf, '--format', 'csv'], { cwd: FIXTURES });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(`${FIXTURES}/expected/classify-rlt-categories.csv`, 'utf8'));
    expect(result.stderr).toContain('trust.config.yaml');
  });

  it('colours the terminal table, and not with --no-color or NO_COLOR', async () => {
    const args = ['classify', 'fixtures/schools.csv', '--preset', 'rlt-categories', ...asOf];
    const colour = await runInProcess(args, { tty: true, env: { NO_COLOR: '' } });
    expect(colour.code).toBe(0);
    expect(colour.stdout).toMatch(/\u001b\[3\dm/);
    expect(colour.stdout).toContain('Category A');
    expect((await runInProcess([...args, '--no-color'], { tty: true, env: { NO_COLOR: '' } })).stdout).not.toMatch(
      /\u001b\[/,
    );
    expect((await runInProcess(args, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\u001b\[/);
  });

  it('writes a file with -o, refuses to overwrite it, and overwrites with --force', async () => {
    const dir = tmp();
    const out = join(dir, 'tiers.json');
    const args = ['classify', join(FIXTURES, 'schools.csv'), '--preset', 'four-tier', ...asOf, '-o', out];
    expect((await runInProcess(args)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(`${FIXTURES}/expected/classify-four-tier.json`, 'utf8')); // format from the extension
    writeFileSync(out, 'old');
    const again = await runInProcess(args);
    expect(again.code).toBe(73);
    expect(again.stderr).toBe(`sit: ${out}: already exists; add --force to overwrite it\n`);
    expect(readFileSync(out, 'utf8')).toBe('old');
    expect((await runInProcess([...args, '--force'])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('"tier": "lead"');
  });
});

describe('bad input: one clear line each, the exit code of SPEC section 4, no stack trace', () => {
  const write = (name: string, text: string) => {
    const dir = tmp();
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('reports every problem in a data file at once (65)', async () => {
    const file = write(
      'bad.csv',
      'urn,name,ofsted_overall,attendance_pct,ofsted_date\n100001,A,Good,95,2024-01-01\n99,B,Good,95,\n100003,C,Excellent,104,13/13/2024\n100001,D,Good,90,\n',
    );
    const result = await runInProcess(['classify', file, '--preset', 'rlt-categories']);
    expect(result.code).toBe(65);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      `sit: ${file}:3: column "urn": expected a 6-digit URN (100000-999999), got "99"`,
      `sit: ${file}:4: column "ofsted_overall": expected an Ofsted grade: Outstanding, Good, Requires improvement, Inadequate, RI or 1-4, got "Excellent"`,
      `sit: ${file}:4: column "attendance_pct": expected a percentage from 0 to 100, got "104"`,
      `sit: ${file}:4: column "ofsted_date": expected a date as YYYY-MM-DD or DD/MM/YYYY (day first) (this is not a real date), got "13/13/2024"`,
      `sit: ${file}:5: column "urn": URN 100001 appears twice (first on line 2); each school needs one row`,
    ]);
  });

  it('an override without a reason, or naming no tier of the policy, is bad data (65)', async () => {
    const noReason = await runInProcess([
      'classify',
      write('o.csv', 'urn,name,override_tier\n100001,A,C\n'),
      '--preset',
      'rlt-categories',
    ]);
    expect(noReason.code).toBe(65);
    expect(noReason.stderr).toMatch(/:2: column "override_reason": expected a reason for the override_tier/);
    const badTier = await runInProcess([
      'classify',
      write('o.csv', 'urn,name,override_tier,override_reason\n100001,A,Z,because\n'),
      '--preset',
      'rlt-categories',
    ]);
    expect(badTier.code).toBe(65);
    expect(badTier.stderr).toMatch(
      /:2: column "override_tier": "Z" is not a tier of policy rlt-categories; expected one of D, C, A, B/,
    );
  });

  it('a missing file is 66', async () => {
    const result = await runInProcess(['classify', 'no-such.csv']);
    expect(result.code).toBe(66);
    expect(result.stderr).toBe('sit: no-such.csv: no such file; check the name and folder\n');
  });

  it('a file with no URN column, an empty file and an unterminated quote are 65', async () => {
    for (const [text, message] of [
      ['name,phase\nA,primary\n', /:1: no URN column/],
      ['', /the file is empty/],
      ['urn,name\n', /has a header but no schools/],
      ['urn,name\n100001,"Unclosed\n', /a quoted value is never closed/],
    ] as const) {
      const result = await runInProcess(['classify', write('x.csv', text), '--preset', 'four-tier']);
      expect(result.code).toBe(65);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      noStack(result.stderr);
    }
  });

  it('a bad config gives its file and line (78)', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'trust.config.yaml'),
      'extends: four-tier\nthresholds:\n  attendance_below: { value: minus two, means: x }\ncolour: red\n',
    );
    const result = await runInProcess(['classify', join(FIXTURES, 'schools.csv')], { cwd: dir });
    expect(result.code).toBe(78);
    expect(result.stderr.trim().split('\n')).toEqual([
      'sit: trust.config.yaml:3: thresholds.attendance_below.value: expected a number (found "minus two")',
      'sit: trust.config.yaml:4: unknown field "colour" (check the spelling)',
    ]);
  });

  it('invalid YAML in the config is 78 with its line', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'trust.config.yaml'), 'extends: four-tier\nschools: [unclosed\n');
    const result = await runInProcess(['validate'], { cwd: dir });
    expect(result.code).toBe(78);
    expect(result.stderr).toBe(
      'sit: trust.config.yaml:2: a list opened with [ is not closed with ] (or its lines are not indented under its setting): close it, or write one "- item" per line\n',
    );
  });

  it('usage errors are 2: unknown preset, unknown option, bad --as-of, bad format', async () => {
    expect((await runInProcess(['classify', 'fixtures/schools.csv', '--preset', 'nope'])).stderr).toMatch(
      /no preset named "nope"; the presets are: dfe-tsio-2023/,
    );
    for (const args of [
      ['classify', 'fixtures/schools.csv', '--preset', 'nope'],
      ['classify', '--colour'],
      ['classify', 'fixtures/schools.csv', '--as-of', '2026-31-12'],
      ['classify', 'fixtures/schools.csv', '--format', 'pdf'],
      ['frobnicate'],
    ]) {
      const result = await runInProcess(args);
      expect(result.code, args.join(' ')).toBe(2);
      noStack(result.stderr);
    }
  });
});

describe('explain', () => {
  it('shows every rule with the values seen, for a school that needs data too', async () => {
    // rlt-categories: Zephyr has no inspection, and category D's "(OFSTED rating Requires Improvement or below.)" cannot be ruled out.
    const result = await runInProcess([
      'explain',
      '100025',
      'fixtures/schools.csv',
      '--preset',
      'rlt-categories',
      ...asOf,
      '--format',
      'table',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Zephyr Free School (URN 100025): needs data (ofsted_overall)');
    expect(result.stdout).toContain(
      'Ofsted overall effectiveness is Requires improvement or Inadequate: needs ofsted_overall',
    );
    expect(result.stdout).toContain('yes  leadership capacity is needs-support\n');
  });
  it('an unknown URN is a usage error', async () => {
    const result = await runInProcess(['explain', '999999', 'fixtures/schools.csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('sit: URN 999999 is not in fixtures/schools.csv (26 schools); check the number\n');
  });
});

describe('validate, presets, init', () => {
  it('validate says what it checked and lists unknown columns carried through', async () => {
    const result = await runInProcess(['validate', 'fixtures/schools.csv', '--preset', 'equals-categories', ...asOf]);
    expect(result.code).toBe(0);
    // Never OK while classify would leave a school unplaced: it says how many, and for what (issue 10).
    expect(result.stdout).toContain('data: fixtures/schools.csv: utf-8, header on line 1, 26 schools\n');
    expect(result.stdout).toContain('1 need data');
    expect(result.stdout).toMatch(/needing data, by field:\n {4}ofsted_overall: 1 school needs it/);
    expect(result.stdout).toContain('columns carried through: local_authority, finance_concern');
  });
  it('validate reports every data problem and exits 65', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 's.csv'), 'urn,name,phase\n100001,A,primary\n100002,,infant\n100003,C,college\n');
    const result = await runInProcess(['validate', join(dir, 's.csv')]);
    expect(result.code).toBe(65);
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
  });
  it('presets lists the six presets', async () => {
    const result = await runInProcess(['presets', '--format', 'json']);
    expect(JSON.parse(result.stdout).map((p: { preset: string }) => p.preset)).toEqual([
      'dfe-tsio-2023',
      'four-tier',
      'rlt-categories',
      'equals-categories',
      'ult-core-second-tier',
      'rise-2025',
    ]);
  });
  it('init writes trust.config.yaml from a preset and refuses to overwrite it', async () => {
    const dir = tmp();
    const first = await runInProcess(['init', '--preset', 'four-tier'], { cwd: dir });
    expect(first.code).toBe(0);
    const text = readFileSync(join(dir, 'trust.config.yaml'), 'utf8');
    expect(text).toContain('id: four-tier');
    expect(text).toContain('# The source describes its tiers in words'); // the preset's comments are kept for editing
    expect((await runInProcess(['init', '--preset', 'rlt-categories'], { cwd: dir })).code).toBe(73);
    expect((await runInProcess(['init', '--preset', 'rlt-categories', '--force'], { cwd: dir })).code).toBe(0);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'schools.csv'), readFileSync(`${FIXTURES}/schools.csv`));
    const classified = await runInProcess(['classify', 'schools.csv', ...asOf, '--format', 'json'], {
      cwd: join(dir, 'sub'),
    }); // found from the folder above
    expect(JSON.parse(classified.stdout)[0].tier).toBe('A');
  });
  it('init never prompts without a terminal: it asks for --preset', async () => {
    const dir = tmp();
    const result = await runInProcess(['init'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('sit: name the preset to start from: sit init --preset NAME (see sit presets)\n');
    expect(existsSync(join(dir, 'trust.config.yaml'))).toBe(false);
  });
  it('--help has a worked example for each command, and --version answers', async () => {
    for (const cmd of ['classify', 'explain', 'validate', 'presets', 'init']) {
      const result = await runInProcess([cmd, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Examples:\n\s+sit /);
    }
    // The built binary answers --version before loading the program (src/main.ts).
    expect(runSit(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
