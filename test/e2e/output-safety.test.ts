// Output safety (issue 15, README "Output safety"): -o replaces only a regular file, refuses at
// the moment of writing when another run took the name, keeps a replaced file's mode, leaves no
// temporary file behind on SIGINT/SIGTERM/SIGHUP; closed or failing standard streams end with a
// documented code and one line; zips are the same bytes in any time zone. No test here depends on
// timing: writers are held at the moment of writing by the test-only SIT_TEST_PAUSE_FIFO hook.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync, type StdioOptions } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, ROOT, runInProcess, runSitAsync } from '../helpers/run-sit.js';

const AS_OF = ['--as-of', '2026-09-01'];
const SCHOOLS = join(FIXTURES, 'schools.csv');
const CLASSIFY = ['classify', SCHOOLS, '--preset', 'rlt-categories', ...AS_OF];

interface Child {
  pid: number;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** The built sit in a child process, with its own environment and standard streams. */
function start(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; stdio?: StdioOptions } = {},
): Child {
  const child = spawn(process.execPath, [join(ROOT, 'bin/sit.js'), ...args], {
    cwd: options.cwd ?? FIXTURES,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve) => {
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    },
  );
  return { pid: child.pid!, done };
}

const fresh = () => mkdtempSync(join(tmpdir(), 'sit-out-'));
function fifo(dir: string, name: string): string {
  const path = join(dir, name);
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  return path;
}
const temps = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('-o replaces only a regular file', () => {
  it('refuses a FIFO, a device and a folder (73), with --force too, and writes nothing there', async () => {
    const dir = fresh();
    const pipe = fifo(dir, 'pipe.csv');
    for (const target of [pipe, '/dev/null', '/dev/full', dir]) {
      const result = await runInProcess([...CLASSIFY, '-o', target, '--force'], { cwd: dir });
      expect(result.code, result.stderr).toBe(73);
      expect(result.stderr).toMatch(/is (a pipe \(FIFO\)|a device|a folder)/);
      expect(
        result.stderr
          .trim()
          .split('\n')
          .filter((l) => l.startsWith('sit: ')),
      ).toHaveLength(1);
    }
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(temps(dir)).toEqual([]);
  });

  it('-o - and -o /dev/stdout write to standard output', async () => {
    // Through the built binary: in process, /dev/stdout would be the test runner's own output.
    const plain = await runInProcess([...CLASSIFY, '--format', 'csv']);
    const targets = ['-', '/dev/stdout'];
    const results = await Promise.all(targets.map((t) => runSitAsync([...CLASSIFY, '--format', 'csv', '-o', t])));
    for (const result of results) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(plain.stdout);
    }
  });

  it('-o FOLDER/ (a missing folder, with a trailing slash) is refused, not written as a file', async () => {
    const dir = fresh();
    const result = await runInProcess([...CLASSIFY, '-o', 'newdir/'], { cwd: dir });
    expect(result.code).toBe(73);
    expect(result.stderr).toContain('newdir/: names a folder');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a legal 250-character file name is written (the temporary name is short)', async () => {
    const dir = fresh();
    const name = `${'a'.repeat(246)}.csv`;
    const result = await runInProcess([...CLASSIFY, '-o', name], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual([name]);
  });

  it('--force keeps the mode of the file it replaces (a private file stays private)', async () => {
    const dir = fresh();
    const target = join(dir, 'private.csv');
    writeFileSync(target, 'old\n');
    chmodSync(target, 0o600);
    const result = await runInProcess([...CLASSIFY, '-o', target, '--force'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readFileSync(target, 'utf8')).toContain('urn');
  });
});

describe('two runs writing the same -o at once', () => {
  it('exactly one wins; the other is refused (73) at the moment of writing and nothing is lost', async () => {
    const dir = fresh();
    const [pauseA, pauseB] = [fifo(dir, 'a.pause'), fifo(dir, 'b.pause')];
    const out = join(dir, 'tiers.csv');
    const a = start([...CLASSIFY, '--format', 'csv', '-o', out], { env: { SIT_TEST_PAUSE_FIFO: pauseA } });
    const b = start([...CLASSIFY, '--format', 'json', '-o', out], { env: { SIT_TEST_PAUSE_FIFO: pauseB } });
    // Opening a FIFO to write waits for its reader: each writer is then at the moment of writing,
    // its result complete in its temporary file, and both passed the check made at the start.
    const holdA = await open(pauseA, 'w');
    const holdB = await open(pauseB, 'w');
    expect(existsSync(out)).toBe(false);
    expect(temps(dir)).toHaveLength(2);
    await holdA.close();
    const ra = await a.done;
    await holdB.close();
    const rb = await b.done;
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(73);
    expect(rb.stderr).toContain('already exists');
    // The first result is whole and was not replaced by the second.
    expect(readFileSync(out, 'utf8').replace(/^\uFEFF/, '')).toBe(
      (await runInProcess([...CLASSIFY, '--format', 'csv'])).stdout,
    );
    expect(temps(dir)).toEqual([]);
  });
});

describe('an interrupted write leaves no temporary file', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} while the result is being put in place`, async () => {
      const dir = fresh();
      const pause = fifo(dir, 'run.pause');
      writeFileSync(join(dir, 'tiers.csv'), 'the old result\n');
      const run = start([...CLASSIFY, '-o', join(dir, 'tiers.csv'), '--force'], {
        env: { SIT_TEST_PAUSE_FIFO: pause },
      });
      const hold = await open(pause, 'w');
      expect(temps(dir)).toHaveLength(1);
      process.kill(run.pid, signal);
      const result = await run.done;
      await hold.close();
      expect(result.signal).toBe(signal);
      expect(temps(dir)).toEqual([]);
      expect(readFileSync(join(dir, 'tiers.csv'), 'utf8')).toBe('the old result\n');
    });
  }
});

describe('standard output and standard error that fail', () => {
  /** A pipe whose reader has gone: every write to it fails with EPIPE, with no race. */
  function closedPipe(): number {
    const path = fifo(fresh(), 'closed');
    const reader = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(path, constants.O_WRONLY);
    closeSync(reader);
    return writer;
  }

  for (const args of [
    ['help', 'classify'],
    ['calendar', SCHOOLS, '--year', '--preset', 'rlt-categories', ...AS_OF, '--format', 'csv'],
  ]) {
    it(`a closed pipe ends quietly with exit 0: sit ${args.slice(0, 2).join(' ')}`, async () => {
      const fd = closedPipe();
      const result = await start(args, { stdio: ['ignore', fd, 'pipe'] }).done;
      closeSync(fd);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(result.stderr).not.toContain('EPIPE');
    });
  }

  it('a full standard output (/dev/full) is exit 73 with one line', async () => {
    const fd = openSync('/dev/full', 'w');
    const result = await start(['presets'], { stdio: ['ignore', fd, 'pipe'] }).done;
    closeSync(fd);
    expect(result.code).toBe(73);
    expect(result.stderr).toBe('sit: standard output: cannot be written (the disk is full)\n');
  });

  it('a failing standard error does not change the exit code', async () => {
    const fd = openSync('/dev/full', 'w');
    const ok = await start(['classify', SCHOOLS, '--preset', 'rlt-categories', ...AS_OF, '--format', 'csv'], {
      stdio: ['ignore', 'pipe', fd],
    }).done;
    const missing = await start(['classify', 'no-such.csv', ...AS_OF], { stdio: ['ignore', 'pipe', fd] }).done;
    closeSync(fd);
    expect(ok.code).toBe(0);
    expect(missing.code).toBe(66);
  });
});

describe('zips are the same bytes in any time zone', () => {
  it('Word and Excel outputs from New York and Tokyo are identical', async () => {
    const dir = fresh();
    const zones = ['America/New_York', 'Asia/Tokyo'];
    const file = (tz: string, ext: string) => join(dir, `${tz.replace('/', '-')}.${ext}`);
    const WFAP = ['wfap', 'new', '--school', '100004', '--data', 'schools.csv', '--yes', '--preset', 'rlt-categories'];
    // The four runs side by side: each has its own process, so its own time zone.
    const runs = await Promise.all(
      zones.flatMap((tz) => [
        start([...WFAP, ...AS_OF, '-o', file(tz, 'docx')], { env: { TZ: tz } }).done,
        start([...CLASSIFY, '-o', file(tz, 'xlsx')], { env: { TZ: tz } }).done,
      ]),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const outputs = {
      docx: zones.map((tz) => readFileSync(file(tz, 'docx'))),
      xlsx: zones.map((tz) => readFileSync(file(tz, 'xlsx'))),
    };
    expect(outputs.docx[0].equals(outputs.docx[1])).toBe(true);
    expect(outputs.xlsx[0].equals(outputs.xlsx[1])).toBe(true);
  });
});
