// Schools from rows written as objects (column -> cell), as a data file with those columns would
// give them: for the core's tests, which place schools without reading a file. The rows must be
// valid: a problem fails the test.
import { expect } from 'vitest';
import { toSchools } from '../../src/core/school.js';

export function schools(rows: Record<string, string>[]) {
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const result = toSchools(
    headers,
    rows.map((r, i) => ({ line: i + 2, cells: headers.map((h) => r[h] ?? '') })),
  );
  expect(result.problems).toEqual([]);
  return result.schools;
}
