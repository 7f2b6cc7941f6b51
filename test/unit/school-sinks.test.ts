// Reading a school file a school at a time (issue 13): readSchoolsInto hands each school on and
// keeps none; sit explain keeps the rows findSchool could pick out; readChecked checks each school
// against the policy as it comes. What is kept is counted here, as memory cannot be a test.
import { describe, expect, it } from 'vitest';
import { SchoolJoin } from '../../src/core/join.js';
import type { SchoolRecord } from '../../src/core/school.js';
import { readChecked } from '../../src/io/checked-read.js';
import { countTrust, trustSizes } from '../../src/core/facts.js';
import { findSchool, schoolsToFind } from '../../src/io/find-school.js';
import { readSchoolsFrom, readSchoolsInto } from '../../src/io/read-schools.js';
import type { Policy } from '../../src/core/policy.js';
import { loadConfig } from '../../src/io/config.js';

const input = (text: string) => ({
  path: 'schools.csv',
  display: 'schools.csv',
  stdin: null,
  bytes: Buffer.from(text),
});

/** `n` schools, every third an academy of the same name part. */
const schoolsCsv = (n: number, extra: string[] = []) =>
  [
    'urn,name,ofsted_overall,ofsted_date',
    ...Array.from(
      { length: n },
      (_, i) => `${100001 + i},${i % 3 === 0 ? 'Oak Academy' : 'Elm Primary'} ${i},Good,2023-01-10`,
    ),
    ...extra,
  ].join('\n');

describe('readSchoolsInto: each school handed on, none kept', () => {
  it('hands every school to the sink in order, counts them, and keeps the problems in the file order', async () => {
    const seen: number[] = [];
    const read = await readSchoolsInto(
      input(schoolsCsv(5, ['12,Bad URN,Good,2023-01-10', '100002,Again,Good,2023-01-10', '100010,Ten,Excellent,'])),
      {},
      () => (school) => seen.push(school.urn),
    );
    expect(seen).toEqual([100001, 100002, 100003, 100004, 100005]);
    expect(read.count).toBe(5);
    expect(read).not.toHaveProperty('schools');
    expect(read.problems.map((p) => [p.line, p.column])).toEqual([
      [7, 'urn'],
      [8, 'urn'],
      [9, 'ofsted_overall'],
    ]);
    expect(read.problems[1].message).toBe('URN 100002 appears twice (first on line 3); each school needs one row');
  });
  it('tells URNs apart across the whole range (100001 and 165537 share their low bits), 999999 included', async () => {
    const text = ['urn,name', '100001,A', '165537,B', '999999,C', '165537,D', '999999,E', '100001,F'].join('\n');
    const read = await readSchoolsInto(input(text), {}, () => () => {});
    expect(read.count).toBe(3);
    expect(read.problems.map((p) => p.message)).toEqual([
      'URN 165537 appears twice (first on line 3); each school needs one row',
      'URN 999999 appears twice (first on line 4); each school needs one row',
      'URN 100001 appears twice (first on line 2); each school needs one row',
    ]);
  });
  it('gives readSchoolsFrom the same schools and problems as it hands on', async () => {
    const text = schoolsCsv(4, ['100001,Twice,Good,2023-01-10']);
    const whole = await readSchoolsFrom(input(text));
    const urns: number[] = [];
    const read = await readSchoolsInto(input(text), {}, () => (s) => urns.push(s.urn));
    expect(whole.schools.map((s) => s.urn)).toEqual(urns);
    expect(whole.problems).toEqual(read.problems);
    expect(whole.encoding).toBe(read.encoding);
  });
  it('when a late row voids the pandas index, the header comes again and only the second reading counts', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => `${i},${100001 + i},School ${i}`);
    const text = [',urn,name', ...rows, `x,${100200},Last`].join('\n');
    const heads: number[] = [];
    let kept: number[] = [];
    const read = await readSchoolsInto(input(text), {}, (head) => {
      heads.push(head.headers.length);
      const into: number[] = [];
      kept = into;
      return (s) => into.push(s.urn);
    });
    // First read without the unnamed column (judged an index), then with it (it holds "x").
    expect(heads).toEqual([2, 3]);
    expect(kept).toHaveLength(121);
    expect(read.count).toBe(121);
  });
  it('a header with no schools is still a data error', async () => {
    await expect(readSchoolsInto(input('urn,name\n'), {}, () => () => {})).rejects.toThrow(
      /has a header but no schools/,
    );
  });
});

describe('schoolsToFind: the rows sit explain keeps for findSchool', () => {
  const all = Array.from({ length: 30 }, (_, i) => ({
    urn: 100001 + i,
    name: i % 3 === 0 ? `St Mary's Academy ${i}` : `Elm Primary ${i}`,
  }));
  const wrap = (list: typeof all) => list.map((school) => ({ school }));
  const same = (given: string) => {
    const kept = all.filter(schoolsToFind(given));
    const whole = () => findSchool(wrap(all), given, 'f.csv');
    const part = () => findSchool(wrap(kept), given, 'f.csv', all.length);
    let expected: unknown;
    try {
      expected = whole();
    } catch (error) {
      expect(part).toThrow((error as Error).message);
      return kept.length;
    }
    expect(part()).toEqual(expected);
    return kept.length;
  };
  it('keeps the one URN, a name and every name holding it; findSchool finds the same among them', () => {
    expect(same('100004')).toBe(1);
    expect(same(' 100005 ')).toBe(1);
    expect(same('elm primary 1')).toBe(8);
    expect(same('ST MARYS academy 3')).toBe(1);
    expect(same('st marys')).toBe(10);
  });
  it('a URN or a name not in the file names the schools the file has, not those kept', () => {
    expect(same('999999')).toBe(0);
    expect(same('no such school')).toBe(0);
    expect(() => findSchool([], '999999', 'f.csv', 30)).toThrow('URN 999999 is not in f.csv (30 schools)');
    expect(() => findSchool([], 'nowhere', 'f.csv', 30)).toThrow('no school named "nowhere" in f.csv (30 schools)');
  });
  it('a name of punctuation only keeps nothing and is the usage error it was', () => {
    expect(same('---')).toBe(0);
  });
});

describe('readChecked: the policy chosen at the header, each school checked as it comes', () => {
  const loaded = loadConfig({ cwd: '/', preset: 'rlt-categories' });
  it('keeps only what the sink keeps, and finds the future inspections in the file order', async () => {
    const text = schoolsCsv(50, ['100100,Late,Good,2030-01-01', '100101,Later,Good,2031-01-01']);
    const kept: SchoolRecord[] = [];
    const placeable: boolean[] = [];
    let policies = 0;
    const run = await readChecked(
      input(text),
      {},
      '2026-03-01',
      () => ({ loaded, note: null }),
      (policy: Policy) => {
        policies++;
        expect(policy.id).toBe('rlt-categories');
        const wanted = schoolsToFind('oak academy 4');
        return (school, ok) => {
          placeable.push(ok);
          if (wanted(school)) kept.push(school);
        };
      },
    );
    expect(policies).toBe(1);
    expect(run.data.count).toBe(52);
    expect(kept.map((s) => s.name)).toEqual(['Oak Academy 42', 'Oak Academy 45', 'Oak Academy 48']);
    expect(run.problems.map((p) => p.line)).toEqual([52, 53]);
    expect(placeable.indexOf(false)).toBe(50);
    expect(placeable.slice(50)).toEqual([false, false]);
    expect(run.chosen().loaded).toBe(loaded);
  });
  it('joins each school to the --with file as it comes, a fresh join for each reading of the file', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => `${i},${100001 + i},School ${i},`);
    const text = [',urn,name,trust', ...rows, `x,${100200},Last,`].join('\n');
    const extra = await readSchoolsFrom(input('urn,name,trust\n100002,Two,Kestrel\n100200,Last,Heron\n199999,Gone,'));
    let joins = 0;
    const trusts: (string | null)[] = [];
    const run = await readChecked(
      input(text),
      {},
      '2026-03-01',
      () => ({ loaded, note: null }),
      () => {
        trusts.length = 0;
        return (school) => trusts.push(school.fields.trust as string | null);
      },
      () => {
        joins++;
        return new SchoolJoin('schools.csv', [{ file: 'extra.csv', schools: extra.schools }]);
      },
    );
    // The file is read twice (the unnamed column is not an index after all): the second join is the file's.
    expect(joins).toBe(2);
    expect(run.join!.reports()).toEqual([
      { file: 'extra.csv', matched: 2, unmatched: [199999], absent: expect.any(Array) },
    ]);
    expect(run.join!.reports()[0].absent).toHaveLength(119);
    expect(trusts.filter((t) => t !== null)).toEqual(['Kestrel', 'Heron']);
  });
  it('what choosing the policy threw is thrown when asked for, after the file is read', async () => {
    const run = await readChecked(
      input(schoolsCsv(3)),
      {},
      '2026-03-01',
      () => {
        throw new Error('no such preset');
      },
      () => () => {
        throw new Error('not reached');
      },
    );
    expect(run.data.count).toBe(3);
    expect(() => run.chosen()).toThrow('no such preset');
  });
});

describe('countTrust: schools per trust as they come', () => {
  it('counts as trustSizes counts the whole file', async () => {
    const text = ['urn,name,trust', '100001,A,Oak Trust', '100002,B,', '100003,C,Oak Trust', '100004,D,Elm Trust'].join(
      '\n',
    );
    const whole = await readSchoolsFrom(input(text));
    const sizes = new Map<string, number>();
    for (const school of whole.schools) countTrust(sizes, school);
    expect(sizes).toEqual(trustSizes(whole.schools));
    expect([...sizes]).toEqual([
      ['Oak Trust', 2],
      ['Elm Trust', 1],
    ]);
  });
});
