// The bad-input corpus (issue 7, SPEC section 4): every case in test/bad-inputs/cases.yaml runs in
// a fresh copy of the folder, and must exit with its documented code, say where and what in one
// line per problem, and never show a stack trace. The cases run in process through run(), the
// same boundary the binary uses; a handful, one for each exit code, also run through the built
// binary (or $SIT_BIN), which is what a user runs.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, runInProcess, runSitAsync, type SitResult } from '../helpers/run-sit.js';

interface Case {
  name: string;
  args: string[];
  code: number;
  message: string;
  located?: boolean;
  lines?: number;
  setup?: Record<string, string>;
}

const CORPUS = join(ROOT, 'test/bad-inputs');
const cases = parse(readFileSync(join(CORPUS, 'cases.yaml'), 'utf8')) as Case[];
const TAKES_AS_OF = new Set(['classify', 'validate', 'explain', 'calendar', 'budget', 'diff', 'report', 'wfap']);
/** Through the binary as well: one case for each exit code, and standard input. */
const THROUGH_THE_BINARY = [
  'unknown option', // 2, from commander
  'many problems in one file', // 65, several lines
  'missing data file', // 66
  'output exists without --force', // 73
  'config: bad YAML', // 78
  'stdin: empty',
];

const work = mkdtempSync(join(tmpdir(), 'sit-bad-'));

async function check(c: Case, dir: string, runner: (args: string[], cwd: string) => Promise<SitResult>): Promise<void> {
  cpSync(CORPUS, dir, { recursive: true });
  for (const [file, text] of Object.entries(c.setup ?? {})) writeFileSync(join(dir, file), text);
  const args =
    TAKES_AS_OF.has(c.args[0]) && !c.args.includes('--as-of') ? [...c.args, '--as-of', '2026-09-01'] : c.args;
  const result = await runner(args, dir);
  const stderr = result.stderr.split(`${dir}/`).join('');
  expect(result.code, stderr).toBe(c.code);
  expect(stderr).toContain(c.message);
  expect(stderr).not.toMatch(/^\s{4}at /m);
  expect(stderr).not.toContain('internal error');
  const problems = stderr.split('\n').filter((l) => l.startsWith('sit: '));
  if (c.located) for (const line of problems) expect(line).toMatch(/^sit: \S.*?:\d+: /);
  if (c.lines !== undefined) expect(problems).toHaveLength(c.lines);
  // A person's mistake is one line each, never a page: every line of standard error is short.
  for (const line of stderr.split('\n')) expect(line.length).toBeLessThan(400);
  rmSync(dir, { recursive: true, force: true });
}

describe('bad-input corpus, in process', () => {
  it('has at least 60 cases, each with a distinct name', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) =>
    check(c, join(work, `in-${i}`), (args, cwd) => runInProcess(args, { cwd })),
  );
});

// The runs overlap (each waits on its own process).
describe.concurrent('bad-input corpus, through the built binary', () => {
  it('the chosen cases are in the corpus', () => {
    for (const name of THROUGH_THE_BINARY) expect(cases.map((c) => c.name)).toContain(name);
  });

  const chosen = cases.flatMap((c, i) => (THROUGH_THE_BINARY.includes(c.name) ? [[c.name, c, i] as const] : []));
  it.each(chosen)('%s', (_name, c, i) => check(c, join(work, `bin-${i}`), (args, cwd) => runSitAsync(args, { cwd })));
});

describe('sit validate --format', () => {
  it('takes text or json, as its help says, and refuses anything else as a usage error (2)', async () => {
    const result = await runInProcess(['validate', '--format', 'csv'], { cwd: join(ROOT, 'fixtures') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format csv: choose text or json');
    expect(result.stdout).toBe('');
  });
});
