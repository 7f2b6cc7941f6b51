// Property tests (issue 7): generated data files and policies never crash a command (only the
// exit codes of SPEC section 4), classification is deterministic and independent of row order,
// and the fast paths agree with their references (checkRow with the zod row schema, csvField
// with csv-stringify, the streaming classify with the in-memory one).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { FIELDS } from '../../src/core/fields.js';
import { checkRow } from '../../src/core/school.js';
import { checkRowWithSchema } from '../../src/core/school-schema.js';
import { csvField } from '../../src/io/formats/csv.js';
import { runInProcess } from '../helpers/run-sit.js';

const DOCUMENTED = [0, 2, 65, 66, 73, 78];
const work = mkdtempSync(join(tmpdir(), 'sit-prop-'));
let n = 0;
const file = (name: string, text: string) => {
  const path = join(work, `${n++}-${name}`);
  writeFileSync(path, text);
  return path;
};

/** Strings people and spreadsheets put in cells: formulas, markup, quotes, separators, odd Unicode. */
const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '=1+1',
    '+SUM(A1)',
    '-2',
    '@cmd',
    '\tTab',
    '\rCR',
    '<script>alert(1)</script>',
    '"quoted"',
    'a,b;c\td',
    'NULL',
    'SUPP',
    '9',
    'RI',
    '31/02/2023',
    '02/25/2023',
    '101',
    '-0.5',
    '1e999',
    'ﾠ',
    '\u202Eevil',
    '𝟙𝟘𝟘𝟘𝟘𝟙',
    '١٠٠٠٠١',
    '\uFEFFurn',
    '2,8',
    '\u001b[2J',
    '\u001b]0;x\u0007',
    '\u200b100001',
    '\u001a',
    '1e309',
    '1e5',
    '01/02/99',
    '0100-01-01',
    '2099-01-01',
  ),
  fc.string({ minLength: 2000, maxLength: 6000 }),
);
/** Values that parse, so that rows often make a valid file. */
const plausible: Record<string, fc.Arbitrary<string>> = {
  urn: fc.integer({ min: 100000, max: 999999 }).map(String),
  ofsted_overall: fc.constantFrom(
    'Outstanding',
    'Good',
    'Requires improvement',
    'Inadequate',
    'RI',
    '2',
    '',
    'Not judged',
  ),
  previous_ofsted_overall: fc.constantFrom('Outstanding', 'Good', 'RI', 'Inadequate', ''),
  ofsted_date: fc.constantFrom('2023-11-10', '10/11/2023', '2019-05-01', ''),
  leadership_capacity: fc.constantFrom('supports-others', 'self-improving', 'needs-support', 'insufficient', ''),
  headteacher_start: fc.constantFrom('2015-09-01', '01/09/2025', ''),
  attendance_pct: fc.constantFrom('95.2', '88', '', 'SUPP'),
  phase: fc.constantFrom('primary', 'secondary', 'special', ''),
  trust: fc.constantFrom('North Trust', 'South Trust', ''),
};
// Own keys only: an extra column may be called "constructor" (an inherited property of every object).
const cellFor = (field: string) =>
  Object.hasOwn(plausible, field)
    ? fc.oneof({ weight: 4, arbitrary: plausible[field] }, { weight: 1, arbitrary: hostile })
    : hostile;

/** A CSV file: some canonical fields and extra columns in a random order, 0-8 rows. */
const csvFile = fc
  .tuple(
    fc.shuffledSubarray(
      FIELDS.map((f) => f.name),
      { minLength: 0, maxLength: 12 },
    ),
    fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
    fc.boolean(),
    fc.boolean(),
  )
  .chain(([fields, extras, withUrn, twice]) => {
    const headers = [...new Set([...(withUrn ? ['urn', 'name'] : []), ...fields, ...extras])].sort(() => 0);
    // A column given twice, once in capitals with spaces (issue 15: a data error naming both).
    if (twice && fields.length) headers.push(fields[0].replace(/_/g, ' ').toUpperCase());
    return fc.tuple(
      fc.constant(headers),
      fc.array(fc.tuple(...headers.map(cellFor)), { maxLength: 8 }),
      fc.constantFrom('\n', '\r\n'),
      fc.constantFrom(',', ';', '\t'),
    );
  })
  .map(([headers, rows, eol, delimiter]) => stringify([headers, ...rows], { record_delimiter: eol, delimiter }));

const COMMANDS: ((path: string) => string[])[] = [
  (p) => ['classify', p, '--format', 'json'],
  (p) => ['classify', p, '--format', 'md', '--preset', 'dfe-tsio-2023'],
  (p) => ['validate', p, '--preset', 'four-tier'],
  (p) => ['explain', '100001', p],
  (p) => ['budget', p, '--format', 'json'],
  (p) => ['calendar', p, '--term', '2', '--format', 'csv'],
  (p) => ['report', p, '--format', 'md'],
  (p) => ['diff', p, p, '--format', 'csv'],
];

describe('generated data never crashes a command', () => {
  it('only documented exit codes, and no internal error', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, fc.integer({ min: 0, max: COMMANDS.length - 1 }), async (text, which) => {
        const args = [...COMMANDS[which](file('data.csv', text)), '--as-of', '2026-09-01'];
        const result = await runInProcess(args, { cwd: work });
        expect(DOCUMENTED, `${args.join(' ')}\n${result.stderr}`).toContain(result.code);
        expect(result.stderr).not.toContain('internal error');
      }),
      { numRuns: 40 },
    );
  });
});

/** A policy with hostile ids, labels and rules over random fields. */
const leaf = fc
  .record({
    field: fc.oneof(fc.constantFrom(...FIELDS.map((f) => f.name)), fc.string({ maxLength: 10 })),
    test: fc.oneof(
      fc.record({ is: fc.oneof(fc.string(), fc.integer(), fc.boolean()) }),
      fc.record({ in: fc.array(fc.oneof(fc.string(), fc.double({ noNaN: true })), { maxLength: 3 }) }),
      fc.record({ lt: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant('$nope')) }),
      fc.record({ present: fc.boolean() }),
      fc.record({ in_academic_year: fc.constantFrom('current', '2023/24', 'last year') }),
    ),
    if_blank: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(({ field, test, if_blank }) => ({ field, ...test, ...(if_blank === undefined ? {} : { if_blank }) }));
const condition = fc.oneof(
  leaf,
  fc.record({ all: fc.array(leaf, { minLength: 1, maxLength: 3 }) }),
  fc.record({ any: fc.array(leaf, { minLength: 1, maxLength: 3 }) }),
  fc.record({ not: leaf }),
);
const policy = fc
  .record({
    id: fc.oneof(fc.string({ minLength: 1 }), fc.constant('mine')),
    name: hostile,
    tiers: fc.array(
      fc.record({
        id: fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.integer()),
        label: hostile,
        level: fc.integer({ min: 0, max: 5 }),
        days: fc.oneof(fc.integer({ min: -1, max: 20 }), fc.record({ up_to: fc.nat(20) })),
        rules: fc.array(fc.record({ name: hostile, when: condition }), { minLength: 1, maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    extra: fc.option(fc.dictionary(fc.string({ maxLength: 6 }), fc.string()), { nil: undefined }),
  })
  .map(({ id, name, tiers, extra }) => {
    const last = { id: 'rest', label: 'The rest', level: 0, days: 1, default: true };
    return { id, name, tiers: [...tiers, last], ...(extra ?? {}) };
  });

describe('generated policies never crash classify', () => {
  it('only documented exit codes, and no internal error', async () => {
    const data = file(
      'schools.csv',
      'urn,name,ofsted_overall,attendance_pct,phase,trust\n100001,A,Good,95,primary,T\n100002,B,RI,,secondary,T\n100003,C,,90,,\n',
    );
    await fc.assert(
      fc.asyncProperty(policy, async (p) => {
        const config = file('policy.yaml', JSON.stringify(p));
        const result = await runInProcess(
          ['classify', data, '--config', config, '--as-of', '2026-09-01', '--format', 'json'],
          { cwd: work },
        );
        expect(DOCUMENTED, result.stderr).toContain(result.code);
        expect(result.stderr).not.toContain('internal error');
      }),
      { numRuns: 40 },
    );
  });
});

/** Rows that always make a valid file: distinct URNs, parseable values. */
const validRows = fc
  .uniqueArray(fc.integer({ min: 100000, max: 999999 }), { minLength: 1, maxLength: 25 })
  .chain((urns) =>
    fc.tuple(
      ...urns.map((urn) =>
        fc.record({
          urn: fc.constant(String(urn)),
          name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
          ...Object.fromEntries(Object.entries(plausible).filter(([k]) => k !== 'urn')),
        }),
      ),
    ),
  );
const HEADER = ['urn', 'name', ...Object.keys(plausible).filter((k) => k !== 'urn')];
const toCsvText = (rows: Record<string, string>[]) => stringify([HEADER, ...rows.map((r) => HEADER.map((h) => r[h]))]);

describe('classification is deterministic and independent of row order', () => {
  it('the same file twice gives the same bytes; shuffled rows give the same placements', async () => {
    await fc.assert(
      fc.asyncProperty(
        validRows,
        fc.constantFrom('rlt-categories', 'dfe-tsio-2023', 'four-tier', 'equals-categories', 'rise-2025'),
        fc.integer(),
        async (rows, preset, seed) => {
          const args = (p: string) => ['classify', p, '--preset', preset, '--as-of', '2026-09-01', '--format', 'json'];
          const path = file('valid.csv', toCsvText(rows));
          const first = await runInProcess(args(path), { cwd: work });
          const again = await runInProcess(args(path), { cwd: work });
          expect(first.code, first.stderr).toBe(0);
          expect(again.stdout).toBe(first.stdout);
          const shuffled = [...rows].sort(
            (a, b) => ((Number(a.urn) * 7919 + seed) % 1000) - ((Number(b.urn) * 7919 + seed) % 1000),
          );
          const other = await runInProcess(args(file('shuffled.csv', toCsvText(shuffled))), { cwd: work });
          const byUrn = (out: string) => (JSON.parse(out) as { urn: number }[]).sort((a, b) => a.urn - b.urn);
          expect(byUrn(other.stdout)).toEqual(byUrn(first.stdout));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('fast paths agree with their references', () => {
  it('checkRow gives the records and problems of the zod row schema', () => {
    const input = fc.dictionary(
      fc.constantFrom(...FIELDS.map((f) => f.name)),
      fc.oneof(hostile, ...Object.values(plausible), fc.constantFrom('C', 'yes', 'Met', 'SM', '2023', '3')),
    );
    fc.assert(
      fc.property(input, (cells) => {
        expect(checkRow((field) => cells[field])).toEqual(checkRowWithSchema(cells));
      }),
      { numRuns: 500 },
    );
  });

  // csv-stringify 6.9 leaves a lone \n or \r unquoted when records end in \r\n, which splits the
  // row in Excel; csvField quotes every line break. Otherwise the two write the same bytes, and
  // what csvField writes reads back as the same cells.
  it('csvField writes a field as csv-stringify does, and quotes every line break', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(hostile, fc.constantFrom('', '"', ',', '\n', '\r\n', 'a"b', 'x\ny')), { minLength: 1 }),
        (cells) => {
          const ours = `${cells.map(csvField).join(',')}\r\n`;
          if (!cells.some((c) => /[\r\n]/.test(c))) expect(ours).toBe(stringify([cells], { record_delimiter: '\r\n' }));
          const back = parse(ours, { relax_column_count: true }) as string[][];
          if (cells.length > 1 || cells[0] !== '') expect(back).toEqual([cells]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
