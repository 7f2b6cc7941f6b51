// classify writes CSV, JSON and Markdown as it reads (every file, every size: issue 13), byte for byte what
// reading every school and placing them at once writes, for every preset, on the fixtures, a
// published layout and generated files; and it reports every problem in a file, as validate does.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { classifyStream } from '../../src/io/classify-stream.js';
import { classify } from '../../src/core/classify.js';
import { toCsv } from '../../src/io/formats/csv.js';
import { markdownLines } from '../../src/io/formats/markdown.js';
import { contentText } from '../../src/io/output.js';
import { placementJson, placementsTable } from '../../src/io/placements.js';
import { readSchools } from '../../src/io/read-schools.js';
import { toJson } from '../../src/io/render.js';
import { loadConfig } from '../../src/io/config.js';
import { SitError } from '../../src/errors.js';
import { PRESETS } from '../../src/preset-texts.js';
import { FIXTURES, ROOT, runInProcess, runSit } from '../helpers/run-sit.js';
// @ts-expect-error: a plain script, no types
import { writeSchools } from '../../scripts/gen-schools.mjs';

const AS_OF = '2026-09-01';
const work = mkdtempSync(join(tmpdir(), 'sit-stream-'));

async function streamed(path: string, preset: string, format: string): Promise<string> {
  let out = '';
  const { policy } = loadConfig({ cwd: work, preset });
  await classifyStream({
    input: { path, display: path, stdin: null },
    policy,
    asOf: AS_OF,
    format,
    sink: { write: (s) => (out += typeof s === 'string' ? s : new TextDecoder().decode(s)) },
  });
  return out;
}

/** The reference: every school read, then placed at once by the core, then written whole. */
async function placedWhole(path: string, preset: string, format: string): Promise<{ code: number; stdout: string }> {
  const { policy } = loadConfig({ cwd: work, preset });
  try {
    const data = await readSchools(path, new PassThrough(), path);
    const result = classify(data.schools, policy, { asOf: AS_OF });
    if (result.problems.length) return { code: 65, stdout: '' };
    const stdout =
      format === 'json'
        ? toJson(result.placements.map((p) => placementJson(p)))
        : format === 'md'
          ? contentText(markdownLines(placementsTable(result.placements, policy, AS_OF, 'file')))
          : toCsv(placementsTable(result.placements, policy, AS_OF, 'file'));
    return { code: 0, stdout };
  } catch (error) {
    if (error instanceof SitError) return { code: error.exitCode, stdout: '' };
    throw error;
  }
}

describe('streaming classify gives the output of placing the whole file at once', async () => {
  const generated = join(work, 'generated.csv');
  await writeSchools(1500, generated);
  // CRLF, a BOM, semicolons and a quoted value with a line break, as Excel writes them.
  const excel = join(work, 'excel.csv');
  writeFileSync(
    excel,
    `\uFEFF${readFileSync(join(FIXTURES, 'schools.csv'), 'utf8').replace(/\r?\n/g, '\r\n').replace('Ashgrove Primary School', '"Ashgrove\r\nPrimary; ""School"""').replace(/,/g, ';')}`,
  );
  const files = [
    join(FIXTURES, 'schools.csv'),
    join(FIXTURES, 'schools-2025.csv'),
    join(FIXTURES, 'quirks/ofsted-cp1252.csv'),
    excel,
    generated,
  ];
  for (const file of files) {
    for (const preset of Object.keys(PRESETS)) {
      for (const format of ['csv', 'json', 'md']) {
        it(`${file.replace(ROOT, '').replace(work, '')} ${preset} ${format}`, async () => {
          const memory = await placedWhole(file, preset, format);
          let out: string;
          try {
            out = await streamed(file, preset, format);
          } catch (error) {
            expect(error).toBeInstanceOf(SitError);
            expect(memory.code).toBe((error as SitError).exitCode);
            return;
          }
          expect(memory.code).toBe(0);
          expect(out).toBe(memory.stdout);
        });
      }
    }
  }
});

describe('the built binary streams a large file', () => {
  it('gives the same bytes and summary as a run in process', async () => {
    const big = join(work, 'big.csv');
    await writeSchools(25_000, big); // about 5 MB
    const args = ['classify', big, '--preset', 'dfe-tsio-2023', '--as-of', AS_OF, '--format', 'csv'];
    const binary = runSit(args, { cwd: work });
    const memory = await runInProcess(args, { cwd: work });
    expect(binary.code, binary.stderr).toBe(0);
    expect(binary.stdout).toBe(memory.stdout);
    expect(binary.stderr).toBe(memory.stderr);
  });
});

describe('streaming reports every problem', () => {
  it('one line per problem, located, for a file with many', async () => {
    const path = join(ROOT, 'test/bad-inputs/many-problems.csv');
    let error: unknown;
    try {
      await streamed(path, 'rlt-categories', 'csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SitError);
    const lines = (error as SitError).lines;
    expect((error as SitError).exitCode).toBe(65);
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines) expect(line).toMatch(/many-problems\.csv:\d+: /);
    const memory = await runInProcess(
      ['validate', 'many-problems.csv', '--preset', 'rlt-categories', '--as-of', AS_OF],
      { cwd: join(ROOT, 'test/bad-inputs') },
    );
    expect(lines.map((l) => `sit: ${l.replace(`${ROOT}test/bad-inputs/`, '')}`)).toEqual(
      memory.stderr.trim().split('\n'),
    );
  });
});

describe('streaming a large file with an unclosed quote', () => {
  it('stops with the line of the quote, not after rescanning the rest of the file for each chunk', async () => {
    const path = join(work, 'unclosed.csv');
    await writeSchools(60_000, path); // about 12 MB
    const text = readFileSync(path, 'utf8').replace(/"/g, '').split('\n');
    text[2] = text[2].replace(',', ',"');
    writeFileSync(path, text.join('\n'));
    let message = '';
    try {
      await streamed(path, 'rlt-categories', 'csv');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.slice(0, 300)).toMatch(/unclosed\.csv:3: cannot read this CSV: a quoted value is never closed/);
  });
});

describe('a column with no header judged the pandas index by the first rows, and text further on', () => {
  /** Generated schools with the index pandas writes as a first column with no header; `edit` changes the rows. */
  async function indexed(name: string, n: number, edit: (rows: string[]) => void): Promise<string> {
    const plain = join(work, `${name}-plain.csv`);
    await writeSchools(n, plain);
    const [header, ...rows] = readFileSync(plain, 'utf8').trimEnd().split('\n');
    const lines = rows.map((row, i) => `${i},${row}`);
    edit(lines);
    const path = join(work, `${name}.csv`);
    writeFileSync(path, `,${header}\n${lines.join('\n')}\n`);
    return path;
  }

  it('the file is read again with the column kept, and no output is written twice', async () => {
    // 5,000 schools: more output than is held back before writing (1 MB).
    const index = await indexed('index', 5000, () => {});
    const voided = await indexed('voided', 5000, (rows) => {
      rows[4999] = rows[4999].replace(/^\d+,/, 'see note,');
    });
    const out = await streamed(voided, 'rlt-categories', 'csv');
    expect(out.length).toBeGreaterThan(1024 * 1024);
    expect(out).toBe(await streamed(index, 'rlt-categories', 'csv'));
  });

  it('a row holding only its index is then a problem, as reading the whole file first finds', async () => {
    const onlyIndex = (rows: string[]) => {
      rows[2] = `2${','.repeat(rows[2].split(',').length - 1)}`; // line 4: the index, every other cell blank
    };
    // With the index dropped, the row is blank and skipped.
    await expect(streamed(await indexed('blank-row', 300, onlyIndex), 'rlt-categories', 'csv')).resolves.toMatch(
      /^urn,/,
    );
    const kept = await indexed('kept', 300, (rows) => {
      onlyIndex(rows);
      rows[250] = rows[250].replace(/^\d+,/, 'see note,');
    });
    const error = await streamed(kept, 'rlt-categories', 'csv').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SitError);
    expect((error as SitError).lines.join('\n')).toMatch(/kept\.csv:4: /);
  });
});
