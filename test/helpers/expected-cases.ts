// The cases of fixtures/expected/cases.json: a command run on the fixtures and the file holding
// what it writes (scripts/update-expected.mjs writes them).
import { readFileSync } from 'node:fs';
import { FIXTURES } from './run-sit.js';

export interface ExpectedCase {
  file: string;
  args: string[];
  cwd?: string;
  code?: number;
}

/** The cases whose file names start with one of `prefixes`. */
export function expectedCases(...prefixes: string[]): ExpectedCase[] {
  const cases: ExpectedCase[] = JSON.parse(readFileSync(`${FIXTURES}/expected/cases.json`, 'utf8'));
  return cases.filter((c) => prefixes.some((p) => c.file.startsWith(p)));
}

/** The committed output of a case. */
export const expectedOutput = (c: ExpectedCase): string => readFileSync(`${FIXTURES}/expected/${c.file}`, 'utf8');
