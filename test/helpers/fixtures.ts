// The shipped fixture schools and presets, loaded the way the CLI loads them, for core tests.
import { readFileSync } from 'node:fs';
import { decode } from '../../src/io/read-text.js';
import { readCsvTable } from '../../src/io/read-table.js';
import { isHeaderRow, toSchools, type SchoolRecord } from '../../src/core/school.js';
import { loadConfig } from '../../src/io/config.js';
import type { Policy } from '../../src/core/policy.js';
import { FIXTURES } from './run-sit.js';

export function fixtureSchools(file = 'schools.csv'): SchoolRecord[] {
  const source = decode(readFileSync(`${FIXTURES}/${file}`), file);
  const table = readCsvTable(source, isHeaderRow);
  const { schools, problems } = toSchools(table.headers, table.rows);
  if (problems.length) throw new Error(`fixture problems: ${JSON.stringify(problems)}`);
  return schools;
}

export function presetPolicy(name: string): Policy {
  return loadConfig({ cwd: '/', preset: name, config: undefined }).policy;
}
