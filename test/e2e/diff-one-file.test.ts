// sit diff of one file named as both OLD and NEW reads it once and places each school as of both
// dates (issue 13): the same movements, problems and exit code as diffing it against a copy of
// itself, which reads each file as it streams.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runInProcess } from '../helpers/run-sit.js';

const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sit-diff-one-file-'));
  copyFileSync(join(FIXTURES, 'schools.csv'), join(dir, 'schools.csv'));
  copyFileSync(join(FIXTURES, 'schools.csv'), join(dir, 'copy.csv'));
  return dir;
};

describe('one file as both years', () => {
  const cases: [string, string[]][] = [
    ['a year apart', ['--as-of', '2026-09-01']],
    ['under a policy that counts the schools of each trust', ['--as-of', '2026-09-01', '--preset', 'dfe-tsio-2023']],
    ['three years apart', ['--as-of', '2026-09-01', '--old-as-of', '2023-09-01', '--preset', 'rlt-categories']],
  ];
  for (const [what, args] of cases)
    for (const format of ['json', 'csv'])
      it(`${what} (${format}): what diffing it against a copy gives`, async () => {
        const cwd = folder();
        const once = await runInProcess(['diff', 'schools.csv', 'schools.csv', ...args, '--format', format], { cwd });
        const twice = await runInProcess(['diff', 'copy.csv', 'schools.csv', ...args, '--format', format], { cwd });
        expect(once.code).toBe(twice.code);
        expect(once.stdout).toBe(twice.stdout);
        expect(once.stderr.replaceAll('copy.csv', 'schools.csv')).toBe(
          twice.stderr.replaceAll('copy.csv', 'schools.csv'),
        );
        if (what === 'a year apart') expect(once.code).toBe(0);
        if (format === 'json' && once.code === 0) expect(JSON.parse(once.stdout).movements.length).toBeGreaterThan(20);
      });

  it("OLD's problems as of its date, after NEW's, as two readings give them", async () => {
    const cwd = folder();
    const args = ['--as-of', '2026-09-01', '--old-as-of', '2019-01-01', '--format', 'csv'];
    const once = await runInProcess(['diff', 'schools.csv', 'schools.csv', ...args], { cwd });
    const twice = await runInProcess(['diff', 'copy.csv', 'schools.csv', ...args], { cwd });
    expect(once.code).toBe(65);
    expect(once.stdout).toBe('');
    expect(once.stderr).toMatch(/schools\.csv:\d+: column "ofsted_date": .* is after the as-of date 2019-01-01/);
    expect(once.stderr).toBe(twice.stderr.replaceAll('copy.csv', 'schools.csv'));
  });
});
