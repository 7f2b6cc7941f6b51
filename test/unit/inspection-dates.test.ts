// Issue 15, class 20: an inspection dated after the as-of date is a data problem on both roads
// (in memory and streaming), never a school placed as if inspected in the future.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classify, inspectionDateProblems } from '../../src/core/classify.js';
import { toSchools } from '../../src/core/school.js';
import { classifyStream } from '../../src/io/classify-stream.js';
import { SitError } from '../../src/errors.js';
import { presetPolicy } from '../helpers/fixtures.js';

const HEADER = ['urn', 'name', 'phase', 'ofsted_overall', 'ofsted_date', 'previous_ofsted_date', 'rc_date'];
const school = (cells: string[]) => toSchools(HEADER, [{ line: 2, cells }]).schools[0];

describe('inspection dates after the as-of date', () => {
  it('each inspection date later than as-of is one problem naming the column and both dates', () => {
    const s = school(['100001', 'Ashgrove', 'primary', 'Good', '2027-03-14', '2020-01-10', '2026-09-02']);
    expect(inspectionDateProblems(s, '2026-09-01')).toEqual([
      {
        line: 2,
        column: 'ofsted_date',
        message: expect.stringContaining('2027-03-14 is after the as-of date 2026-09-01'),
      },
      { line: 2, column: 'rc_date', message: expect.stringContaining('2026-09-02 is after the as-of date 2026-09-01') },
    ]);
  });

  it('an inspection on the as-of day itself, or blank, is fine', () => {
    const s = school(['100001', 'Ashgrove', 'primary', 'Good', '2026-09-01', '', '']);
    expect(inspectionDateProblems(s, '2026-09-01')).toEqual([]);
  });

  it('classify places no school when one is inspected in the future', () => {
    const s = school(['100001', 'Ashgrove', 'primary', 'Good', '2027-03-14', '', '']);
    const result = classify([s], presetPolicy('rlt-categories'), { asOf: '2026-09-01' });
    expect(result.placements).toEqual([]);
    expect(result.problems.map((p) => p.column)).toEqual(['ofsted_date']);
  });

  it('the streaming road refuses it the same way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sit-future-'));
    const path = join(dir, 'future.csv');
    writeFileSync(path, 'urn,name,phase,ofsted_overall,ofsted_date\n100001,Ashgrove,primary,Good,14/03/2027\n');
    let out = '';
    const run = () =>
      classifyStream({
        input: { path, display: 'future.csv', stdin: null },
        policy: presetPolicy('rlt-categories'),
        asOf: '2026-09-01',
        format: 'csv',
        sink: {
          write: (t: string) => {
            out += t;
          },
        },
      });
    const error = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SitError);
    expect((error as SitError).lines).toEqual([
      expect.stringMatching(/^future\.csv:2: column "ofsted_date": 2027-03-14 is after the as-of date 2026-09-01/),
    ]);
    expect(out).toBe('');
  });
});
