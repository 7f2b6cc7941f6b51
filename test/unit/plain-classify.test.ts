// The bench's plain Node pass (scripts/plain-classify.mjs) is a fair yardstick only if it reads CSV
// as CSV and places schools as sit does: its splitter against quoted fields cut at every point,
// and its tiers and days against sit classify's on generated schools.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../helpers/run-sit.js';
// @ts-expect-error: a plain script, no types
import { writeSchools } from '../../scripts/gen-schools.mjs';
// @ts-expect-error: a plain script, no types
import { CsvSplitter, plainClassify } from '../../scripts/plain-classify.mjs';

interface CsvRecord {
  fields: string[];
  text: string;
}

function split(chunks: string[]): CsvRecord[] {
  const splitter = new CsvSplitter();
  return [...chunks.flatMap((chunk) => [...splitter.push(chunk)]), ...splitter.end()];
}

describe('the plain pass splits CSV', () => {
  const text =
    'urn,name,note\r\n100001,"Oak, Ash Academy","said ""good"""\r\n100002,Elm,"two\nlines"\n100003,,\n100004,"end",x';
  const expected = [
    ['urn', 'name', 'note'],
    ['100001', 'Oak, Ash Academy', 'said "good"'],
    ['100002', 'Elm', 'two\nlines'],
    ['100003', '', ''],
    ['100004', 'end', 'x'],
  ];

  it('quoted commas, doubled quotes, a line break in quotes, CRLF and no final line break', () => {
    const records = split([text]);
    expect(records.map((r) => r.fields)).toEqual(expected);
    expect(records.map((r) => r.text)).toEqual([
      'urn,name,note',
      '100001,"Oak, Ash Academy","said ""good"""',
      '100002,Elm,"two\nlines"',
      '100003,,',
      '100004,"end",x',
    ]);
  });

  it('the same records however the text is cut into chunks', () => {
    for (let at = 0; at <= text.length; at++)
      expect(split([text.slice(0, at), text.slice(at)]).map((r) => r.fields)).toEqual(expected);
    expect(split([...text]).map((r) => r.fields)).toEqual(expected);
  });
});

describe('the plain pass places generated schools as sit classify --preset rlt-categories does', () => {
  it('the same tier and days for every school, each record written back as it came', async () => {
    const work = mkdtempSync(join(tmpdir(), 'sit-plain-'));
    const file = join(work, 'schools.csv');
    await writeSchools(3000, file);
    let out = '';
    const sink = {
      write: (s: string) => {
        out += s;
        return true; // never full, so the pass never waits for 'drain'
      },
    };
    await plainClassify(file, '2026-09-01', sink);
    const sit = await runInProcess(
      ['classify', file, '--preset', 'rlt-categories', '--as-of', '2026-09-01', '--format', 'json', '--quiet'],
      { cwd: work },
    );
    expect(sit.code).toBe(0);
    const placements: { urn: number; tier: string | null; days: number | null }[] = JSON.parse(sit.stdout);
    const [header, ...records] = split([out]);
    const at = (name: string) => header.fields.indexOf(name);
    const ours = records.map((r) => [Number(r.fields[at('urn')]), r.fields[at('tier')], r.fields[at('days')]]);
    expect(ours).toEqual(placements.map((p) => [p.urn, p.tier ?? '', p.days === null ? '' : String(p.days)]));
    // every tier and the "needs data" of blank fields occur, so the comparison covers each branch
    expect(new Set(ours.map(([, tier]) => tier))).toEqual(new Set(['A', 'B', 'C', 'D', '']));
    const input = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(out.trimEnd().split('\n')).toEqual(
      input.map((line, i) => `${line},${i === 0 ? 'tier,days' : ours[i - 1].slice(1).join(',')}`),
    );
  });
});
