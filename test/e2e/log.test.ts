// sit log and sit log add on the fixtures: the committed example log listed in every format, the
// usage and data errors, the prompts in a terminal, and two real processes appending at once.
import { screen } from '@inquirer/testing/vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { readLog } from '../../src/io/log-file.js';
// @ts-expect-error: a plain .mjs module of the build, with no type declarations
import { shared } from '../../scripts/esbuild-options.mjs';
import { FIXTURES, ROOT, runInProcess, runSitAsync, runSit } from '../helpers/run-sit.js';
import { expectedCases, expectedOutput } from '../helpers/expected-cases.js';

const CONFIG = ['--config', `${FIXTURES}/trust.config.yaml`];
const tmp = () => mkdtempSync(join(tmpdir(), 'sit-log-e2e-'));
const ADD = ['--activity', 't3-school-wfap', '--date', '2027-01-12', '--days', '1', '--person', 'Sam Okafor'];

describe('sit log on the fixtures gives the committed output', () => {
  it.each(expectedCases('log-', 'delivery-').map((c) => [c.file, c] as const))('%s', (_, c) => {
    const result = runSit(c.args, { cwd: join(ROOT, c.cwd ?? '') });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expectedOutput(c));
  });

  it('lists in JSON, HTML and xlsx too, filtered by school and term', async () => {
    const json = await runInProcess([
      'log',
      '--log',
      `${FIXTURES}/visit-log.csv`,
      '--school',
      '100001',
      '--format',
      'json',
      ...CONFIG,
    ]);
    const entries = JSON.parse(json.stdout);
    expect(entries.map((e: { date: string; term: number }) => [e.date, e.term])).toEqual([
      ['2026-09-04', 1],
      ['2026-09-07', 1],
      ['2026-11-02', 2],
      ['2026-11-10', 2],
      ['2027-01-05', 3],
    ]);
    expect(entries[0]).toMatchObject({
      urn: 100001,
      name: 'Ashgrove Primary School',
      activity: 't1-trust-review-day',
      person: 'Jordan Hale',
      days: 1,
      outcome: 'Lines of enquiry agreed',
      notes: null,
      line: 2,
    });
    const html = await runInProcess([
      'log',
      '--log',
      `${FIXTURES}/visit-log.csv`,
      '--term',
      '2',
      '--format',
      'html',
      ...CONFIG,
    ]);
    expect(html.stdout).toContain('<th');
    expect(html.stdout).toContain('Safeguarding review (bespoke)');
    const dir = tmp();
    const xlsx = await runInProcess([
      'log',
      '--log',
      `${FIXTURES}/visit-log.csv`,
      '-o',
      join(dir, 'log.xlsx'),
      ...CONFIG,
    ]);
    expect(xlsx.code).toBe(0);
    expect(readFileSync(join(dir, 'log.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('a bad entry is bad input (65), one line naming file, line and column; no log is a usage error (2)', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'log.csv'),
      'date,urn,activity,person,days\n2027-01-12,100004,x,Sam,1\n2027-01-32,100004,x,Sam,1\n',
    );
    const bad = await runInProcess(['log', '--log', 'log.csv', ...CONFIG], { cwd: dir });
    expect(bad.code).toBe(65);
    expect(bad.stderr).toBe(
      'sit: log.csv:3: column "date": expected a date as YYYY-MM-DD or DD/MM/YYYY (day first) (this is not a real date)\n',
    );
    const none = await runInProcess(['log', ...CONFIG], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('sit: no visit log: give --log FILE, or set "log: visit-log.csv" in trust.config.yaml\n');
  });
});

describe('sit log add', () => {
  it('appends an entry the way a script gives it; the person is spelt as in capacity:', async () => {
    const dir = tmp();
    const result = await runInProcess(
      [
        'log',
        'add',
        '--log',
        'log.csv',
        '--school',
        '100004',
        ...ADD.slice(0, -1),
        'sam okafor',
        '--outcome',
        'WFAP agreed',
        '--as-of',
        '2027-02-01',
        ...CONFIG,
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'added to log.csv: 2027-01-12 100004 Dunmore Primary School, t3-school-wfap, Sam Okafor, 1 day (1 entry)\n',
    );
    expect(readFileSync(join(dir, 'log.csv'), 'utf8')).toBe(
      'date,urn,activity,person,days,outcome,notes\r\n2027-01-12,100004,t3-school-wfap,Sam Okafor,1,WFAP agreed,\r\n',
    );
  });

  it('names the school only when it knows it: no data, the URN alone', async () => {
    const dir = tmp();
    const args = ['log', 'add', '--log', 'log.csv', '--school', '100004', ...ADD, '--preset', 'rlt-categories'];
    const result = await runInProcess([...args, '--as-of', '2027-02-01'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      'added to log.csv: 2027-01-12 100004, t3-school-wfap, Sam Okafor, 1 day (1 entry)\n',
    );
  });

  it('without a terminal, missing flags are a usage error naming them (2); a wrong URN or a future date too', async () => {
    const dir = tmp();
    const missing = await runInProcess(['log', 'add', '--log', 'log.csv', '--school', '100004', ...CONFIG], {
      cwd: dir,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'sit: missing --activity, --date, --days, --person: give them, or run sit log add in a terminal to be asked\n',
    );
    const urn = await runInProcess(
      ['log', 'add', '--log', 'log.csv', '--school', '999999', ...ADD, '--as-of', '2027-02-01', ...CONFIG],
      { cwd: dir },
    );
    expect(urn.code).toBe(2);
    expect(urn.stderr).toBe(
      'sit: --school 999999: no school with that URN in the data file (schools: in trust.config.yaml)\n',
    );
    const future = await runInProcess(
      ['log', 'add', '--log', 'log.csv', '--school', '100004', ...ADD, '--as-of', '2027-01-11', ...CONFIG],
      { cwd: dir },
    );
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('--date 2027-01-12: is after 2027-01-11');
  });

  it('free text and a person outside capacity: are logged, and said so', async () => {
    const dir = tmp();
    const result = await runInProcess(
      [
        'log',
        'add',
        '--log',
        'log.csv',
        '--school',
        '100004',
        '--activity',
        'Phone call',
        '--date',
        '2027-01-12',
        '--days',
        '0.5',
        '--person',
        'Visiting SLE',
        '--as-of',
        '2027-02-01',
        ...CONFIG,
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning: Visiting SLE is not in capacity: in trust.config.yaml; logged as given');
    expect(result.stderr).toContain(
      'note: "Phone call" is not an activity of the policy: logged as free text (it marks no planned event)',
    );
  });

  it('in a terminal, asks for what the flags leave out; Ctrl-C exits 130 and adds nothing', async () => {
    const dir = tmp();
    const run = runInProcess(['log', 'add', '--log', 'log.csv', '--as-of', '2027-02-01', ...CONFIG], {
      cwd: dir,
      tty: true,
    });
    await screen.next();
    expect(screen.getScreen()).toContain('Which school?');
    screen.type('dunm');
    await screen.next();
    expect(screen.getScreen()).toContain('Dunmore Primary School (100004)');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Which activity?');
    screen.type('t3-school');
    await screen.next();
    screen.keypress('enter');
    for (const [question, keys] of [
      ['Date of the visit', null],
      ['Days of time', null],
    ] as const) {
      await screen.next();
      expect(screen.getScreen()).toContain(question);
      if (keys) screen.type(keys);
      screen.keypress('enter');
    }
    await screen.next();
    expect(screen.getScreen()).toContain('Who visited?');
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('enter'); // Sam Okafor, third in capacity:
    await screen.next();
    expect(screen.getScreen()).toContain('Outcome');
    screen.type('WFAP agreed');
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter');
    const result = await run;
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'log.csv'), 'utf8')).toBe(
      'date,urn,activity,person,days,outcome,notes\r\n2027-02-01,100004,t3-school-wfap,Sam Okafor,1,WFAP agreed,\r\n',
    );

    const stopped = runInProcess(['log', 'add', '--log', 'log.csv', '--school', '100004', ...CONFIG], {
      cwd: dir,
      tty: true,
    });
    await screen.next();
    expect(screen.getScreen()).toContain('Which activity?');
    screen.keypress({ name: 'c', ctrl: true });
    const interrupted = await stopped;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toBe('sit: interrupted: nothing was written\n');
    expect(readFileSync(join(dir, 'log.csv'), 'utf8').split('\n')).toHaveLength(3);
  });

  it('two sit log add processes at once both land, whole', async () => {
    const dir = tmp();
    copyFileSync(`${FIXTURES}/visit-log.csv`, join(dir, 'log.csv'));
    const before = readFileSync(join(dir, 'log.csv'), 'utf8');
    const results = await Promise.all(
      ['a', 'b'].map((who) =>
        runSitAsync(
          [
            'log',
            'add',
            '--log',
            'log.csv',
            '--school',
            '100004',
            ...ADD,
            '--notes',
            who,
            '--as-of',
            '2027-02-01',
            '--quiet',
            ...CONFIG,
          ],
          { cwd: dir },
        ),
      ),
    );
    for (const r of results) expect(r).toMatchObject({ code: 0, stderr: '' });
    const added = readFileSync(join(dir, 'log.csv'), 'utf8').slice(before.length).trimEnd().split('\n').sort();
    expect(added).toEqual([
      '2027-01-12,100004,t3-school-wfap,Sam Okafor,1,,a',
      '2027-01-12,100004,t3-school-wfap,Sam Okafor,1,,b',
    ]);
  });

  it('two processes appending forty entries each at once: all eighty land, once each, whole', async () => {
    // The worker calls the same appendLogEntry as sit log add, bundled as the build bundles sit.
    const dir = tmp();
    const worker = join(dir, 'worker.mjs');
    await build({
      ...shared,
      entryPoints: [`${ROOT}test/helpers/log-append-worker.ts`],
      format: 'esm',
      outfile: worker,
      logLevel: 'warning',
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    const log = join(dir, 'log.csv');
    const run = (who: string, other: string) =>
      new Promise<number | null>((resolve) =>
        spawn(process.execPath, [worker, log, who, other, '40'], { stdio: 'inherit' }).on('close', resolve),
      );
    expect(await Promise.all([run('a', 'b'), run('b', 'a')])).toEqual([0, 0]);
    const { entries } = await readLog(log, process.stdin);
    const notes = entries.map((e) => e.notes).sort();
    const expected = ['a', 'b'].flatMap((who) => Array.from({ length: 40 }, (_, i) => `${who}${i}, "quoted"`)).sort();
    expect(notes).toEqual(expected);
    expect(existsSync(`${log}.lock`)).toBe(false);
  });
});
