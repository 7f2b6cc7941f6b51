// Every test file that mocks a module is one of the isolated ones (test/helpers/isolated-tests.ts):
// unisolated, its mock would leak into the next files its worker runs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISOLATED_TESTS } from '../helpers/isolated-tests.js';
import { ROOT } from '../helpers/run-sit.js';

const MOCKS = /\bvi\.(?:mock|doMock|unmock|doUnmock|hoisted)\(|['"]@inquirer\/testing\/vitest['"]/;
const files = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `test/${f}`);

describe('test isolation', () => {
  it('isolates every test file that mocks a module', () => {
    const mocking = files.filter((f) => MOCKS.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(mocking.length).toBeGreaterThan(0);
    expect(mocking.filter((f) => !(f in ISOLATED_TESTS))).toEqual([]);
  });

  it('lists only test files that exist, each with its reason', () => {
    for (const [file, reason] of Object.entries(ISOLATED_TESTS)) {
      expect(files).toContain(file);
      expect(reason.length).toBeGreaterThan(10);
    }
  });
});
